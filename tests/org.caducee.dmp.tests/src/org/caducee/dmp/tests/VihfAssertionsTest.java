package org.caducee.dmp.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringWriter;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.caducee.dmp.AccessMode;
import org.caducee.dmp.vihf.AuthenticationContext;
import org.caducee.dmp.vihf.AuthenticationMode;
import org.caducee.dmp.vihf.VihfAssertions;
import org.caducee.dmp.vihf.VihfClaims;
import org.caducee.dmp.vihf.VihfException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

class VihfAssertionsTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static KeyPair keys;
    private static X509Certificate certificate;
    private final VihfAssertions vihf = new VihfAssertions();

    private static final VihfClaims CLAIMS = new VihfClaims("810101234567", "MARTIN Claire", "10", Optional.of("SM54"),
            "3" + "12345678900011", "SA07", VihfClaims.insResource("279035121518989", "1.2.250.1.213.1.4.8"),
            AccessMode.NORMAL, AuthenticationMode.INDIRECTE, "caducee", "Caducée", "0.1.0", "DMP-TEST-0001",
            Duration.ofMinutes(10));

    @BeforeAll
    static void structureSignatureCertificate() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        keys = generator.generateKeyPair();
        X500Name name = new X500Name("CN=CABINET DEMO SIGNATURE,O=CABINET DEMO,C=FR");
        certificate = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(name,
                BigInteger.ONE, Date.from(NOW.minus(Duration.ofDays(1))), Date.from(NOW.plus(Duration.ofDays(365))),
                name, keys.getPublic()).build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));
    }

    @Test
    void givenClaims_whenSignedThenVerified_thenTheSameClaimsComeBackWithTheSigner() throws Exception {
        Element assertion = vihf.signed(CLAIMS, NOW, keys.getPrivate(), List.of(certificate));
        String xml = serialize(assertion);
        assertThat(xml).contains("urn:oasis:names:tc:xspa:1.0:subject:purposeofuse")
                .contains("code=\"normal\"").contains("1.2.250.1.213.1.1.4.248")
                .contains("279035121518989^^^&amp;1.2.250.1.213.1.4.8&amp;ISO^NH")
                .contains("<saml2:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:MobileTwoFactorUnregistered");
        // the signature sits right after the Issuer, as the SAML schema orders it
        assertThat(xml.indexOf("</saml2:Issuer><ds:Signature")).isPositive();
        assertThat(vihf.verify(assertion, NOW.plusSeconds(60))).isEqualTo(certificate);
        assertThat(vihf.read(assertion)).isEqualTo(CLAIMS);
        // the assertion travels as text: it must still verify once parsed again
        var factory = javax.xml.parsers.DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Element travelled = factory.newDocumentBuilder()
                .parse(new java.io.ByteArrayInputStream(xml.getBytes(java.nio.charset.StandardCharsets.UTF_8))).getDocumentElement();
        assertThat(vihf.verify(travelled, NOW.plusSeconds(60))).isEqualTo(certificate);
        assertThat(vihf.read(travelled)).isEqualTo(CLAIMS);
    }

    @Test
    void givenTheStructureCertificateAlone_thenTheVihfSaysTlsClientAndReadsBackAsFeedingOnly() {
        VihfClaims structure = new VihfClaims(CLAIMS.nationalId(), CLAIMS.displayName(), CLAIMS.professionCode(), CLAIMS.specialtyCode(),
                CLAIMS.structureId(), CLAIMS.activitySector(), CLAIMS.patientInsResource(), CLAIMS.accessMode(), AuthenticationMode.INDIRECTE,
                CLAIMS.lpsId(), CLAIMS.lpsName(), CLAIMS.lpsVersion(), CLAIMS.dmpHomologation(), CLAIMS.validity(),
                AuthenticationContext.CERTIFICAT_STRUCTURE);
        Element assertion = vihf.signed(structure, NOW, keys.getPrivate(), List.of(certificate));
        var refs = assertion.getElementsByTagNameNS(VihfAssertions.SAML, "AuthnContextClassRef");
        assertThat(refs.item(0).getTextContent()).isEqualTo("urn:oasis:names:tc:SAML:2.0:ac:classes:TLSClient");
        VihfClaims read = vihf.read(assertion);
        assertThat(read).isEqualTo(structure);
        assertThat(read.authenticationContext().feedingOnly()).isTrue();
        assertThat(CLAIMS.authenticationContext().feedingOnly()).isFalse();

        refs.item(0).setTextContent("urn:exemple:inconnu");
        assertThatThrownBy(() -> vihf.read(assertion)).isInstanceOf(VihfException.class).hasMessageContaining("AuthnContextClassRef");
    }

    @Test
    void givenAChangedAccessMode_thenTheSignatureNoLongerHolds() {
        Element assertion = vihf.signed(CLAIMS, NOW, keys.getPrivate(), List.of(certificate));
        var purposes = assertion.getElementsByTagNameNS("urn:hl7-org:v3", "PurposeOfUse");
        ((Element) purposes.item(0)).setAttribute("code", "bris_de_glace");
        assertThatThrownBy(() -> vihf.verify(assertion, NOW)).isInstanceOf(VihfException.class)
                .hasMessageContaining("signature du jeton VIHF est invalide");
    }

    @Test
    void givenAnExpiredOrUnsignedAssertion_thenItIsRefusedWithAReason() {
        Element assertion = vihf.signed(CLAIMS, NOW, keys.getPrivate(), List.of(certificate));
        assertThatThrownBy(() -> vihf.verify(assertion, NOW.plus(Duration.ofMinutes(11))))
                .hasMessageContaining("n’est pas valide à cette heure");
        Element signature = (Element) assertion.getElementsByTagNameNS("http://www.w3.org/2000/09/xmldsig#", "Signature").item(0);
        signature.getParentNode().removeChild(signature);
        assertThatThrownBy(() -> vihf.verify(assertion, NOW)).hasMessageContaining("n’est pas signé");
    }

    private static String serialize(Element element) throws Exception {
        StringWriter out = new StringWriter();
        TransformerFactory.newInstance().newTransformer().transform(new DOMSource(element), new StreamResult(out));
        return out.toString();
    }
}
