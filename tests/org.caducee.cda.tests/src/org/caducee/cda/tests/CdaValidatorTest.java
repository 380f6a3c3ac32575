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
    @ValueSource(strings = {"BIO-CR-BIO_2024.01_TSH_1.xml", "BIO-CR-BIO_2024.01_Microbiologie_V1.xml",
            "BIO-CR-BIO_2024.01_CR-2nde-intention-PDF.xml", "BIO-CR-BIO_2024.01_Electrophorese.xml",
            "BIO-CR-BIO_2024.01_DEP-CCU-HPV-structuré-CYTO-pdf.xml.xml", "CSE-CS8_2024.01.xml", "VAC-NOTE_2023.01.xml", "VAC_2023.01.xml", "CSE-CS8_2025.01.xml", "CSE-CS9_2025.01.xml",
            "CSE-CS24_2025.01.xml", "CSE-MDE_2023.01.xml", "VSM_1.4_2022.01.xml",
            "DOC_NON_STRUCTURE_CDA-R2-N1.xml", "IMG_CR_IMG_2024.01_CDA-R2-Niveau-1.xml"})
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

    /**
     * Known defect of the official example (kit snapshot 61e148b6): IPS-FR_2024.01.xml uses the code MED-295 "Dialyse
     * rénale" (TRE_R... 1.2.250.1.213.1.1.4.322) for an advance directive, which is not in JDV_TypeDirectiveAnticipee_CISIS
     * checked by profils/CI-SIS_ModelesDeContenusCDA.sch. Its own volet schematron passes.
     */
    @Test
    void givenIpsFrExample_whenValidated_thenOnlyTheKnownKitMismatch() throws Exception {
        ValidationReport report = validator.validate(CdaTestSupport.example("IPS-FR_2024.01.xml"));
        System.out.println("IPS-FR_2024.01.xml -> " + describe(report));
        assertThat(report.errors()).singleElement().satisfies(f -> {
            assertThat(f.source()).isEqualTo("profils/CI-SIS_ModelesDeContenusCDA.sch");
            assertThat(f.message()).contains("MED-295").contains("JDV_TypeDirectiveAnticipee_CISIS.xml");
        });
        assertThat(report.findings()).noneMatch(f -> f.source().equals("CI-SIS_IPS-FR_2024.01.sch")
                && f.severity() == org.caducee.cda.validation.Severity.ERROR);
    }

    /** The kit's CI-SIS_BIO-CR-BIO_2023.01.sch includes files the kit does not ship: reported, never thrown. */
    @Test
    void givenBrokenVoletSchematronInKit_whenValidated_thenErrorNamingIt() throws Exception {
        ValidationReport report = validator.validate(CdaTestSupport.example("BIO-CR-BIO_2023.01_Electrophorese.xml"));
        assertThat(report.valid()).isFalse();
        assertThat(report.errors()).anySatisfy(f -> {
            assertThat(f.source()).isEqualTo("CI-SIS_BIO-CR-BIO_2023.01.sch");
            assertThat(f.message()).contains("n’a pas pu être compilé").contains("Entete_CR-BIO.sch");
        });
    }

    private static ValidationReport mutated(String example, String regex, String replacement) throws Exception {
        String cda = new String(CdaTestSupport.read(example), StandardCharsets.UTF_8);
        String changed = cda.replaceFirst(regex, replacement);
        assertThat(changed).as("mutation applied").isNotEqualTo(cda);
        ValidationReport report = validator.validate(changed.getBytes(StandardCharsets.UTF_8));
        System.out.println(example + " / " + regex + " -> " + describe(report));
        return report;
    }

    @Test
    void givenVoletChosenFromTemplateId_thenKitNaming() throws Exception {
        assertThat(validator.schematronsFor(CdaTestSupport.read("VSM_1.4_2022.01.xml"))).last().isEqualTo("CI-SIS_VSM_1.4_2022.01.sch");
        assertThat(validator.schematronsFor(CdaTestSupport.read("BIO-CR-BIO_2024.01_TSH_1.xml"))).last()
                .isEqualTo("CI-SIS_BIO-CR-BIO_2024.01.sch");
        assertThat(validator.schematronsFor(CdaTestSupport.read("CSE-CS24_2025.01.xml"))).last().isEqualTo("CI-SIS_CSE-CS24_2025.01.sch");
        // N1: only the generic schematrons, as the kit's user guide says
        assertThat(validator.schematronsFor(CdaTestSupport.read("IMG_CR_IMG_2024.01_CDA-R2-Niveau-1.xml"))).hasSize(4)
                .allMatch(s -> s.startsWith("profils/"));
    }

    @Test
    void givenVaccineDisplayNameRemoved_whenValidated_thenVoletSchematronError() throws Exception {
        ValidationReport report = mutated("VAC-NOTE_2023.01.xml", "displayName=\"VACCIN TETANIQUE PASTEUR[^\"]*\"", "");
        assertThat(report.valid()).isFalse();
        assertThat(report.errors()).anySatisfy(f -> {
            assertThat(f.source()).isEqualTo("CI-SIS_VAC-NOTE_2023.01.sch");
            assertThat(f.message()).isNotBlank();
            assertThat(f.location()).contains("substanceAdministration");
            assertThat(f.line()).isPositive();
        });
    }

    @Test
    void givenPatientBirthTimeRemoved_whenValidated_thenError() throws Exception {
        ValidationReport report = mutated("BIO-CR-BIO_2024.01_TSH_1.xml", "<birthTime value=\"19790328\"/>", "");
        assertThat(report.valid()).isFalse();
        assertThat(report.errors()).anySatisfy(f -> {
            assertThat(f.source()).endsWith(".sch");
            assertThat(f.message()).containsIgnoringCase("birthTime");
            assertThat(f.location()).contains("patient");
        });
    }

    @Test
    void givenWrongConfidentialityCode_whenValidated_thenError() throws Exception {
        ValidationReport report = mutated("CSE-CS24_2025.01.xml", "<confidentialityCode code=\"N\"", "<confidentialityCode code=\"Z\"");
        assertThat(report.valid()).isFalse();
        assertThat(report.errors()).anySatisfy(f -> {
            assertThat(f.source()).endsWith(".sch");
            assertThat(f.location()).contains("confidentialityCode");
        });
    }

    @Test
    void givenBrokenStructure_whenValidated_thenXsdErrorWithLine() throws Exception {
        ValidationReport report = mutated("VSM_1.4_2022.01.xml", "<realmCode code=\"FR\"/>", "<realmCode code=\"FR\"/><inconnu>x</inconnu>");
        assertThat(report.valid()).isFalse();
        assertThat(report.errors()).anySatisfy(f -> {
            assertThat(f.source()).isEqualTo("CDA_extended.xsd");
            assertThat(f.message()).startsWith("Non conforme au schéma CDA").contains("inconnu");
            assertThat(f.line()).isPositive();
        });
    }

    @Test
    void givenBillionLaughs_whenValidated_thenRefused() throws Exception {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">");
        String previous = "lol";
        for (int i = 1; i < 10; i++) {
            xml.append("<!ENTITY lol").append(i).append(" \"");
            for (int j = 0; j < 10; j++) {
                xml.append('&').append(previous).append(';');
            }
            xml.append("\">");
            previous = "lol" + i;
        }
        xml.append("]><ClinicalDocument xmlns=\"urn:hl7-org:v3\"><title>&lol9;</title></ClinicalDocument>");
        ValidationReport report = validator.validate(xml.toString().getBytes(StandardCharsets.UTF_8));
        assertThat(report.valid()).isFalse();
        assertThat(report.findings()).singleElement().satisfies(f -> {
            assertThat(f.source()).isEqualTo("XML");
            assertThat(f.message()).startsWith("Document refusé").doesNotContain("lollol");
        });
    }

    @Test
    void givenMissingKit_whenValidated_thenFrenchErrorNamingTheDirectory() throws Exception {
        java.nio.file.Path nowhere = java.nio.file.Files.createTempDirectory("sans-kit");
        org.caducee.core.installation.Installation installation = new org.caducee.core.installation.Installation() {
            @Override
            public java.nio.file.Path dataDir() {
                return nowhere;
            }

            @Override
            public boolean sandbox() {
                return true;
            }

            @Override
            public java.util.Optional<String> setting(String key) {
                return java.util.Optional.empty();
            }
        };
        String property = System.getProperty(CdaValidator.KIT_PROPERTY);
        System.clearProperty(CdaValidator.KIT_PROPERTY);
        try {
            CdaValidator withoutKit = new org.caducee.cda.internal.CdaValidatorImpl(installation, () -> null);
            assertThat(withoutKit.kitDirectory()).isEqualTo(nowhere.resolve("kits").resolve("testcontenucda"));
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> withoutKit.validate(CdaTestSupport.read("VAC-NOTE_2023.01.xml")))
                    .isInstanceOf(org.caducee.cda.validation.CdaKitException.class)
                    .hasMessageContaining("introuvable").hasMessageContaining(nowhere.resolve("kits").toString());
        } finally {
            if (property != null) {
                System.setProperty(CdaValidator.KIT_PROPERTY, property);
            }
        }
    }
}
