package org.caducee.mss.tests;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A look-alike of the structure's authentication certificate: same subject, client authentication usage, but issued
 * by an authority made up here, which no MSSanté server trusts. (An authority named like a trusted one makes Dovecot
 * 2.3 fail the TLS handshake now and then, with OpenSSL's "rsa routines::invalid padding" left from the signature
 * check, instead of refusing the login: see ADR 0015.)
 */
final class ForgedCertificate {

    static final String PASSWORD = "contrefacon";

    private ForgedCertificate() {
    }

    /** A PKCS#12 holding the look-alike of {@code genuine} with its made-up authority, valid from now for two days. */
    static KeyStore of(X509Certificate genuine) throws Exception {
        return of(genuine, Instant.now());
    }

    /** The same, expired since yesterday. */
    static KeyStore expired(X509Certificate genuine) throws Exception {
        return of(genuine, Instant.now().minus(Duration.ofDays(3)));
    }

    private static KeyStore of(X509Certificate genuine, Instant from) throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        KeyPair authorityKeys = rsa.generateKeyPair();
        KeyPair keys = rsa.generateKeyPair();
        X500Name authority = new X500Name("C=FR,O=AUTORITE DE TEST NON RECONNUE,CN=AC INCONNUE DES OPERATEURS MSSANTE");
        X509Certificate ca = sign(authority, authorityKeys, authority, authorityKeys, true, from);
        X509Certificate leaf = sign(authority, authorityKeys, X500Name.getInstance(genuine.getSubjectX500Principal().getEncoded()), keys, false, from);
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("authentification", keys.getPrivate(), PASSWORD.toCharArray(), new Certificate[] { leaf, ca });
        return store;
    }

    private static X509Certificate sign(X500Name issuer, KeyPair issuerKeys, X500Name subject, KeyPair subjectKeys, boolean ca, Instant now)
            throws Exception {
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(now.toEpochMilli()).add(BigInteger.valueOf(ca ? 0 : 1)),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(2))), subject, subjectKeys.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        if (!ca) {
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
        }
        return new JcaX509CertificateConverter().getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(issuerKeys.getPrivate())));
    }
}
