package org.caducee.dmp;

import java.util.Optional;

/** Availability status of a document in the DMP registry (ebRIM status URNs, plus the CI-SIS ones). */
public enum DocumentStatus {
    /** Current. */
    APPROVED("urn:oasis:names:tc:ebxml-regrep:StatusType:Approved"),
    /** Replaced by a newer version (RPLC) or by a metadata update. */
    DEPRECATED("urn:oasis:names:tc:ebxml-regrep:StatusType:Deprecated"),
    /** Archived by its author (TD3.3d): kept, out of the default list. */
    ARCHIVED("urn:asip:ci-sis:2010:StatusType:Archived"),
    /** Deleted by its author (TD3.3c). */
    DELETED("urn:asip:ci-sis:2010:StatusType:Deleted");

    private final String urn;

    DocumentStatus(String urn) {
        this.urn = urn;
    }

    public String urn() {
        return urn;
    }

    public static Optional<DocumentStatus> of(String urn) {
        for (DocumentStatus s : values()) {
            if (s.urn.equals(urn)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
