package org.caducee.cda.ui.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.caducee.testing.ui.WorkbenchScript.click;
import static org.caducee.testing.ui.WorkbenchScript.select;
import static org.caducee.testing.ui.WorkbenchScript.show;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.caducee.cda.validation.CdaValidator;
import org.caducee.cda.validation.ValidationReport;
import org.caducee.core.document.DocumentRepository;
import org.caducee.core.document.HealthDocument;
import org.caducee.core.document.Provenance;
import org.caducee.core.patient.Patient;
import org.caducee.core.patient.PatientRepository;
import org.caducee.xds.DocumentImport;
import org.caducee.xds.ImportOutcome;
import org.caducee.testing.ui.WorkbenchScript;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;
import org.junit.jupiter.api.Test;

/**
 * Runs the real workbench with the documents UI: a received document without INS waits in "Documents reçus" and is
 * integrated into a demo patient's record by a user; the official CR-BIO example (an N3 that embeds its PDF) filed for
 * the same patient opens in the viewer on its PDF, and "Version structurée" switches to the structured rendering; the
 * open viewer then shows the deletion of that version, and offers (and shows) a version 2 when it arrives.
 */
class DocumentViewerUiTest {

    private static final Duration STARTUP = Duration.ofSeconds(90);
    private static final Duration STEP = Duration.ofSeconds(30);
    private static final String PAT_TROIS_INS = "2790351215189";
    /** Demo consultation report (N1, versions 1 and 2) and note de vaccination (N3) of PAT-TROIS. */
    private static final List<String> DEMO_WITH_CONTENT = List.of("1.2.250.1.213.1.1.9.99.1.4", "1.2.250.1.213.1.1.9.99.1.5",
            "1.2.250.1.213.1.1.9.99.1.3");

    private static <T> T service(Class<T> type) throws InterruptedException {
        return WorkbenchScript.service(type, Duration.ofSeconds(60));
    }

    @Test
    void receivedDocumentIsIntegratedThenViewedAsPdfAndStructured() throws Exception {
        Path shared = Path.of(System.getProperty("caducee.shared", "../../../shared"));
        System.setProperty("caducee.autologin", System.getProperty("caducee.test.login", "medecin"));
        System.setProperty("caducee.cda.kit.dir", shared.resolve("ans/testcontenucda").toString());
        Path output = Path.of(System.getProperty("caducee.test.output", "target"), "ui");
        byte[] crBio = Files.readAllBytes(shared.resolve("ans/testcontenucda/ExemplesCDA/BIO-CR-BIO_2024.01_TSH_1.xml"));
        byte[] cs8 = Files.readAllBytes(shared.resolve("ans/testcontenucda/ExemplesCDA/CSE-CS8_2024.01.xml"));

        WorkbenchScript.run(output.resolve("cda-ui-failure.png"), (workbench, driver) -> {
            driver.waitUntil("patient search field", STARTUP, () -> driver.find("patient-search") != null);
            PatientRepository patients = service(PatientRepository.class);
            DocumentRepository documents = service(DocumentRepository.class);
            DocumentImport imports = service(DocumentImport.class);
            long deadline = System.nanoTime() + STARTUP.toNanos();
            while (patients.findByIns(PAT_TROIS_INS).isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            Patient patTrois = patients.findByIns(PAT_TROIS_INS).get(0);

            // 0. the sandbox demo documents with content, written by the documents engine at seeding, validate clean
            org.caducee.xds.DocumentVersions stored = service(org.caducee.xds.DocumentVersions.class);
            CdaValidator validator = service(CdaValidator.class);
            for (String demo : DEMO_WITH_CONTENT) {
                long until = System.nanoTime() + STARTUP.toNanos();
                while (documents.findByUniqueId(demo).isEmpty() && System.nanoTime() < until) {
                    Thread.sleep(200);
                }
                assertThat(documents.findByUniqueId(demo)).as("demo document %s seeded; PAT-TROIS has %s; worklist %s", demo,
                        documents.forPatient(patTrois.id()).stream().map(HealthDocument::uniqueId).toList(),
                        service(org.caducee.xds.Worklist.class).open()).isPresent();
                HealthDocument record = documents.findByUniqueId(demo).orElseThrow();
                assertThat(record.patientId()).isEqualTo(patTrois.id());
                byte[] content = stored.content(record.id()).orElseThrow(() -> new AssertionError("no content: " + demo));
                ValidationReport report = validator.validate(content);
                assertThat(report.errors()).as(demo + " " + report.findings()).isEmpty();
            }

            // 1. a CS8 without INS arrives: it waits in "Documents reçus" with its reason
            List<ImportOutcome> received = imports.importFile("CSE-CS8_2024.01.xml", cs8, "test:messagerie", Provenance.RECEIVED_MSSANTE, null);
            assertThat(received).extracting(ImportOutcome::status).containsExactly(ImportOutcome.Status.WORKLIST);
            show(workbench, "org.caducee.cda.ui.part.worklist");
            driver.waitUntil("received document listed", STEP, () -> {
                Table t = driver.find("worklist-items");
                return t != null && t.getItemCount() >= 1;
            });
            String reason = driver.ui(() -> ((Table) driver.find("worklist-items")).getItem(0).getText(1));
            driver.run(() -> {
                select(driver.find("worklist-items"), 0);
                Text search = driver.find("worklist-patient-search");
                search.setText("pat-trois domi");
            });
            driver.waitUntil("patient chosen", STEP, () -> ((Button) driver.find("worklist-integrate")).getText().contains("PAT-TROIS"));
            driver.run(() -> driver.screenshot(output.resolve("cda-worklist.png")));
            assertThat(driver.ui(() -> ((Button) driver.find("worklist-integrate")).getText()))
                    .isEqualTo("Intégrer dans le dossier de PAT-TROIS Dominique");
            assertThat(driver.ui(() -> ((Combo) driver.find("worklist-patient")).getItemCount())).isEqualTo(1);
            driver.run(() -> click(driver.find("worklist-integrate")));
            driver.waitUntil("document integrated", STEP, () -> ((Label) driver.find("worklist-outcome")).getText().startsWith("Intégré"));
            driver.waitUntil("worklist emptied", STEP, () -> ((Table) driver.find("worklist-items")).getItemCount() == 0);
            assertThat(reason).isNotBlank();

            // 2. the CR-BIO (N3 with its PDF copy) is filed for PAT-TROIS; the user opens the record and the document
            List<ImportOutcome> filed = imports.importFile("BIO-CR-BIO_2024.01_TSH_1.xml", crBio, "test:dmp", Provenance.IMPORTED_DMP,
                    patTrois.id());
            assertThat(filed).extracting(ImportOutcome::status).containsExactly(ImportOutcome.Status.STORED);
            HealthDocument crBioRecord = documents.find(filed.get(0).documentId()).orElseThrow();
            WorkbenchScript.openRecord(driver, "pat-trois domi", "PAT-TROIS", STEP);
            driver.waitUntil("the filed CR-BIO in the record", STEP, () -> row(driver.find("record-documents"), crBioRecord) >= 0);
            driver.run(() -> {
                Table t = driver.find("record-documents");
                select(t, row(t, crBioRecord));
                t.notifyListeners(SWT.DefaultSelection, new Event());
            });
            driver.waitUntil("viewer shows the first PDF page", STEP, () -> {
                Control page = driver.find("viewer-page-1");
                return page != null && page.isVisible();
            });
            String meta = driver.ui(() -> ((Label) driver.find("viewer-meta")).getText());
            String toggle = driver.ui(() -> ((Button) driver.find("viewer-toggle")).getText());
            boolean htmlHidden = driver.ui(() -> !driver.find("viewer-html").isVisible());
            driver.run(() -> driver.screenshot(output.resolve("cda-viewer-pdf.png")));
            assertThat(toggle).isEqualTo("Version structurée");
            assertThat(htmlHidden).as("structured rendering hidden while the PDF is shown").isTrue();
            assertThat(meta).contains("version 1").contains("PDF :").contains("page");

            driver.run(() -> click(driver.find("viewer-toggle")));
            driver.waitUntil("structured rendering shown", STEP, () -> driver.find("viewer-html").isVisible()
                    && !driver.find("viewer-page-1").isVisible());
            assertThat(driver.ui(() -> ((Button) driver.find("viewer-toggle")).getText())).isEqualTo("Document PDF");
            Control html = driver.ui(() -> driver.find("viewer-html"));
            if (driver.ui(() -> html instanceof Text)) {
                assertThat(driver.ui(() -> ((Text) html).getText())).contains("TSH");
            }
            driver.run(() -> driver.screenshot(output.resolve("cda-viewer-html.png")));
            driver.run(() -> click(driver.find("viewer-toggle")));
            driver.waitUntil("back to the PDF", STEP, () -> driver.find("viewer-page-1").isVisible());

            // 3. its author asks for its deletion: the open viewer says so, the record keeps it, flagged
            assertThat(driver.ui(() -> driver.find("viewer-deleted").isVisible())).isFalse();
            service(org.caducee.xds.DocumentVersions.class).markDeleted(crBioRecord.uniqueId(), "test-deletion");
            driver.waitUntil("viewer shows the deletion", STEP, () -> driver.find("viewer-deleted").isVisible());
            assertThat(driver.ui(() -> ((Label) driver.find("viewer-deleted")).getText())).startsWith("Supprimé à la demande");
            driver.waitUntil("deleted version flagged in the record", STEP, () -> {
                Table t = driver.find("record-documents");
                int i = row(t, crBioRecord);
                return i >= 0 && t.getItem(i).getText(1).endsWith("Supprimé à la demande de l’émetteur");
            });
            assertThat(documents.find(crBioRecord.id()).orElseThrow().deleted()).isTrue();
            show(workbench, "org.caducee.workbench.part.record");
            Thread.sleep(300);
            driver.run(() -> driver.screenshot(output.resolve("cda-record-deleted.png")));

            // 4. a version 2 of the same set arrives: the viewer of version 1 offers it, and shows it on request
            show(workbench, "org.caducee.cda.ui.part.viewer");
            byte[] version2 = new String(crBio, java.nio.charset.StandardCharsets.UTF_8)
                    .replace("<id root=\"1.2.250.1.213.1.1.1.55.2024.9.1\"/>", "<id root=\"1.2.250.1.213.1.1.1.55.2024.9.2\"/>")
                    .replace("<versionNumber value=\"1\"/>", "<versionNumber value=\"2\"/>")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
            List<ImportOutcome> newer = imports.importFile("BIO-CR-BIO_v2.xml", version2, "test:dmp", Provenance.IMPORTED_DMP, patTrois.id());
            assertThat(newer).extracting(ImportOutcome::status).containsExactly(ImportOutcome.Status.STORED);
            driver.waitUntil("viewer offers the latest version", STEP, () -> driver.find("viewer-latest").isVisible());
            assertThat(driver.ui(() -> ((Label) driver.find("viewer-replaced")).getText())).startsWith("Remplacé par une version plus récente (version 2");
            assertThat(driver.ui(() -> ((Button) driver.find("viewer-latest")).getText())).isEqualTo("Afficher la dernière version (version 2)");
            driver.run(() -> driver.screenshot(output.resolve("cda-viewer-replaced.png")));
            driver.run(() -> click(driver.find("viewer-latest")));
            driver.waitUntil("version 2 shown", STEP, () -> ((Label) driver.find("viewer-meta")).getText().contains("version 2")
                    && driver.find("viewer-page-1") != null && driver.find("viewer-page-1").isVisible());
            assertThat(driver.ui(() -> driver.find("viewer-latest").isVisible())).isFalse();
            assertThat(driver.ui(() -> driver.find("viewer-deleted").isVisible())).isFalse();
        });
    }

    private static int row(Table table, HealthDocument document) {
        if (table == null) {
            return -1;
        }
        TableItem[] items = table.getItems();
        for (int i = 0; i < items.length; i++) {
            if (items[i].getData() instanceof HealthDocument d && d.id().equals(document.id())) {
                return i;
            }
        }
        return -1;
    }
}
