package org.caducee.sandbox.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.caducee.sandbox.DemoPractice;
import org.caducee.sandbox.SandboxPki;
import org.caducee.sandbox.SandboxPki.Credential;

/**
 * Writes a complete test PKI into an empty directory: root, two intermediates, the demo end-entity credentials as
 * PKCS#12 files, a PKCS#12 trust store and PEM copies of the CA certificates (for curl, openssl…).
 */
final class PkiGenerator {

    static final String TRUST_STORE_FILE = "truststore.p12";
    static final String ROOT_PEM = "ac-racine.pem";
    static final String CHAIN_PEM = "ac-chaine.pem";
    static final String TRUST_ALIAS_ROOT = "ac-racine";
    static final String TRUST_ALIAS_ORG = "ac-organisations";
    static final String TRUST_ALIAS_PERSONNES = "ac-personnes";

    private final SecureRandom random = new SecureRandom();
    private final Instant now;

    PkiGenerator(Instant now) {
        this.now = now;
    }

    void generate(Path dir, char[] keyStorePassword, char[] trustStorePassword) throws GeneralSecurityException, IOException {
        try {
            KeyPair rootKeys = rsa(2048);
            X500Name rootName = caName(SandboxPki.ROOT_NAME);
            X509Certificate root = sign(rootName, rootKeys, rootName, rootKeys.getPublic(), null, Duration.ofDays(365L * 20),
                    ca(-1));

            KeyPair orgKeys = rsa(2048);
            X509Certificate orgCa = sign(rootName, rootKeys, caName(SandboxPki.ORGANISATIONS_CA_NAME), orgKeys.getPublic(), root,
                    Duration.ofDays(365L * 10), ca(0));
            KeyPair personKeys = rsa(2048);
            X509Certificate personCa = sign(rootName, rootKeys, caName(SandboxPki.PERSONNES_CA_NAME), personKeys.getPublic(), root,
                    Duration.ofDays(365L * 10), ca(0));

            X500Name orgCaName = caName(SandboxPki.ORGANISATIONS_CA_NAME);
            X500Name personCaName = caName(SandboxPki.PERSONNES_CA_NAME);
            Duration leaf = Duration.ofDays(365L * 3);

            // TLS server certificate for the loopback simulators.
            KeyPair serverKeys = rsa(2048);
            X500Name serverName = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.C, "FR")
                    .addRDN(BCStyle.O, DemoPractice.STRUCTURE_NAME).addRDN(BCStyle.OU, "SIMULATEURS BAC A SABLE")
                    .addRDN(BCStyle.CN, "localhost").build();
            X509Certificate server = sign(orgCaName, orgKeys, serverName, serverKeys.getPublic(), orgCa, leaf,
                    endEntity(KeyUsage.digitalSignature | KeyUsage.keyEncipherment, KeyPurposeId.id_kp_serverAuth,
                            new GeneralNames(new GeneralName[] { new GeneralName(GeneralName.dNSName, "localhost"),
                                    new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                                    new GeneralName(GeneralName.iPAddress, "::1") })));
            writeP12(dir.resolve(Credential.SERVER.fileName()), keyStorePassword,
                    new Entry(Credential.SERVER.alias(), serverKeys.getPrivate(), List.of(server, orgCa, root)));

            // "Personne morale" certificates of the demo structure (IGC-Santé ORG AUTH_CLI / ORG SIGN).
            X500Name orgSubject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.C, "FR").addRDN(BCStyle.ST, "Paris (75)")
                    .addRDN(BCStyle.O, DemoPractice.STRUCTURE_NAME).addRDN(BCStyle.OU, "3" + DemoPractice.STRUCTURE_SIRET)
                    .addRDN(BCStyle.CN, "3" + DemoPractice.STRUCTURE_SIRET + "/" + DemoPractice.STRUCTURE_NAME).build();
            KeyPair orgAuthKeys = rsa(2048);
            X509Certificate orgAuth = sign(orgCaName, orgKeys, orgSubject, orgAuthKeys.getPublic(), orgCa, leaf,
                    endEntity(KeyUsage.digitalSignature | KeyUsage.keyEncipherment, KeyPurposeId.id_kp_clientAuth, null));
            writeP12(dir.resolve(Credential.ORGANISATION_AUTH.fileName()), keyStorePassword,
                    new Entry(Credential.ORGANISATION_AUTH.alias(), orgAuthKeys.getPrivate(), List.of(orgAuth, orgCa, root)));
            KeyPair orgSignKeys = rsa(2048);
            X509Certificate orgSign = sign(orgCaName, orgKeys, orgSubject, orgSignKeys.getPublic(), orgCa, leaf,
                    endEntity(KeyUsage.nonRepudiation | KeyUsage.digitalSignature, null, null));
            writeP12(dir.resolve(Credential.ORGANISATION_SIGN.fileName()), keyStorePassword,
                    new Entry(Credential.ORGANISATION_SIGN.alias(), orgSignKeys.getPrivate(), List.of(orgSign, orgCa, root)));

            // PS card of the demo doctor: CN = 8 + RPPS, authentication and signature keys.
            X500Name cardSubject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.C, "FR")
                    .addRDN(BCStyle.O, DemoPractice.STRUCTURE_NAME).addRDN(BCStyle.OU, "3" + DemoPractice.STRUCTURE_SIRET)
                    .addRDN(BCStyle.SURNAME, DemoPractice.DOCTOR_LAST_NAME).addRDN(BCStyle.GIVENNAME, DemoPractice.DOCTOR_FIRST_NAME)
                    .addRDN(BCStyle.T, "Médecin").addRDN(BCStyle.CN, "8" + DemoPractice.DOCTOR_RPPS).build();
            KeyPair cardAuthKeys = rsa(2048);
            X509Certificate cardAuth = sign(personCaName, personKeys, cardSubject, cardAuthKeys.getPublic(), personCa, leaf,
                    endEntity(KeyUsage.digitalSignature, KeyPurposeId.id_kp_clientAuth, null));
            KeyPair cardSignKeys = rsa(2048);
            X509Certificate cardSign = sign(personCaName, personKeys, cardSubject, cardSignKeys.getPublic(), personCa, leaf,
                    endEntity(KeyUsage.nonRepudiation, null, null));
            writeP12(dir.resolve(Credential.CARD_AUTH.fileName()), keyStorePassword,
                    new Entry(Credential.CARD_AUTH.alias(), cardAuthKeys.getPrivate(), List.of(cardAuth, personCa, root)),
                    new Entry(Credential.CARD_SIGN.alias(), cardSignKeys.getPrivate(), List.of(cardSign, personCa, root)));
            writePem(dir.resolve("carte-cps-authentification.key.pem"), "PRIVATE KEY", cardAuthKeys.getPrivate().getEncoded());
            writePem(dir.resolve("carte-cps-signature.key.pem"), "PRIVATE KEY", cardSignKeys.getPrivate().getEncoded());
            writePem(dir.resolve("carte-cps-authentification.crt.pem"), "CERTIFICATE", cardAuth.getEncoded());
            writePem(dir.resolve("carte-cps-signature.crt.pem"), "CERTIFICATE", cardSign.getEncoded());

            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry(TRUST_ALIAS_ROOT, root);
            trust.setCertificateEntry(TRUST_ALIAS_ORG, orgCa);
            trust.setCertificateEntry(TRUST_ALIAS_PERSONNES, personCa);
            try (OutputStream out = Files.newOutputStream(dir.resolve(TRUST_STORE_FILE))) {
                trust.store(out, trustStorePassword);
            }
            writePem(dir.resolve(ROOT_PEM), "CERTIFICATE", root.getEncoded());
            Files.writeString(dir.resolve(CHAIN_PEM), pem("CERTIFICATE", orgCa.getEncoded()) + pem("CERTIFICATE", personCa.getEncoded())
                    + pem("CERTIFICATE", root.getEncoded()), StandardCharsets.US_ASCII);
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }

    private record Entry(String alias, PrivateKey key, List<X509Certificate> chain) {
    }

    private record Extensions(boolean ca, int pathLen, int keyUsage, KeyPurposeId eku, GeneralNames san) {
    }

    private static Extensions ca(int pathLen) {
        return new Extensions(true, pathLen, KeyUsage.keyCertSign | KeyUsage.cRLSign, null, null);
    }

    private static Extensions endEntity(int keyUsage, KeyPurposeId eku, GeneralNames san) {
        return new Extensions(false, -1, keyUsage, eku, san);
    }

    private static X500Name caName(String cn) {
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.C, "FR").addRDN(BCStyle.O, "ASIP-SANTE")
                .addRDN(BCStyle.OU, "IGC-SANTE TEST (BAC A SABLE CADUCEE)").addRDN(BCStyle.CN, cn).build();
    }

    private KeyPair rsa(int bits) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(bits, random);
        return generator.generateKeyPair();
    }

    private X509Certificate sign(X500Name issuer, KeyPair issuerKeys, X500Name subject, java.security.PublicKey subjectKey,
            X509Certificate issuerCert, Duration validity, Extensions ext)
            throws GeneralSecurityException, OperatorCreationException, IOException {
        Instant notBefore = now.minus(Duration.ofDays(1));
        BigInteger serial = new BigInteger(127, random).setBit(126);
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, serial, Date.from(notBefore),
                Date.from(notBefore.plus(validity)), subject, subjectKey);
        JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
        builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(subjectKey));
        builder.addExtension(Extension.authorityKeyIdentifier, false, issuerCert == null
                ? utils.createAuthorityKeyIdentifier(subjectKey) : utils.createAuthorityKeyIdentifier(issuerCert));
        builder.addExtension(Extension.basicConstraints, true,
                ext.ca() ? (ext.pathLen() >= 0 ? new BasicConstraints(ext.pathLen()) : new BasicConstraints(true)) : new BasicConstraints(false));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(ext.keyUsage()));
        if (ext.eku() != null) {
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(ext.eku()));
        }
        if (ext.san() != null) {
            builder.addExtension(Extension.subjectAlternativeName, false, ext.san());
        }
        ContentSigner signer = new JcaContentSignerBuilder("SHA256withRSA").build(issuerKeys.getPrivate());
        return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    }

    private static void writeP12(Path file, char[] password, Entry... entries) throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        for (Entry entry : entries) {
            store.setKeyEntry(entry.alias(), entry.key(), password, entry.chain().toArray(new Certificate[0]));
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, password);
        }
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static void writePem(Path file, String type, byte[] der) throws IOException {
        Files.writeString(file, pem(type, der), StandardCharsets.US_ASCII);
    }
}
