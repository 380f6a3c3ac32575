package org.caducee.xds.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.caducee.core.document.Provenance;
import org.caducee.xds.DocumentEntry;
import org.caducee.xds.ImportOutcome;
import org.caducee.xds.WorklistReason;
import org.caducee.xds.XdmContent;
import org.caducee.xds.XdmDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every official ANS XDM example unpacks, verifies and imports (into the demo patient it names, else the worklist). */
class OfficialXdmExamplesTest {

    @TempDir
    Path dir;

    @Test
    void everyExampleVerifiesAndImports() throws Exception {
        List<Path> archives = XdsFixture.exampleArchives();
        assertThat(archives).hasSizeGreaterThanOrEqualTo(10);
        try (XdsFixture f = new XdsFixture(dir, true)) {
            for (Path archive : archives) {
                String name = archive.getParent().getFileName().toString();
                byte[] bytes = Files.readAllBytes(archive);
                XdmContent content = f.archives.read(bytes);
                assertThat(content.documents()).as(name).hasSize(1);
                XdmDocument doc = content.documents().get(0);
                DocumentEntry e = doc.entry();
                assertThat(doc.path()).as(name).isEqualTo("IHE_XDM/SUBSET01/DOC0001.XML");
                assertThat(e.size()).as(name).isEqualTo(doc.content().length);
                assertThat(e.classCode().code()).as(name).isNotBlank();
                assertThat(e.formatCode().code()).as(name).startsWith("urn:");
                assertThat(content.readme()).as(name).contains("Emetteur");

                List<ImportOutcome> outcomes = f.imports.importFile("IHE_XDM.ZIP", bytes, archive.toString(), Provenance.RECEIVED_MSSANTE, null);
                assertThat(outcomes).as(name).hasSize(1);
                ImportOutcome o = outcomes.get(0);
                if (e.patientId().startsWith("279035121518989")) {
                    assertThat(o.status()).as(name + " " + o.message()).isEqualTo(ImportOutcome.Status.STORED);
                    assertThat(o.patientId()).isEqualTo(f.patTrois.id());
                } else if (e.patientId().startsWith("221042545611404")) {
                    assertThat(o.status()).as(name + " " + o.message()).isEqualTo(ImportOutcome.Status.STORED);
                    assertThat(o.patientId()).isEqualTo(f.decourcy.id());
                } else {
                    assertThat(o.status()).as(name).isEqualTo(ImportOutcome.Status.WORKLIST);
                    assertThat(o.reason()).as(name).isEqualTo(WorklistReason.UNKNOWN_PATIENT);
                    assertThat(o.message()).contains("Aucun patient ne porte l’INS");
                    assertThat(f.worklist.content(o.worklistId())).get().isEqualTo(doc.content());
                }
            }
            assertThat(f.documents.forPatient(f.patTrois.id())).hasSizeGreaterThanOrEqualTo(8);
            assertThat(f.worklist.open()).extracting(i -> i.reason()).containsOnly(WorklistReason.UNKNOWN_PATIENT);
        }
    }

    @Test
    void theSameArchiveTwiceIsStoredOnce() throws Exception {
        try (XdsFixture f = new XdsFixture(dir, false)) {
            byte[] bytes = XdsFixture.example("CSE-CS9_2025.01");
            assertThat(f.imports.importFile("IHE_XDM.ZIP", bytes, "mail 1", Provenance.RECEIVED_MSSANTE, null).get(0).status())
                    .isEqualTo(ImportOutcome.Status.STORED);
            ImportOutcome again = f.imports.importFile("IHE_XDM.ZIP", bytes, "mail 2", Provenance.RECEIVED_MSSANTE, null).get(0);
            assertThat(again.status()).isEqualTo(ImportOutcome.Status.ALREADY_STORED);
            assertThat(again.message()).contains("déjà dans le dossier");
            assertThat(f.documents.forPatient(f.decourcy.id())).hasSize(1);
            assertThat(f.worklist.open()).isEmpty();
        }
    }

    @Test
    void officialValidationRunsBeforeFiling() throws Exception {
        try (XdsFixture f = new XdsFixture(dir, true)) {
            ImportOutcome o = f.imports.importFile("IHE_XDM.ZIP", XdsFixture.example("CSE-CS9_2025.01"), "mail", Provenance.RECEIVED_MSSANTE,
                    null).get(0);
            // the official example is a valid CDA R2 (CDA_extended.xsd of the kit) and is filed
            assertThat(o.status()).as(o.message()).isEqualTo(ImportOutcome.Status.STORED);
            byte[] broken = XdsFixture.utf8(XdsFixture.exampleCda("CSE-CS24_2025.01")).replaceFirst("<title>", "<titre>x</titre><title>")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
            ImportOutcome bad = f.imports.importFile("cs24.xml", broken, "fichier", Provenance.IMPORTED_FILE, null).get(0);
            assertThat(bad.status()).isEqualTo(ImportOutcome.Status.WORKLIST);
            assertThat(bad.reason()).isEqualTo(WorklistReason.INVALID_DOCUMENT);
            assertThat(bad.message()).contains("CDA_extended.xsd").contains("titre");
            assertThat(f.worklist.content(bad.worklistId())).get().isEqualTo(broken);
        }
    }
}
