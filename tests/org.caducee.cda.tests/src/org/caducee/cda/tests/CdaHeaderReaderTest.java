package org.caducee.cda.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.stream.Stream;

import org.caducee.cda.CdaHeader;
import org.caducee.cda.CdaHeaderReader;
import org.caducee.cda.CdaLevel;
import org.caducee.cda.CdaReadException;
import org.caducee.cda.InstanceId;
import org.caducee.cda.internal.Hl7Time;
import org.caducee.core.document.DocumentFormat;
import org.caducee.core.document.HealthDocument;
import org.caducee.core.document.Provenance;
import org.caducee.core.identity.InsType;
import org.caducee.core.identity.Sex;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The header of official examples is read into the typed header and the core document record. */
class CdaHeaderReaderTest {

    private static CdaHeaderReader reader;

    @BeforeAll
    static void setUp() throws Exception {
        reader = CdaTestSupport.service(CdaHeaderReader.class);
    }

    @Test
    void givenCrBioOfPatTrois_whenRead_thenHeaderValues() throws Exception {
        CdaHeader h = reader.read(CdaTestSupport.example("BIO-CR-BIO_2024.01_TSH_1.xml"));

        assertThat(h.id()).isEqualTo(new InstanceId("1.2.250.1.213.1.1.1.55.2024.9.1", null));
        assertThat(h.setId().value()).isEqualTo("1.2.250.1.213.1.1.1.55.2024.9");
        assertThat(h.versionNumber()).isEqualTo(1);
        assertThat(h.code().code()).isEqualTo("11502-2");
        assertThat(h.code().codeSystem()).isEqualTo("2.16.840.1.113883.6.1");
        assertThat(h.code().displayName()).isEqualTo("CR d'examens biologiques");
        assertThat(h.title()).isEqualTo("Compte rendu d'examens biologiques");
        assertThat(h.effectiveTime()).isEqualTo(OffsetDateTime.of(2021, 4, 1, 17, 10, 0, 0, ZoneOffset.ofHours(1)));
        assertThat(h.confidentiality().code()).isEqualTo("N");
        assertThat(h.languageCode()).isEqualTo("fr-FR");
        assertThat(h.level()).isEqualTo(CdaLevel.N3);
        assertThat(h.templateIds()).contains("1.2.250.1.213.1.1.1.55", "1.2.250.1.213.1.1.1.1");
        assertThat(h.relatedDocuments()).isEmpty();

        assertThat(h.patient().ins().value()).isEqualTo("279035121518989");
        assertThat(h.patient().ins().type()).isEqualTo(InsType.NIR_TEST);
        assertThat(h.patient().ins().oid()).isEqualTo("1.2.250.1.213.1.4.10");
        assertThat(h.patient().otherIds()).containsExactly(new InstanceId("1.2.3.4.567.8.9.10", "1234567890121"));
        assertThat(h.patient().birthName()).isEqualTo("PAT-TROIS");
        assertThat(h.patient().birthGivenNames()).isEqualTo("DOMINIQUE MARIE-LOUISE");
        assertThat(h.patient().firstBirthGivenName()).isEqualTo("DOMINIQUE");
        assertThat(h.patient().usedFamilyName()).isEqualTo("PAT-TROIS");
        assertThat(h.patient().sex()).isEqualTo(Sex.FEMALE);
        assertThat(h.patient().birthDate()).isEqualTo(LocalDate.of(1979, 3, 28));
        assertThat(h.patient().birthPlaceCode()).isEqualTo("51215");

        assertThat(h.authors()).hasSize(1);
        assertThat(h.authors().get(0).idNat()).isEqualTo("801234534765");
        assertThat(h.authors().get(0).rpps()).isEqualTo("01234534765");
        assertThat(h.authors().get(0).family()).isEqualTo("CAMPARINI");
        assertThat(h.authors().get(0).given()).isEqualTo("Marcel");
        assertThat(h.authors().get(0).organization().name()).isEqualTo("Laboratoire des charmes");
        assertThat(h.custodian().id().extension()).isEqualTo("1120459876");

        UUID id = UUID.randomUUID();
        UUID patient = UUID.randomUUID();
        HealthDocument doc = h.toHealthDocument(id, patient, Provenance.RECEIVED_MSSANTE);
        assertThat(doc.uniqueId()).isEqualTo("1.2.250.1.213.1.1.1.55.2024.9.1");
        assertThat(doc.setId()).isEqualTo("1.2.250.1.213.1.1.1.55.2024.9");
        assertThat(doc.versionNumber()).isEqualTo(1);
        assertThat(doc.typeCode()).isEqualTo("11502-2");
        assertThat(doc.format()).isEqualTo(DocumentFormat.CDA_N3);
        assertThat(doc.authorName()).isEqualTo("Marcel CAMPARINI");
        assertThat(doc.confidentiality()).isEqualTo("N");
        assertThat(doc.actDate()).isNotNull();
    }

    static Stream<String> officialExamples() throws Exception {
        try (Stream<Path> s = Files.list(CdaTestSupport.kit().resolve("ExemplesCDA"))) {
            // CANCER-PPS_2022.01_Autopresentable.xml is an XSL stylesheet that embeds its CDA (self-displaying), not a CDA
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".xml") && !n.contains("Autopresentable"))
                    .sorted().toList().stream();
        }
    }

    /** Every official example of the kit (all volets, versions 2021–2025) reads into the header and the core record. */
    @ParameterizedTest
    @MethodSource("officialExamples")
    void givenAnyOfficialExample_whenRead_thenHeaderAndRecord(String name) throws Exception {
        CdaHeader h = reader.read(CdaTestSupport.example(name));

        assertThat(h.id().root()).as("id").isNotBlank();
        assertThat(h.code()).as("code").isNotNull();
        assertThat(h.effectiveTime()).as("effectiveTime").isNotNull();
        assertThat(h.patient()).as("recordTarget").isNotNull();
        assertThat(h.level()).isIn(CdaLevel.N1, CdaLevel.N3);
        HealthDocument record = h.toHealthDocument(UUID.randomUUID(), UUID.randomUUID(), Provenance.IMPORTED_FILE);
        assertThat(record.uniqueId()).isEqualTo(h.id().value());
        assertThat(record.format()).isEqualTo(h.level() == CdaLevel.N1 ? DocumentFormat.CDA_N1 : DocumentFormat.CDA_N3);
    }

    /** Reading only up to the body gives the same header as reading the whole document, for every official example. */
    @ParameterizedTest
    @MethodSource("officialExamples")
    void givenAnyOfficialExample_whenHeaderOnlyRead_thenSameHeader(String name) throws Exception {
        byte[] cda = Files.readAllBytes(CdaTestSupport.example(name));
        assertThat(reader.readHeader(cda)).isEqualTo(reader.read(cda));
    }

    @Test
    void givenBrokenBody_whenHeaderOnlyRead_thenHeaderReadAndWholeReadRefused() throws Exception {
        String cda = Files.readString(CdaTestSupport.example("DOC_NON_STRUCTURE_CDA-R2-N1.xml"), StandardCharsets.UTF_8);
        byte[] broken = cda.substring(0, cda.indexOf("</ClinicalDocument>")).getBytes(StandardCharsets.UTF_8);
        assertThat(reader.readHeader(broken).level()).isEqualTo(CdaLevel.N1);
        assertThatThrownBy(() -> reader.read(broken)).isInstanceOf(CdaReadException.class);
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<ClinicalDocument xmlns=\"urn:hl7-org:v3\"><title>&x;</title></ClinicalDocument>";
        assertThatThrownBy(() -> reader.readHeader(xxe.getBytes(StandardCharsets.UTF_8))).isInstanceOf(CdaReadException.class)
                .hasMessageStartingWith("Document CDA illisible");
    }

    @Test
    void givenCs24OfDecourcy_whenRead_thenChildIdentity() throws Exception {
        CdaHeader h = reader.read(CdaTestSupport.example("CSE-CS24_2025.01.xml"));

        assertThat(h.code().code()).isEqualTo("CERT_DECL");
        assertThat(h.templateIds()).contains("1.2.250.1.213.1.1.1.5.3^2025.01");
        assertThat(h.patient().ins().value()).isEqualTo("221042545611404");
        assertThat(h.patient().ins().type()).isEqualTo(InsType.NIR_TEST);
        assertThat(h.patient().otherIds()).extracting(InstanceId::root).contains("1.2.250.1.213.1.4.13");
        assertThat(h.patient().birthName()).isEqualTo("DECOURCY");
        assertThat(h.patient().birthGivenNames()).isEqualTo("Ruth Isabelle");
        assertThat(h.patient().firstBirthGivenName()).isEqualTo("Ruth");
        assertThat(h.patient().sex()).isEqualTo(Sex.FEMALE);
        assertThat(h.patient().birthDate()).isEqualTo(LocalDate.of(2021, 4, 25));
        assertThat(h.effectiveTime()).isEqualTo(OffsetDateTime.of(2021, 8, 3, 11, 36, 23, 0, ZoneOffset.ofHours(1)));
    }

    @Test
    void givenN1Document_whenRead_thenLevelN1WithPdf() throws Exception {
        CdaHeader h = reader.read(CdaTestSupport.example("DOC_NON_STRUCTURE_CDA-R2-N1.xml"));
        assertThat(h.level()).isEqualTo(CdaLevel.N1);
        assertThat(h.mediaType()).isEqualTo("application/pdf");
        assertThat(h.toHealthDocument(UUID.randomUUID(), UUID.randomUUID(), Provenance.IMPORTED_DMP).format())
                .isEqualTo(DocumentFormat.CDA_N1);
    }

    @Test
    void givenReplacingVersion_whenRead_thenRplcParent() throws Exception {
        CdaHeader h = reader.read(CdaTestSupport.example("CNAM-HR_2021.01_sans-info.xml"));
        assertThat(h.replaced()).hasValueSatisfying(r -> {
            assertThat(r.typeCode()).isEqualTo("RPLC");
            assertThat(r.parentId()).isEqualTo(new InstanceId("1.2.250.1.213.1.1.9", "10002-1"));
            assertThat(r.parentVersionNumber()).isEqualTo(1);
        });
    }

    @Test
    void givenXxe_whenRead_thenRefusedInFrench() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<ClinicalDocument xmlns=\"urn:hl7-org:v3\"><title>&x;</title></ClinicalDocument>";
        assertThatThrownBy(() -> reader.read(xxe.getBytes(StandardCharsets.UTF_8))).isInstanceOf(CdaReadException.class)
                .hasMessageStartingWith("Document CDA illisible").hasMessageNotContaining("root:");
    }

    @Test
    void givenNotCda_whenRead_thenRefused() {
        assertThatThrownBy(() -> reader.read("<html/>".getBytes(StandardCharsets.UTF_8))).isInstanceOf(CdaReadException.class)
                .hasMessageContaining("ClinicalDocument");
    }

    @Test
    void hl7Times() {
        assertThat(Hl7Time.parse("20210401171000+0100")).isEqualTo(OffsetDateTime.of(2021, 4, 1, 17, 10, 0, 0, ZoneOffset.ofHours(1)));
        assertThat(Hl7Time.parse("20210704")).isEqualTo(OffsetDateTime.of(2021, 7, 4, 0, 0, 0, 0, ZoneOffset.ofHours(2)));
        assertThat(Hl7Time.parse("202107041230-0300")).isEqualTo(OffsetDateTime.of(2021, 7, 4, 12, 30, 0, 0, ZoneOffset.ofHours(-3)));
        assertThat(Hl7Time.parse("20210704123015.25+0000").getNano()).isEqualTo(250_000_000);
        assertThat(Hl7Time.parse("pas une date")).isNull();
    }
}
