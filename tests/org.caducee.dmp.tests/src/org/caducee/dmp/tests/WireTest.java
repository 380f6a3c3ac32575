package org.caducee.dmp.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.caducee.dmp.wire.Mtom;
import org.caducee.dmp.wire.Soap;
import org.caducee.dmp.wire.XdsMessages;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/** MTOM packaging and the stored-query parameters, as both ends of the DMP wire read them. */
class WireTest {

    @Test
    void givenBinaryPartsThatLookLikeMultipartSyntax_thenTheyComeBackByteForByte() {
        byte[] envelope = "<soap:Envelope xmlns:soap=\"http://www.w3.org/2003/05/soap-envelope\"/>".getBytes(StandardCharsets.UTF_8);
        byte[] tricky = "\r\n--MIMEBoundary\r\nContent-ID: <x>\r\n\r\n\u0000\u00ff fin\r\n".getBytes(StandardCharsets.ISO_8859_1);
        Map<String, byte[]> parts = new LinkedHashMap<>();
        parts.put("doc1@test", tricky);
        parts.put("doc2@test", new byte[0]);
        Mtom.Packaged packaged = Mtom.write(envelope, XdsMessages.ITI41, parts);
        assertThat(packaged.contentType()).startsWith("multipart/related").contains("application/xop+xml").contains(XdsMessages.ITI41);
        Mtom.Parts read = Mtom.read(packaged.contentType(), packaged.body());
        assertThat(read.root()).isEqualTo(envelope);
        assertThat(read.attachment("cid:doc1@test")).hasValueSatisfying(b -> assertThat(b).isEqualTo(tricky));
        assertThat(read.attachment("doc2@test")).hasValueSatisfying(b -> assertThat(b).isEmpty());
        assertThat(read.attachment("cid:unknown")).isEmpty();
    }

    @Test
    void givenAPlainSoapBody_thenItIsTheRootWithoutAttachment() {
        byte[] body = "<x/>".getBytes(StandardCharsets.UTF_8);
        assertThat(Mtom.read(Soap.CONTENT_TYPE, body).root()).isEqualTo(body);
    }

    @Test
    void givenABrokenMultipart_thenItIsRefused() {
        assertThatThrownBy(() -> Mtom.read("multipart/related; type=\"application/xop+xml\"", new byte[10]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Mtom.read("multipart/related; boundary=\"b\"", "--b\r\nContent-ID: <r>\r\n\r\nsans fin".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void givenStoredQueryValuesWithQuotesAndLists_thenTheyAreReadBackUnquoted() {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        parameters.put("$XDSDocumentEntryPatientId", List.of("279035121518989^^^&1.2.250.1.213.1.4.10&ISO^NH"));
        parameters.put("$XDSDocumentEntryStatus", List.of("urn:oasis:names:tc:ebxml-regrep:StatusType:Approved",
                "urn:asip:ci-sis:2010:StatusType:Archived"));
        parameters.put("$XDSDocumentEntryTypeCode", List.of("11488-4"));
        parameters.put("$Titre", List.of("l'ordonnance, la vraie"));
        Document envelope = Soap.request(XdsMessages.ITI18, java.net.URI.create("https://localhost/registry"), newAssertion());
        XdsMessages.writeQuery(envelope, new XdsMessages.StoredQuery(XdsMessages.FIND_DOCUMENTS, parameters));
        Optional<XdsMessages.StoredQuery> read = XdsMessages.readQuery(Soap.payload(envelope));
        assertThat(read).hasValueSatisfying(q -> {
            assertThat(q.queryId()).isEqualTo(XdsMessages.FIND_DOCUMENTS);
            assertThat(q.parameters()).isEqualTo(parameters);
        });
    }

    private static org.w3c.dom.Element newAssertion() {
        try {
            Document doc = javax.xml.parsers.DocumentBuilderFactory.newDefaultNSInstance().newDocumentBuilder().newDocument();
            org.w3c.dom.Element a = doc.createElementNS(Soap.SAML, "saml2:Assertion");
            doc.appendChild(a);
            return a;
        } catch (javax.xml.parsers.ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }
}
