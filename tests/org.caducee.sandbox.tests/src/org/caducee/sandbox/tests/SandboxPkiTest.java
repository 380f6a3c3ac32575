package org.caducee.sandbox.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

import org.caducee.sandbox.DemoPractice;
import org.caducee.sandbox.SandboxPki;
import org.caducee.sandbox.SandboxPki.Credential;
import org.caducee.sandbox.internal.SandboxPkiComponent;
import org.caducee.sandbox.internal.TestPki;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SandboxPkiTest {

    private static Path dataDir;
    private static TestPki pki;

    @BeforeAll
    static void generateOnce() throws Exception {
        dataDir = Files.createTempDirectory("caducee-pki-test");
        pki = TestPki.openOrCreate(SandboxPkiComponent.pkiDirectory(dataDir), Instant.now());
    }

    @Test
    void givenGeneratedPki_whenValidatingEveryChainWithTheJdk_thenItLeadsToTheTestRoot() throws Exception {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(pki.rootCertificate(), null)));
        params.setRevocationEnabled(false);
        for (Credential credential : Credential.values()) {
            List<X509Certificate> chain = pki.chain(credential);
            assertThat(chain).hasSize(3);
            CertPath path = factory.generateCertPath(chain.subList(0, chain.size() - 1));
            CertPathValidator.getInstance("PKIX").validate(path, params);
        }
        assertThat(pki.rootCertificate().getSubjectX500Principal().getName()).contains("CN=" + SandboxPki.ROOT_NAME);
        assertThat(pki.organisationsCaCertificate().getSubjectX500Principal().getName()).contains("CN=" + SandboxPki.ORGANISATIONS_CA_NAME);
        assertThat(pki.personnesCaCertificate().getSubjectX500Principal().getName()).contains("CN=" + SandboxPki.PERSONNES_CA_NAME);
        assertThat(pki.chain(Credential.CARD_AUTH).get(1)).isEqualTo(pki.personnesCaCertificate());
        assertThat(pki.chain(Credential.ORGANISATION_AUTH).get(1)).isEqualTo(pki.organisationsCaCertificate());
    }

    @Test
    void givenServerCertificate_thenItNamesTheLoopbackAndAllowsServerAuth() throws Exception {
        X509Certificate server = pki.certificate(Credential.SERVER);
        assertThat(server.getSubjectAlternativeNames()).extracting(l -> l.get(1).toString())
                .contains("localhost", "127.0.0.1")
                .anyMatch(s -> s.equals("0:0:0:0:0:0:0:1") || s.equals("::1"));
        assertThat(server.getExtendedKeyUsage()).contains("1.3.6.1.5.5.7.3.1");
        assertThat(server.getBasicConstraints()).isEqualTo(-1);
        assertThat(pki.serverSslContext()).isNotNull();
    }

    @Test
    void givenCardPkcs12_whenOpenedWithTheDocumentedPassword_thenItHoldsAuthenticationAndSignatureKeys() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(pki.keyStorePath(Credential.CARD_AUTH))) {
            store.load(in, SandboxPki.DEMO_KEY_STORE_PASSWORD.toCharArray());
        }
        char[] password = "caducee-demo".toCharArray();
        assertThat(store.getKey("authentification", password)).isInstanceOf(PrivateKey.class);
        assertThat(store.getKey("signature", password)).isInstanceOf(PrivateKey.class);
        X509Certificate auth = (X509Certificate) store.getCertificate("authentification");
        String cn = IETFUtils.valueToString(X500Name.getInstance(auth.getSubjectX500Principal().getEncoded())
                .getRDNs(BCStyle.CN)[0].getFirst().getValue());
        assertThat(cn).isEqualTo("8" + DemoPractice.DOCTOR_RPPS);
        assertThat(auth.getExtendedKeyUsage()).contains("1.3.6.1.5.5.7.3.2");
        X509Certificate sign = (X509Certificate) store.getCertificate("signature");
        assertThat(sign.getKeyUsage()[1]).as("nonRepudiation").isTrue();
        assertThat(pki.certificate(Credential.ORGANISATION_SIGN).getKeyUsage()[1]).isTrue();
        assertThat(pki.certificate(Credential.ORGANISATION_AUTH).getExtendedKeyUsage()).contains("1.3.6.1.5.5.7.3.2");
    }

    @Test
    void givenTrustStore_whenOpenedWithTheDocumentedPassword_thenItHoldsTheThreeAuthorities() throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(pki.trustStorePath())) {
            trust.load(in, pki.trustStorePassword().toCharArray());
        }
        assertThat(trust.size()).isEqualTo(3);
        assertThat(trust.getCertificateAlias(pki.rootCertificate())).isNotNull();
    }

    @Test
    void givenExistingPki_whenStartingAgain_thenItIsReusedNotRegenerated() throws Exception {
        long modified = Files.getLastModifiedTime(pki.trustStorePath()).toMillis();
        TestPki again = TestPki.openOrCreate(SandboxPkiComponent.pkiDirectory(dataDir), Instant.now());
        assertThat(again.rootCertificate()).isEqualTo(pki.rootCertificate());
        assertThat(again.certificate(Credential.SERVER)).isEqualTo(pki.certificate(Credential.SERVER));
        assertThat(Files.getLastModifiedTime(again.trustStorePath()).toMillis()).isEqualTo(modified);
        try (var siblings = Files.list(dataDir.resolve("sandbox"))) {
            assertThat(siblings.map(p -> p.getFileName().toString())).containsExactly("pki");
        }
    }

    @Test
    void givenNoSoftHsmOnPath_thenTheTokenIsSkipped() {
        boolean toolPresent = System.getenv("PATH") != null && java.util.Arrays.stream(System.getenv("PATH").split(java.io.File.pathSeparator))
                .anyMatch(d -> Files.isExecutable(Path.of(d, "softhsm2-util")));
        assertThat(pki.softHsmConfig().isPresent()).isEqualTo(toolPresent);
    }
}
