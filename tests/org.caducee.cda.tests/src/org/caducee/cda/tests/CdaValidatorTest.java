package org.caducee.cda.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.caducee.cda.validation.CdaValidator;
import org.caducee.cda.validation.Finding;
import org.caducee.cda.validation.ValidationReport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Official examples of the ANS kit pass XSD + schematrons; mutated copies fail with the ANS message. */
class CdaValidatorTest {

    private static CdaValidator validator;

    @BeforeAll
    static void setUp() throws Exception {
        validator = CdaTestSupport.service(CdaValidator.class);
    }

    private static String describe(ValidationReport report) {
        StringBuilder text = new StringBuilder(report.checkedAgainst().toString()).append(' ').append(report.elapsed()).append('\n');
        report.findings().stream().limit(30).forEach(f -> text.append(f).append('\n'));
        return text.toString();
    }

    @ParameterizedTest
    @ValueSource(strings = {"BIO-CR-BIO_2024.01_TSH_1.xml", "VAC-NOTE_2023.01.xml", "CSE-CS24_2025.01.xml", "VSM_1.4_2022.01.xml",
            "DOC_NON_STRUCTURE_CDA-R2-N1.xml"})
    void givenOfficialExample_whenValidated_thenNoError(String name) throws Exception {
        ValidationReport report = validator.validate(CdaTestSupport.example(name));
        System.out.println(name + " -> " + describe(report));
        assertThat(report.errors()).as(describe(report)).isEmpty();
        assertThat(report.valid()).isTrue();
        assertThat(report.checkedAgainst()).contains("CDA_extended.xsd", "profils/structurationMinimale/ASIP-STRUCT-MIN-StrucMin.sch");
    }

    @Test
    void givenSetIdRemoved_whenValidated_thenSchematronErrorWithLocation() throws Exception {
        String cda = new String(CdaTestSupport.read("VAC-NOTE_2023.01.xml"), StandardCharsets.UTF_8);
        String mutated = cda.replaceFirst("<setId [^>]*/>", "");
        ValidationReport report = validator.validate(mutated.getBytes(StandardCharsets.UTF_8));
        System.out.println("no setId -> " + describe(report));
        assertThat(report.valid()).isFalse();
        assertThat(report.errors()).anySatisfy(f -> {
            assertThat(f.source()).endsWith(".sch");
            assertThat(f.message()).isNotBlank();
            assertThat(f.location()).startsWith("/");
        });
    }

    @Test
    void givenXxe_whenValidated_thenRefusedAndSecretNeverShown() throws Exception {
        java.nio.file.Path secret = java.nio.file.Files.createTempFile("secret", ".txt");
        java.nio.file.Files.writeString(secret, "MOT-DE-PASSE-SECRET");
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]>"
                + "<ClinicalDocument xmlns=\"urn:hl7-org:v3\"><title>&x;</title></ClinicalDocument>";
        ValidationReport report = validator.validate(xxe.getBytes(StandardCharsets.UTF_8));
        assertThat(report.valid()).isFalse();
        assertThat(report.findings()).hasSize(1);
        Finding f = report.findings().get(0);
        assertThat(f.source()).isEqualTo("XML");
        assertThat(f.message()).startsWith("Document refusé").doesNotContain("MOT-DE-PASSE-SECRET");
    }
}
