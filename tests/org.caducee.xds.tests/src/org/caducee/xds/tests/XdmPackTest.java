package org.caducee.xds.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;

import org.caducee.xds.DocumentEntry;
import org.caducee.xds.SubmissionMetadata;
import org.caducee.xds.Visibility;
import org.caducee.xds.XdmContent;
import org.caducee.xds.XdmSender;
import org.caducee.xds.XdsCode;
import org.caducee.xds.XdsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writing IHE_XDM archives: layout of the official examples, metadata from the CDA header, round trip. */
class XdmPackTest {

    @TempDir
    Path dir;

    private static final XdmSender SENDER = new XdmSender("DR MULLER Charles", "Centre de santé du Belvédère", "1120456791",
            "142 Rue Belvédère 92100 BOULOGNE-BILLANCOURT", "0140404022", "Caducée", "0.1", "Caducée");

    @Test
    void packThenReadKeepsBytesAndMetadata() throws Exception {
        try (XdsFixture f = new XdsFixture(dir, false)) {
            byte[] cs9 = XdsFixture.exampleCda("CSE-CS9_2025.01");
            byte[] cs24 = XdsFixture.exampleCda("CSE-CS24_2025.01");
            byte[] zip = f.archives.pack(List.of(cs9, cs24), SENDER, EnumSet.of(Visibility.MASQUE_PS));

            LinkedHashMap<String, byte[]> entries = XdsFixture.unzip(zip);
            assertThat(entries.keySet()).containsExactly("INDEX.HTM", "README.TXT", "IHE_XDM/", "IHE_XDM/SUBSET01/",
                    "IHE_XDM/SUBSET01/DOC0001.XML", "IHE_XDM/SUBSET01/DOC0002.XML", "IHE_XDM/SUBSET01/METADATA.XML");
            assertThat(entries.get("IHE_XDM/SUBSET01/DOC0001.XML")).isEqualTo(cs9);
            assertThat(entries.get("IHE_XDM/SUBSET01/DOC0002.XML")).isEqualTo(cs24);
            assertThat(XdsFixture.utf8(entries.get("README.TXT"))).contains("Centre de santé du Belvédère (1120456791)", "DOC0002.XML",
                    "Arborescence");
            assertThat(XdsFixture.utf8(entries.get("INDEX.HTM"))).contains("README.TXT", "Centre de santé du Belvédère");

            XdmContent content = f.archives.read(zip);
            assertThat(content.notes()).isEmpty();
            assertThat(content.documents()).hasSize(2);
            assertThat(content.documents().get(0).content()).isEqualTo(cs9);
            DocumentEntry e = content.documents().get(0).entry();
            assertThat(e.uri()).isEqualTo("DOC0001.XML");
            assertThat(e.hash()).isEqualTo(HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-1").digest(cs9)));
            assertThat(e.size()).isEqualTo(cs9.length);
            assertThat(e.mimeType()).isEqualTo("text/xml");
            assertThat(e.classCode()).isEqualTo(new XdsCode("52", "1.2.250.1.213.1.1.4.1", "Certificat, déclaration"));
            assertThat(e.typeCode().code()).isEqualTo("CERT_DECL");
            assertThat(e.formatCode().code()).isEqualTo("urn:asip:ci-sis:cse-cs9:2017");
            assertThat(e.healthcareFacilityTypeCode().code()).isEqualTo("SA05");
            assertThat(e.healthcareFacilityTypeCode().codingScheme()).isEqualTo("1.2.250.1.71.4.2.4");
            assertThat(e.practiceSettingCode().code()).isEqualTo("ETABLISSEMENT");
            assertThat(e.confidentialityCodes()).extracting(XdsCode::code).containsExactly("N", "MASQUE_PS");
            assertThat(e.confidentialityCodes().get(1).codingScheme()).isEqualTo("1.2.250.1.213.1.1.4.13");
            assertThat(e.confidentialityCodes().get(1).displayName()).isNotBlank();
            assertThat(e.patientId()).isEqualTo("221042545611404^^^&1.2.250.1.213.1.4.10&ISO^NH");
            assertThat(e.sourcePatientInfo()).contains("PID-7|20210425", "PID-8|F", "PID-11|^^^^^^BDL^^75056");
            assertThat(e.authors()).isNotEmpty();
            assertThat(e.authors().get(0).person()).contains("&1.2.250.1.71.4.2.1&ISO^D^^^IDNPS");
            assertThat(e.authors().get(0).institutions().get(0)).contains("&1.2.250.1.71.4.2.2&ISO^IDNST^^^");
            assertThat(e.authors().get(0).specialties().get(0)).endsWith("^1.2.250.1.213.1.1.4.5");
            assertThat(e.creationTime()).matches("\\d{14}");
            assertThat(e.uniqueId()).isNotBlank();

            // the metadata of the example written by ANS tooling and ours agree on every code
            DocumentEntry official = f.archives.read(XdsFixture.example("CSE-CS9_2025.01")).documents().get(0).entry();
            assertThat(e.uniqueId()).isEqualTo(official.uniqueId());
            assertThat(e.hash()).isEqualTo(official.hash());
            assertThat(e.size()).isEqualTo(official.size());
            assertThat(e.patientId()).isEqualTo(official.patientId());
            assertThat(e.classCode().code()).isEqualTo(official.classCode().code());
            assertThat(e.typeCode().code()).isEqualTo(official.typeCode().code());
            assertThat(e.formatCode().code()).isEqualTo(official.formatCode().code());
            assertThat(e.healthcareFacilityTypeCode().code()).isEqualTo(official.healthcareFacilityTypeCode().code());
            assertThat(e.practiceSettingCode().code()).isEqualTo(official.practiceSettingCode().code());

            SubmissionMetadata metadata = content.subsets().get(0).metadata();
            assertThat(metadata.submissionSet().patientId()).isEqualTo(e.patientId());
            assertThat(metadata.submissionSet().submissionTime()).matches("\\d{14}");
            assertThat(metadata.submissionSet().uniqueId()).startsWith("2.25.");
            // write → read → write is stable
            assertThat(f.codec.read(f.codec.write(metadata))).isEqualTo(metadata);
        }
    }

    @Test
    void metadataOfEveryOfficialExampleMatchesTheAnsOnes() throws Exception {
        try (XdsFixture f = new XdsFixture(dir, false)) {
            for (Path archive : XdsFixture.exampleArchives()) {
                String name = archive.getParent().getFileName().toString();
                DocumentEntry official = f.archives.read(java.nio.file.Files.readAllBytes(archive)).documents().get(0).entry();
                DocumentEntry ours = f.factory.documentEntry(XdsFixture.exampleCda(name), "DOC0001.XML", Set.of());
                assertThat(ours.hash()).as(name).isEqualTo(official.hash());
                assertThat(ours.typeCode().code()).as(name).isEqualTo(official.typeCode().code());
                assertThat(ours.formatCode().code()).as(name).isEqualTo(official.formatCode().code());
                assertThat(ours.patientId()).as(name).isEqualTo(official.patientId());
                assertThat(ours.uniqueId()).as(name).isEqualTo(official.uniqueId());
                if (!name.startsWith("IMG")) { // ASS_X04 (2025) classes 18748-4 as 31; the 2024 example still says 10
                    assertThat(ours.classCode().code()).as(name).isEqualTo(official.classCode().code());
                }
            }
        }
    }

    @Test
    void oneArchiveIsForOnePatient() throws Exception {
        try (XdsFixture f = new XdsFixture(dir, false)) {
            assertThatThrownBy(() -> f.archives.pack(List.of(XdsFixture.exampleCda("CSE-CS9_2025.01"), XdsFixture.exampleCda("VSM_1.4_2022.01")),
                    SENDER, Set.of())).isInstanceOf(XdsException.class)
                    .satisfies(t -> assertThat(((XdsException) t).reason()).isEqualTo(XdsException.Reason.PATIENT_MISMATCH))
                    .hasMessageContaining("qu’un patient");
        }
    }
}
