package org.caducee.core.identity;

import org.caducee.core.internal.Messages;

import java.time.Instant;
import java.util.Objects;

/** The high-trust identity document checked to validate an identity (RNIV): which one, by whom, when. */
public record IdentityDocumentCheck(DocumentType type, String checkedBy, Instant checkedAt) {

    /** High-trust identity documents accepted by the RNIV. */
    public enum DocumentType {
        CARTE_IDENTITE, PASSEPORT, TITRE_SEJOUR, LIVRET_FAMILLE, EXTRAIT_ACTE_NAISSANCE,
        /** Identity delivered by the Appli carte Vitale (SC.INS.04/22): qualified at once. */
        APPLI_CARTE_VITALE
    }

    public IdentityDocumentCheck {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(checkedAt, "checkedAt");
        if (checkedBy == null || checkedBy.isBlank()) {
            throw new IllegalArgumentException(Messages.get("identity.checkedBy"));
        }
    }
}
