package org.caducee.dmp.vihf;

import java.util.Arrays;
import java.util.Optional;

/**
 * The credential behind a VIHF, carried as its SAML {@code AuthnContextClassRef}. The {@code Authentification_Mode}
 * says who vouches for the professional; this says with what. In mode INDIRECTE it tells a Pro Santé Connect session
 * (the professional authenticated with e-CPS) from the structure certificate alone ("authentification indirecte" of
 * the Structures d'exercice coordonné profile, SC.DMP/CONF.22), which the DMP accepts for feeding only.
 */
public enum AuthenticationContext {
    /** The professional's CPS card. */
    CARTE_CPS("urn:oasis:names:tc:SAML:2.0:ac:classes:SmartcardPKI"),
    /** A Pro Santé Connect session (e-CPS). */
    PRO_SANTE_CONNECT("urn:oasis:names:tc:SAML:2.0:ac:classes:MobileTwoFactorUnregistered"),
    /** The structure's authentication certificate only: the professional is named, not authenticated by the DMP. */
    CERTIFICAT_STRUCTURE("urn:oasis:names:tc:SAML:2.0:ac:classes:TLSClient"),
    /** The software's own strong authentication (AIR). */
    AUTHENTIFICATION_LOGICIEL("urn:oasis:names:tc:SAML:2.0:ac:classes:Password");

    private final String classRef;

    AuthenticationContext(String classRef) {
        this.classRef = classRef;
    }

    /** The SAML {@code AuthnContextClassRef}. */
    public String classRef() {
        return classRef;
    }

    /** True when the DMP accepts this credential for feeding only (no consultation, no authorisation). */
    public boolean feedingOnly() {
        return this == CERTIFICAT_STRUCTURE;
    }

    /** The usual credential of a mode: CPS for DIRECTE, Pro Santé Connect for INDIRECTE, the software for AIR. */
    public static AuthenticationContext usual(AuthenticationMode mode) {
        return switch (mode) {
            case DIRECTE -> CARTE_CPS;
            case INDIRECTE -> PRO_SANTE_CONNECT;
            case INDIRECTE_RENFORCEE -> AUTHENTIFICATION_LOGICIEL;
        };
    }

    /** The context whose class reference is {@code classRef}. */
    public static Optional<AuthenticationContext> ofClassRef(String classRef) {
        return Arrays.stream(values()).filter(c -> c.classRef.equals(classRef == null ? null : classRef.trim())).findFirst();
    }
}
