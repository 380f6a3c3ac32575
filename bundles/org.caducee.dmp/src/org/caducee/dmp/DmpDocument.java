package org.caducee.dmp;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.caducee.xds.DocumentEntry;
import org.caducee.xds.Visibility;
import org.caducee.xds.XdsCode;

/**
 * A document as the DMP registry lists it: its XDS metadata and its availability status. The {@code entryUuid}
 * (technical, changes with each metadata version) and the {@code uniqueId} (the document's id) are kept apart.
 */
public record DmpDocument(DocumentEntry entry, DocumentStatus status) {

    /** Slot naming the repository that holds the bytes. */
    public static final String REPOSITORY_SLOT = "repositoryUniqueId";
    /** Slot the DMP adds to the documents a patient added himself. */
    public static final String PATIENT_ADDED_SLOT = "urn:dmp:ajoutPatient";

    public DmpDocument {
        Objects.requireNonNull(entry, "entry");
        Objects.requireNonNull(status, "status");
    }

    public String uniqueId() {
        return entry.uniqueId();
    }

    public String entryUuid() {
        return entry.entryUuid();
    }

    public Optional<String> repositoryUniqueId() {
        return entry.extraSlot(REPOSITORY_SLOT);
    }

    /** The TRE_A07 visibility flags of the document's confidentialityCode. */
    public Set<Visibility> visibility() {
        Set<Visibility> flags = EnumSet.noneOf(Visibility.class);
        for (XdsCode c : entry.confidentialityCodes()) {
            if (Visibility.CODING_SCHEME.equals(c.codingScheme())) {
                for (Visibility v : Visibility.values()) {
                    if (v.name().equals(c.code())) {
                        flags.add(v);
                    }
                }
            }
        }
        return flags;
    }

    public boolean invisibleToPatient() {
        return visibility().contains(Visibility.INVISIBLE_PATIENT);
    }

    public boolean addedByPatient() {
        return entry.extraSlot(PATIENT_ADDED_SLOT).map("true"::equalsIgnoreCase).orElse(false);
    }

    /** The national id (IDNPS) of the first author, if any. */
    public Optional<String> authorNationalId() {
        return entry.authors().stream().map(a -> a.person()).filter(p -> p != null && !p.isBlank())
                .map(p -> p.split("\\^", 2)[0]).findFirst();
    }

    /** "NOM Prénom" of the first author, or empty. */
    public String authorName() {
        return entry.authors().stream().map(a -> a.person()).filter(p -> p != null && !p.isBlank()).map(p -> {
            String[] parts = p.split("\\^", -1);
            return ((parts.length > 1 ? parts[1] : "") + " " + (parts.length > 2 ? parts[2] : "")).trim();
        }).findFirst().orElse("");
    }
}
