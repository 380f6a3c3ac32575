package org.caducee.dmp;

import java.util.Objects;
import java.util.Optional;

import org.caducee.core.care.Consent;
import org.caducee.core.identity.IdentityStatus;

/**
 * What the DICA is computed from: the last existence test, the identity status, the consent of the current care
 * episode (empty when none was recorded), the access mode and whether the professional is strongly authenticated.
 */
public record DicaFacts(DmpState dmpState, IdentityStatus identityStatus, Optional<Consent> consent, AccessMode mode,
        boolean strongAuthentication) {

    public DicaFacts {
        Objects.requireNonNull(dmpState, "dmpState");
        Objects.requireNonNull(identityStatus, "identityStatus");
        Objects.requireNonNull(consent, "consent");
        Objects.requireNonNull(mode, "mode");
    }
}
