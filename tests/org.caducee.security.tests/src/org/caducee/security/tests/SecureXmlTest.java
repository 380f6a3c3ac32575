package org.caducee.security.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.xml.stream.XMLStreamReader;
import javax.xml.transform.stream.StreamResult;
import javax.xml.transform.stream.StreamSource;

import org.caducee.security.xml.SecureXml;
import org.caducee.security.xml.XmlRejectedException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.xml.sax.helpers.DefaultHandler;

class SecureXmlTest {

    private static final String SECRET = "SECRET-7f3a9c-ne-doit-jamais-sortir";

    @TempDir
    Path dir;

    private String fileUri;
    private String xxe;
    private String externalDtd;

    @BeforeEach
    void setUp() throws Exception {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, SECRET);
        fileUri = secret.toUri().toString();
        Path dtd = dir.resolve("evil.dtd");
        Files.writeString(dtd, "<!ENTITY % all \"<!ENTITY leak SYSTEM '" + fileUri + "'>\"> %all;");
        xxe = "<?xml version=\"1.0\"?>\n<!DOCTYPE r [ <!ENTITY xxe SYSTEM \"" + fileUri + "\"> ]>\n<r>&xxe;</r>";
        externalDtd = "<?xml version=\"1.0\"?>\n<!DOCTYPE r SYSTEM \"" + dtd.toUri() + "\">\n<r>&leak;</r>";
    }

    private static final String BILLION_LAUGHS = """
            <?xml version="1.0"?>
            <!DOCTYPE lolz [
             <!ENTITY lol "lol">
             <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
             <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
             <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
             <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
             <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
             <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
             <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
             <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
             <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
            ]>
            <lolz>&lol9;</lolz>""";

    private static ByteArrayInputStream in(String xml) {
        return new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void plainDocumentsStillParse() {
        Document doc = SecureXml.parse(in("<ClinicalDocument xmlns='urn:hl7-org:v3'><title>CR</title></ClinicalDocument>"));
        assertThat(doc.getDocumentElement().getNamespaceURI()).isEqualTo("urn:hl7-org:v3");
        assertThat(doc.getDocumentElement().getTextContent()).isEqualTo("CR");
    }

    @Test
    void theReusedParserStaysHardenedBetweenDocumentsAndThreads() throws Exception {
        // the parser is kept per thread and reset after each document: a refusal must not leave it broken, and a
        // good document must not leave it more permissive
        for (int round = 0; round < 3; round++) {
            assertThat(SecureXml.parse(in("<a>un</a>")).getDocumentElement().getTextContent()).isEqualTo("un");
            Throwable t = catchThrowable(() -> SecureXml.parse(in(xxe)));
            assertThat(t).isInstanceOf(XmlRejectedException.class).hasMessageContaining("DOCTYPE");
            assertNoSecret(t);
            assertThatThrownBy(() -> SecureXml.parse(in("<a><b></a>"))).isInstanceOf(XmlRejectedException.class);
            assertThat(SecureXml.parse(in("<a xmlns='urn:x'>deux</a>")).getDocumentElement().getNamespaceURI()).isEqualTo("urn:x");
        }
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            var results = new java.util.ArrayList<java.util.concurrent.Future<String>>();
            for (int i = 0; i < 40; i++) {
                String text = "doc" + i;
                boolean hostile = i % 3 == 0;
                results.add(pool.submit(() -> hostile ? SecureXml.explain(catchThrowable(() -> SecureXml.parse(in(BILLION_LAUGHS))))
                        : SecureXml.parse(in("<a>" + text + "</a>")).getDocumentElement().getTextContent()));
            }
            for (int i = 0; i < results.size(); i++) {
                assertThat(results.get(i).get()).contains(i % 3 == 0 ? "DOCTYPE" : "doc" + i);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void streamingParseRefusesHostileDocumentsInFrenchAndLetsTheHandlersOwnErrorsThrough() throws Exception {
        StringBuilder text = new StringBuilder();
        DefaultHandler collector = new DefaultHandler() {
            @Override
            public void characters(char[] ch, int start, int length) {
                text.append(ch, start, length);
            }
        };
        for (String hostile : new String[] { xxe, BILLION_LAUGHS, externalDtd }) {
            Throwable t = catchThrowable(() -> SecureXml.parse(in(hostile), collector));
            assertThat(t).isInstanceOf(XmlRejectedException.class).hasMessageContaining("DOCTYPE");
            assertNoSecret(t);
            assertThatThrownBy(() -> SecureXml.parse(in("<a><b></a>"), collector)).isInstanceOf(XmlRejectedException.class);
            SecureXml.parse(in("<a>propre</a>"), collector);
        }
        assertThat(text.toString()).isEqualTo("propre".repeat(3)).doesNotContain("SECRET");
        DefaultHandler refusing = new DefaultHandler() {
            @Override
            public void startElement(String uri, String localName, String qName, org.xml.sax.Attributes atts) throws org.xml.sax.SAXException {
                throw new org.xml.sax.SAXException("refusé par le destinataire");
            }
        };
        assertThatThrownBy(() -> SecureXml.parse(in("<a/>"), refusing)).isInstanceOf(org.xml.sax.SAXException.class)
                .isNotInstanceOf(XmlRejectedException.class).hasMessage("refusé par le destinataire");
    }

    @Test
    void domRefusesAnExternalFileEntityWithAClearMessageAndNeverLeaksTheSecret() {
        Throwable t = catchThrowable(() -> SecureXml.parse(in(xxe)));

        assertThat(t).isInstanceOf(XmlRejectedException.class).hasMessageContaining("DOCTYPE").hasMessageContaining("refusé");
        assertNoSecret(t);
    }

    @Test
    void domRefusesBillionLaughs() {
        assertThatThrownBy(() -> SecureXml.parse(in(BILLION_LAUGHS))).isInstanceOf(XmlRejectedException.class).hasMessageContaining("DOCTYPE");
    }

    @Test
    void domRefusesAnExternalDtd() {
        Throwable t = catchThrowable(() -> SecureXml.parse(in(externalDtd)));
        assertThat(t).isInstanceOf(XmlRejectedException.class).hasMessageContaining("DOCTYPE");
        assertNoSecret(t);
    }

    @Test
    void documentBuilderFactoryUsedDirectlyAlsoRefuses() {
        Throwable t = catchThrowable(() -> SecureXml.documentBuilderFactory().newDocumentBuilder().parse(in(xxe)));
        assertThat(t).isNotNull();
        assertThat(SecureXml.explain(t)).contains("DOCTYPE");
        assertNoSecret(t);
    }

    @Test
    void saxRefusesAllThreePayloads() {
        StringBuilder text = new StringBuilder();
        DefaultHandler collector = new DefaultHandler() {
            @Override
            public void characters(char[] ch, int start, int length) {
                text.append(ch, start, length);
            }
        };
        for (String payload : new String[] { xxe, BILLION_LAUGHS, externalDtd }) {
            Throwable t = catchThrowable(() -> SecureXml.saxParserFactory().newSAXParser().parse(in(payload), collector));
            assertThat(t).isNotNull();
            assertThat(SecureXml.explain(t)).contains("DOCTYPE");
            assertNoSecret(t);
        }
        assertThat(text.toString()).doesNotContain(SECRET).doesNotContain("lollol");
    }

    @Test
    void staxNeverResolvesTheEntities() {
        for (String payload : new String[] { xxe, BILLION_LAUGHS, externalDtd }) {
            StringBuilder text = new StringBuilder();
            Throwable t = catchThrowable(() -> {
                XMLStreamReader reader = SecureXml.xmlInputFactory().createXMLStreamReader(new StringReader(payload));
                while (reader.hasNext()) {
                    if (reader.next() == XMLStreamReader.CHARACTERS) {
                        text.append(reader.getText());
                    }
                }
            });
            assertThat(t).as("StAX must fail on an undeclared or forbidden entity").isNotNull();
            assertThat(SecureXml.explain(t)).contains("refusé");
            assertNoSecret(t);
            assertThat(text.toString()).doesNotContain(SECRET).doesNotContain("lollol");
        }
    }

    @Test
    void transformerRefusesExternalDtdsAndStylesheetImports() throws Exception {
        StringWriter out = new StringWriter();
        Throwable t = catchThrowable(() -> SecureXml.transformerFactory().newTransformer()
                .transform(new StreamSource(new StringReader(xxe)), new StreamResult(out)));
        assertThat(out.toString()).doesNotContain(SECRET);
        if (t != null) {
            assertNoSecret(t);
        }

        Path other = dir.resolve("other.xsl");
        Files.writeString(other, "<xsl:stylesheet version='1.0' xmlns:xsl='http://www.w3.org/1999/XSL/Transform'/>");
        String importing = "<xsl:stylesheet version='1.0' xmlns:xsl='http://www.w3.org/1999/XSL/Transform'><xsl:import href='"
                + other.toUri() + "'/></xsl:stylesheet>";
        assertThatThrownBy(() -> SecureXml.transformerFactory().newTransformer(new StreamSource(new StringReader(importing))))
                .isNotNull();
    }

    @Test
    void schemaFactoryRefusesExternalSchemas() throws Exception {
        Path included = dir.resolve("inc.xsd");
        Files.writeString(included, "<xs:schema xmlns:xs='http://www.w3.org/2001/XMLSchema'><xs:element name='a'/></xs:schema>");
        String main = "<xs:schema xmlns:xs='http://www.w3.org/2001/XMLSchema'><xs:include schemaLocation='" + included.toUri()
                + "'/></xs:schema>";

        assertThatThrownBy(() -> SecureXml.schemaFactory().newSchema(new StreamSource(new StringReader(main)))).isNotNull();
        assertThat(SecureXml.schemaFactory("file").newSchema(new StreamSource(new StringReader(main)))).isNotNull();
    }

    @Test
    void eachCallReturnsANewFactory() {
        assertThat(SecureXml.documentBuilderFactory()).isNotSameAs(SecureXml.documentBuilderFactory());
        assertThat(SecureXml.xmlInputFactory()).isNotSameAs(SecureXml.xmlInputFactory());
    }

    private static void assertNoSecret(Throwable t) {
        StringWriter trace = new StringWriter();
        t.printStackTrace(new java.io.PrintWriter(trace));
        assertThat(trace.toString()).doesNotContain(SECRET);
    }
}
