package org.caducee.dmp.vihf;

/**
 * The VIHF {@code Authentification_Mode}: how the professional was authenticated. The credential itself travels as
 * the {@code AuthnContextClassRef}, see {@link AuthenticationContext}.
 */
public enum AuthenticationMode {
    /** With the professional's own CPS card (or e-CPS). */
    DIRECTE("urn:oasis:names:tc:SAML:2.0:ac:classes:SmartcardPKI"),
    /** By the structure: the structure certificate signs the VIHF (Pro Santé Connect mode as well). */
    INDIRECTE("urn:oasis:names:tc:SAML:2.0:ac:classes:TLSClient"),
    /** Indirect, with the software's own strong authentication (AIR). */
    INDIRECTE_RENFORCEE("urn:oasis:names:tc:SAML:2.0:ac:classes:Password");

    private final String authnContextClass;

    AuthenticationMode(String authnContextClass) {
        this.authnContextClass = authnContextClass;
    }

    /** The SAML {@code AuthnContextClassRef} historically paired with this mode; the VIHF writes {@link AuthenticationContext}. */
    public String authnContextClass() {
        return authnContextClass;
    }
}
