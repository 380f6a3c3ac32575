package org.caducee.ins.internal.insi;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLContext;

import org.caducee.ins.insi.InsiAuthentication;

/** Mutual TLS with the structure's authentication certificate ("TLSM" endpoint); no assertion. */
public final class OrganisationAuthentication implements InsiAuthentication {

    private final KeyStore keyStore;
    private final char[] password;
    private final String alias;
    private final KeyStore trust;
    private volatile SSLContext context;

    public OrganisationAuthentication(KeyStore keyStore, char[] password, String alias, KeyStore trust) {
        this.keyStore = keyStore;
        this.password = password.clone();
        this.alias = alias;
        this.trust = trust;
    }

    @Override
    public String mode() {
        return "organisation";
    }

    @Override
    public SSLContext sslContext() throws GeneralSecurityException {
        SSLContext c = context;
        if (c == null) {
            c = Tls.context(keyStore, password, alias, trust);
            context = c;
        }
        return c;
    }

    @Override
    public String emitter() {
        try {
            X509Certificate cert = (X509Certificate) keyStore.getCertificate(alias);
            return cert == null ? alias : cert.getSubjectX500Principal().getName();
        } catch (GeneralSecurityException e) {
            return alias;
        }
    }
}
