package org.caducee.ins.internal.insi;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509KeyManager;

/** TLS contexts presenting one chosen key of a key store and trusting the given anchors (never "trust all"). */
final class Tls {

    private Tls() {
    }

    static SSLContext context(KeyStore keyStore, char[] password, String alias, KeyStore trust) throws GeneralSecurityException {
        KeyManager[] keys = null;
        if (keyStore != null) {
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keyStore, password);
            X509KeyManager base = (X509KeyManager) kmf.getKeyManagers()[0];
            keys = new KeyManager[] { alias == null ? base : new OneAlias(base, alias) };
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys, tmf.getTrustManagers(), null);
        return context;
    }

    /** Always presents the same key (a card holds an authentication and a signature key). */
    private static final class OneAlias extends X509ExtendedKeyManager {
        private final X509KeyManager base;
        private final String alias;

        OneAlias(X509KeyManager base, String alias) {
            this.base = base;
            this.alias = alias;
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return new String[] { alias };
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return alias;
        }

        @Override
        public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
            return alias;
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return null;
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return null;
        }

        @Override
        public X509Certificate[] getCertificateChain(String a) {
            return base.getCertificateChain(a);
        }

        @Override
        public PrivateKey getPrivateKey(String a) {
            return base.getPrivateKey(a);
        }
    }
}
