package org.caducee.ins.insi;

import java.security.KeyStore;

import org.caducee.ins.internal.insi.CardAuthentication;
import org.caducee.ins.internal.insi.OrganisationAuthentication;

/** The authentication modes Caducée provides (the PSC one is plugged by its own bundle). */
public final class InsiAuthentications {

    private InsiAuthentications() {
    }

    /**
     * PS card mode: TLS with the card's authentication certificate and an Assertion PS signed with its signature key.
     *
     * @param card        the card key store (PKCS#11 through SunPKCS11, or a PKCS#12 file), loaded
     * @param pin         PIN / password of the keys
     * @param authAlias   alias of the authentication key
     * @param signAlias   alias of the signature key
     * @param trust       trust anchors of the service's TLS certificate
     * @param psId        national identifier of the professional (8 + RPPS), {@code Subject/NameID} of the assertion
     * @param billingId   {@code identifiantFacturation} (numéro de facturation), may be null
     * @param sector      {@code secteurActivite} (e.g. SA07), may be null
     */
    public static InsiAuthentication card(KeyStore card, char[] pin, String authAlias, String signAlias, KeyStore trust, String psId,
            String billingId, String sector) {
        return new CardAuthentication(card, pin, authAlias, signAlias, trust, psId, billingId, sector);
    }

    /** Organisation mode: mutual TLS with the structure's authentication certificate, no assertion. */
    public static InsiAuthentication organisation(KeyStore keyStore, char[] password, String alias, KeyStore trust) {
        return new OrganisationAuthentication(keyStore, password, alias, trust);
    }
}
