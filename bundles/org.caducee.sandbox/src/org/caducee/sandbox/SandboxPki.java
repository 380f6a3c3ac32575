package org.caducee.sandbox;

import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

import javax.net.ssl.SSLContext;

/**
 * The test PKI of the sandbox, mimicking the IGC-Santé hierarchy: a root ("TEST AC RACINE IGC-SANTE ELEMENTAIRE"), an
 * intermediate for organisations and one for persons. Generated once, at first start, under
 * {@code <dataDir>/sandbox/pki/}, then reused. Every demo key store is a PKCS#12 file protected by
 * {@link #keyStorePassword()}; the trust store (root + intermediates) by {@link #trustStorePassword()}. These
 * passwords are public demo values: the sandbox PKI must never be trusted outside the sandbox.
 */
public interface SandboxPki {

    /** The demo credentials, each a private key with its chain in a PKCS#12 file. */
    enum Credential {
        /** TLS server certificate for loopback simulators (SAN localhost, 127.0.0.1, ::1; EKU serverAuth). */
        SERVER("serveur-localhost.p12", "serveur"),
        /** "Personne morale" authentication certificate of the demo structure (ORG AUTH_CLI, EKU clientAuth). */
        ORGANISATION_AUTH("structure-authentification.p12", "authentification"),
        /** "Personne morale" signature certificate of the demo structure (ORG SIGN, non-repudiation). */
        ORGANISATION_SIGN("structure-signature.p12", "signature"),
        /** Authentication certificate of the demo doctor's PS card (CN = 8 + RPPS). */
        CARD_AUTH("carte-cps.p12", "authentification"),
        /** Signature certificate of the demo doctor's PS card (same PKCS#12 as {@link #CARD_AUTH}). */
        CARD_SIGN("carte-cps.p12", "signature");

        private final String fileName;
        private final String alias;

        Credential(String fileName, String alias) {
            this.fileName = fileName;
            this.alias = alias;
        }

        /** File name of the PKCS#12 under {@link SandboxPki#directory()}. */
        public String fileName() {
            return fileName;
        }

        /** Alias of the key entry in the PKCS#12. */
        public String alias() {
            return alias;
        }
    }

    /** Subject CN of the test root. */
    String ROOT_NAME = "TEST AC RACINE IGC-SANTE ELEMENTAIRE";
    /** Subject CN of the intermediate that issues organisation and server certificates. */
    String ORGANISATIONS_CA_NAME = "TEST AC IGC-SANTE ELEMENTAIRE ORGANISATIONS";
    /** Subject CN of the intermediate that issues PS card certificates. */
    String PERSONNES_CA_NAME = "TEST AC IGC-SANTE ELEMENTAIRE PERSONNES";

    /** {@code <dataDir>/sandbox/pki}. */
    Path directory();

    X509Certificate rootCertificate();

    X509Certificate organisationsCaCertificate();

    X509Certificate personnesCaCertificate();

    /** The PKCS#12 trust store holding the root and both intermediates. */
    Path trustStorePath();

    String trustStorePassword();

    /** A loaded copy of the trust store. */
    KeyStore trustStore();

    /** Path of the PKCS#12 holding this credential. */
    Path keyStorePath(Credential credential);

    /** Password of every demo PKCS#12 (store and keys). */
    String keyStorePassword();

    /** A loaded copy of the PKCS#12 holding this credential. */
    KeyStore keyStore(Credential credential);

    /** The end-entity certificate of the credential. */
    X509Certificate certificate(Credential credential);

    /** The chain of the credential, end entity first, root last. */
    List<X509Certificate> chain(Credential credential);

    /** A TLS context presenting {@link Credential#SERVER} and trusting the test root, for loopback simulators. */
    SSLContext serverSslContext();

    /** A TLS context presenting the given client credential and trusting the test root (mutual TLS clients). */
    SSLContext clientSslContext(Credential credential);

    /**
     * The SoftHSM2 configuration file whose token holds the PS card keys, when {@code softhsm2-util} was on the
     * PATH at generation time; empty otherwise. Set {@code SOFTHSM2_CONF} to it to use the token.
     */
    Optional<Path> softHsmConfig();

    /** Label of the SoftHSM2 token of the demo PS card. */
    String SOFTHSM_TOKEN_LABEL = "CPS DEMO CADUCEE";

    /** User PIN of the SoftHSM2 token (the security officer PIN is {@code 12345678}). */
    String SOFTHSM_USER_PIN = "1234";

    /** Password of every demo PKCS#12 (see {@link #keyStorePassword()}). */
    String DEMO_KEY_STORE_PASSWORD = "caducee-demo";

    /** Password of the demo trust store (see {@link #trustStorePassword()}). */
    String DEMO_TRUST_STORE_PASSWORD = "caducee-confiance";
}
