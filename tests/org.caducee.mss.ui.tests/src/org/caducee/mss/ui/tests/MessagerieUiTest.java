package org.caducee.mss.ui.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.caducee.testing.ui.WorkbenchScript.click;
import static org.caducee.testing.ui.WorkbenchScript.column;
import static org.caducee.testing.ui.WorkbenchScript.select;
import static org.caducee.testing.ui.WorkbenchScript.show;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.caducee.cda.CodedValue;
import org.caducee.cda.InstanceId;
import org.caducee.cda.write.CdaAct;
import org.caducee.cda.write.CdaAuthorship;
import org.caducee.cda.write.CdaDocument;
import org.caducee.cda.write.CdaWriter;
import org.caducee.cda.write.DocumentContent;
import org.caducee.core.document.Channel;
import org.caducee.core.document.DocumentFormat;
import org.caducee.core.document.DocumentRepository;
import org.caducee.core.document.HealthDocument;
import org.caducee.core.document.Provenance;
import org.caducee.core.document.SharingState;
import org.caducee.core.patient.Patient;
import org.caducee.core.patient.PatientRepository;
import org.caducee.core.practice.Practitioner;
import org.caducee.core.practice.Structure;
import org.caducee.mss.MssReception;
import org.caducee.mss.MssReception.ReceivedItem;
import org.caducee.mss.MssSender;
import org.caducee.sandbox.mss.SandboxMssOperator;
import org.caducee.testing.MssMessages;
import org.caducee.testing.ui.WorkbenchScript;
import org.caducee.xds.Worklist;
import org.caducee.xds.XdmArchives;
import org.caducee.xds.XdmSender;
import org.eclipse.core.commands.ParameterizedCommand;
import org.eclipse.e4.core.commands.ECommandService;
import org.eclipse.e4.core.commands.EHandlerService;
import org.eclipse.e4.ui.internal.workbench.E4Workbench;
import org.eclipse.e4.ui.model.application.ui.MUIElement;
import org.eclipse.e4.ui.model.application.ui.basic.MWindow;
import org.eclipse.e4.ui.workbench.IPresentationEngine;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;
import org.junit.jupiter.api.Test;

/**
 * Runs the real workbench against the sandbox MSSanté operator: the robot sends the official XDM examples, the user
 * presses "Relever maintenant" and reads the inbox (patients by name, document titles, no IHE_XDM.zip, no INS
 * matricule); an unmatched message waits in "À intégrer (MSSanté)" only (not in "Documents reçus") and is integrated
 * into PAT-TROIS Dominique; a PDF without CDA is integrated by hand; "Envoyer par MSSanté…" on that document sends it
 * to a correspondent picked in the directory and to the robot of the care team; the operator receives it, the sent
 * folder and the document row say "envoyé".
 */
class MessagerieUiTest {

    private static final Duration STARTUP = Duration.ofSeconds(120);
    private static final Duration STEP = Duration.ofSeconds(40);
    private static final String PAT_TROIS_INS = "2790351215189";

    private static byte[] pdfOnlyMessage(String messageId) {
        String pdf = "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
                + "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 300 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n";
        String b64 = java.util.Base64.getMimeEncoder().encodeToString(pdf.getBytes(StandardCharsets.US_ASCII));
        String raw = "Message-ID: " + messageId + "\r\nFrom: " + SandboxMssOperator.ROBOT + "\r\nTo: " + SandboxMssOperator.DOCTOR
                + "\r\nSubject: XDM/1.0/DDM+Courrier de sortie PAT-TROIS Dominique 12/04/1985\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nCourrier.\r\n"
                + "--b\r\nContent-Type: application/pdf; name=courrier-sortie.pdf\r\nContent-Disposition: attachment; filename=courrier-sortie.pdf\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n" + b64 + "\r\n--b--\r\n";
        return raw.getBytes(StandardCharsets.US_ASCII);
    }

    private static CdaDocument report(Patient patient, String key) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).withNano(0);
        return new CdaDocument(new InstanceId("1.2.250.1.999.1.1", "MSSUI-" + key), new InstanceId("1.2.250.1.999.1.2", "SET-MSSUI-" + key), 1,
                new CodedValue("11502-2", "2.16.840.1.113883.6.1", "CR d’examens biologiques"), "Compte rendu de biologie", now, "N", patient,
                null, CdaAuthorship.generalPractitioner(new Practitioner("10001234567", "MULLER", "Charles", "10", "SM26", null),
                        new Structure("s1", "Laboratoire de biologie médicale (démo)", null, "12345678901234", null)),
                CdaAct.ambulatory(now, new InstanceId("1.2.250.1.999.3", "ENC-" + key)), null,
                new DocumentContent.Unstructured(List.of("Glycémie à jeun : 0,95 g/l.", "Examen sans particularité.")));
    }

    /** A robot message carrying an IHE_XDM.zip holding this CDA. */
    private static byte[] xdmMessage(String messageId, byte[] zip) {
        return MssMessages.xdm(messageId, SandboxMssOperator.ROBOT, SandboxMssOperator.DOCTOR,
                "XDM/1.0/DDM+Compte rendu de biologie PAT-TROIS Dominique 28/03/1979", zip);
    }

    @Test
    void inboxWorklistPdfIntegrationAndSendingFromARecord() throws Exception {
        Path shared = Path.of(System.getProperty("caducee.shared", "../../../shared"));
        System.setProperty("caducee.autologin", System.getProperty("caducee.test.login", "medecin"));
        System.setProperty("caducee.cda.kit.dir", shared.resolve("ans/testcontenucda").toString());
        Path output = Path.of(System.getProperty("caducee.test.output", "target"), "ui");

        WorkbenchScript.run(output.resolve("mss-ui-failure.png"), (workbench, driver) -> {
            driver.waitUntil("patient search field", STARTUP, () -> driver.find("patient-search") != null);
            PatientRepository patients = service(PatientRepository.class);
            DocumentRepository documents = service(DocumentRepository.class);
            SandboxMssOperator operator = service(SandboxMssOperator.class);
            MssReception reception = service(MssReception.class);
            Worklist received = service(Worklist.class);
            long deadline = System.nanoTime() + STARTUP.toNanos();
            while ((patients.findByIns(PAT_TROIS_INS).isEmpty() || operator.imapPort() == 0) && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            Patient patTrois = patients.findByIns(PAT_TROIS_INS).get(0);

            // 1. the robot sends the official examples, a report about PAT-TROIS (her qualified INS, in an IHE_XDM.zip) and a
            // PDF without CDA; "Relever maintenant" fetches and files them
            CdaWriter writer = service(CdaWriter.class);
            XdmArchives archives = service(XdmArchives.class);
            XdmSender robot = new XdmSender("Laboratoire robot", null, null, SandboxMssOperator.ROBOT, null, "Robot", null, null);
            String key = UUID.randomUUID().toString().substring(0, 8);
            CdaDocument v1 = report(patTrois, key);
            List<String> sent = operator.sendExamples(shared.resolve("ans/xdm-examples"));
            String v1Id = "<cr-v1-" + key + "@robot>";
            operator.deliver(SandboxMssOperator.DOCTOR, xdmMessage(v1Id, archives.pack(List.of(writer.write(v1)), robot, Set.of())));
            String pdfId = "<pdf-seul-" + key + "@robot>";
            operator.deliver(SandboxMssOperator.DOCTOR, pdfOnlyMessage(pdfId));
            String patientMessage = operator.sendPatientMessage(patTrois.identity().ins().value(), "Bonjour docteur, dois-je refaire la prise de sang ?");
            show(workbench, "org.caducee.mss.ui.part.messagerie");
            driver.waitUntil("poll button", STEP, () -> driver.find("mss-poll") != null);
            driver.run(() -> click(driver.find("mss-poll")));
            // (a data folder kept from an earlier run already fills the table: wait for this run's messages)
            driver.waitUntil("inbox filled", STEP, () -> ((Table) driver.find("mss-inbox")).getItemCount() >= sent.size() + 2
                    && reception.received(500).stream().map(ReceivedItem::messageId).toList().containsAll(List.of(v1Id, pdfId, patientMessage)));
            ReceivedItem v1Item = reception.received(500).stream().filter(i -> i.messageId().equals(v1Id)).findFirst().orElseThrow();
            assertThat(v1Item.status()).as(String.valueOf(v1Item.reason())).isEqualTo(MssReception.Status.INTEGRATED);
            assertThat(v1Item.patientId()).isEqualTo(patTrois.id());
            List<String> states = driver.ui(() -> column(driver.find("mss-inbox"), 4));
            assertThat(states).contains("Déjà intégré", "À intégrer", "À intégrer (PDF seul)");

            // 2. a new version of that report: applied by the pipeline, the message says so
            String v2Id = "<cr-v2-" + key + "@robot>";
            CdaDocument v2 = v1.nextVersion(new InstanceId("1.2.250.1.999.1.1", "MSSUI-" + key + "-2"), OffsetDateTime.now(ZoneOffset.UTC)
                    .withNano(0), new DocumentContent.Unstructured(List.of("Compte rendu corrigé : glycémie à jeun 0,92 g/l.")));
            operator.deliver(SandboxMssOperator.DOCTOR, xdmMessage(v2Id, archives.pack(List.of(writer.write(v2)), robot, Set.of())));
            driver.waitUntil("poll button enabled", STEP, () -> driver.find("mss-poll").isEnabled());
            driver.run(() -> click(driver.find("mss-poll")));
            driver.waitUntil("update notice", STEP, () -> column(driver.find("mss-inbox"), 5).stream()
                    .anyMatch(n -> n.startsWith("Nouvelle version (v2) de « Compte rendu de biologie »")));
            List<String> patientsShown = driver.ui(() -> column(driver.find("mss-inbox"), 2));
            List<String> docsShown = driver.ui(() -> column(driver.find("mss-inbox"), 3));
            maximizeInbox(workbench, true);
            driver.run(() -> select(driver.find("mss-inbox"), 0));
            Thread.sleep(500);
            driver.run(() -> driver.screenshot(output.resolve("mss-inbox.png")));
            maximizeInbox(workbench, false);
            // double-click on the message opens its patient's record
            driver.run(() -> {
                Table t = driver.find("mss-inbox");
                select(t, 0);
                t.notifyListeners(SWT.DefaultSelection, new Event());
            });
            driver.waitUntil("record of the message's patient", STEP, () -> ((Label) driver.find("record-name")).getText().equals("PAT-TROIS Dominique"));
            assertThat(docsShown).noneMatch(d -> d.contains("IHE_XDM.zip")).contains("Compte rendu de biologie");
            assertThat(patientsShown).noneMatch(p -> p.matches(".*\\d{13}.*")).contains("PAT-TROIS Dominique");
            assertThat(driver.ui(() -> column(driver.find("mss-inbox"), 1))).contains("PAT-TROIS Dominique (patient)")
                    .noneMatch(p -> p.matches(".*\\d{13}.*"));
            assertThat(reception.received(500)).filteredOn(i -> i.messageId().equals(patientMessage)).singleElement()
                    .satisfies(i -> assertThat(i.fromPatient()).isTrue());
            ReceivedItem v2Item = reception.received(500).stream().filter(i -> i.messageId().equals(v2Id)).findFirst().orElseThrow();
            HealthDocument report = documents.find(v2Item.documentIds().get(0)).orElseThrow();
            assertThat(report.versionNumber()).isEqualTo(2);

            // 2. one owner for refused messages: none of them is in the documents engine's "Documents reçus"
            assertThat(received.open()).noneMatch(w -> sent.contains(w.origin()));

            // 3. an unmatched message: "À intégrer (MSSanté)" → PAT-TROIS Dominique → in her record
            List<ReceivedItem> waiting = reception.worklist();
            ReceivedItem unmatched = waiting.stream().filter(i -> sent.contains(i.messageId())).findFirst().orElseThrow();
            show(workbench, "org.caducee.mss.ui.part.worklist");
            driver.waitUntil("worklist listed", STEP, () -> {
                Table t = driver.find("mss-worklist");
                return t != null && t.getItemCount() == waiting.size();
            });
            int row = waiting.indexOf(unmatched);
            driver.run(() -> {
                select(driver.find("mss-worklist"), row);
                ((Text) driver.find("mss-worklist-patient-search")).setText("pat-trois domi");
            });
            driver.waitUntil("patient chosen", STEP, () -> ((Button) driver.find("mss-worklist-integrate")).getText().contains("PAT-TROIS"));
            maximizeInbox(workbench, true);
            Thread.sleep(500);
            driver.run(() -> driver.screenshot(output.resolve("mss-worklist.png")));
            maximizeInbox(workbench, false);
            assertThat(driver.ui(() -> ((Button) driver.find("mss-worklist-integrate")).getText()))
                    .isEqualTo("Intégrer dans le dossier de PAT-TROIS Dominique");
            driver.run(() -> click(driver.find("mss-worklist-integrate")));
            driver.waitUntil("message integrated", STEP, () -> ((Label) driver.find("mss-worklist-outcome")).getText().startsWith("Intégré dans"));
            ReceivedItem done = reception.received(500).stream().filter(i -> i.id().equals(unmatched.id())).findFirst().orElseThrow();
            assertThat(done.status()).isEqualTo(MssReception.Status.MANUALLY_INTEGRATED);
            assertThat(done.patientId()).isEqualTo(patTrois.id());
            assertThat(done.documentIds()).isNotEmpty();
            assertThat(documents.forPatient(patTrois.id())).extracting(HealthDocument::id).containsAll(done.documentIds());

            // 4. the PDF without CDA, integrated by hand
            ReceivedItem pdfItem = reception.worklist().stream().filter(i -> i.messageId().equals(pdfId)).findFirst().orElseThrow();
            driver.waitUntil("worklist refreshed", STEP, () -> ((Table) driver.find("mss-worklist")).getItemCount() == waiting.size() - 1);
            int pdfRow = reception.worklist().indexOf(pdfItem);
            driver.run(() -> select(driver.find("mss-worklist"), pdfRow));
            driver.waitUntil("PDF button", STEP, () -> ((Button) driver.find("mss-worklist-integrate")).getText()
                    .equals("Intégrer le PDF dans le dossier de PAT-TROIS Dominique"));
            driver.run(() -> click(driver.find("mss-worklist-integrate")));
            driver.waitUntil("PDF integrated", STEP, () -> ((Label) driver.find("mss-worklist-outcome")).getText()
                    .contains("Courrier de sortie"));
            HealthDocument letter = documents.forPatient(patTrois.id()).stream().filter(d -> "Courrier de sortie".equals(d.title())).findFirst()
                    .orElseThrow();
            assertThat(letter.format()).isEqualTo(DocumentFormat.PDF);
            assertThat(letter.provenance()).isEqualTo(Provenance.RECEIVED_MSSANTE);

            // 4b. the patient's plain-text message: nothing to integrate, "Marquer traité" closes it
            ReceivedItem fromPatient = reception.worklist().stream().filter(i -> i.messageId().equals(patientMessage)).findFirst().orElseThrow();
            driver.waitUntil("worklist refreshed after the PDF", STEP, () -> ((Table) driver.find("mss-worklist")).getItemCount() == waiting.size() - 2);
            int patientRow = reception.worklist().indexOf(fromPatient);
            driver.run(() -> select(driver.find("mss-worklist"), patientRow));
            driver.waitUntil("handled button enabled", STEP, () -> driver.find("mss-worklist-handled").isEnabled()
                    && !driver.find("mss-worklist-integrate").isEnabled());
            maximizeInbox(workbench, true);
            Thread.sleep(500);
            driver.run(() -> driver.screenshot(output.resolve("mss-worklist-patient-message.png")));
            maximizeInbox(workbench, false);
            driver.run(() -> click(driver.find("mss-worklist-handled")));
            driver.waitUntil("message handled", STEP, () -> ((Label) driver.find("mss-worklist-outcome")).getText().startsWith("Message de PAT-TROIS"));
            assertThat(reception.received(500)).filteredOn(i -> i.messageId().equals(patientMessage)).singleElement()
                    .satisfies(i -> assertThat(i.status()).isEqualTo(MssReception.Status.HANDLED));
            driver.waitUntil("patient message left the worklist", STEP, () -> ((Table) driver.find("mss-worklist")).getItemCount() == waiting.size() - 3);

            // 5. "Envoyer par MSSanté…" on that document of the record
            WorkbenchScript.openRecord(driver, "pat-trois domi", "PAT-TROIS", STEP);
            driver.waitUntil("the report in the record", STEP, () -> row(driver.find("record-documents"), report) >= 0);
            HealthDocument first = documents.find(v1Item.documentIds().get(0)).orElseThrow();
            driver.waitUntil("first version row", STEP, () -> row(driver.find("record-documents"), first) >= 0);
            String firstVersion = driver.ui(() -> ((Table) driver.find("record-documents")).getItem(row(driver.find("record-documents"), first))
                    .getText(6));
            String newVersion = driver.ui(() -> ((Table) driver.find("record-documents")).getItem(row(driver.find("record-documents"), report))
                    .getText(6));
            assertThat(firstVersion).isEqualTo("1 (remplacée par v2)");
            assertThat(newVersion).isEqualTo("2 (remplace la précédente)");
            driver.run(() -> {
                Table t = driver.find("record-documents");
                select(t, row(t, report));
            });
            // the action is offered on the document row (context menu) and in the Patient menu, in French
            List<String> rowMenu = driver.ui(() -> {
                Menu menu = ((Table) driver.find("record-documents")).getMenu();
                menu.notifyListeners(SWT.Show, new Event());
                List<String> texts = new java.util.ArrayList<>();
                for (MenuItem item : menu.getItems()) {
                    texts.add(item.getText());
                }
                menu.notifyListeners(SWT.Hide, new Event());
                return texts;
            });
            assertThat(rowMenu).contains("Envoyer par MSSanté…");
            Display.getDefault().asyncExec(() -> {
                MWindow window = workbench.getApplication().getChildren().get(0);
                ECommandService commands = window.getContext().get(ECommandService.class);
                EHandlerService handlers = window.getContext().get(EHandlerService.class);
                handlers.executeHandler(ParameterizedCommand.generateCommand(commands.getCommand("org.caducee.mss.ui.command.send"), Map.of()));
            });
            driver.waitUntil("compose dialog", STEP, () -> driver.find("mss-dir-name") != null);
            driver.waitUntil("care team loaded", STEP, () -> column(driver.find("mss-careteam"), 0).contains(SandboxMssOperator.ROBOT));
            // the Annuaire Santé API unreachable: the offline directory (the operator's extract) answers, and says so
            System.setProperty("caducee.mss.directory.url", "https://127.0.0.1:9/fhir/v2/");
            System.setProperty("caducee.mss.directory.apikey", "cle-injoignable");
            try {
                driver.run(() -> {
                    ((Text) driver.find("mss-dir-name")).setText("martin");
                    click(driver.find("mss-dir-search"));
                });
                driver.waitUntil("offline directory answered", STEP, () -> ((Label) driver.find("mss-dir-status")).getText()
                        .contains("annuaire hors ligne, extraction du"));
                assertThat(driver.ui(() -> ((Label) driver.find("mss-dir-status")).getText())).startsWith("2 boîte(s) MSSanté trouvée(s). Source : annuaire")
                        .endsWith("(Annuaire Santé injoignable).");
                Thread.sleep(600);
                driver.run(() -> driver.screenshot(output.resolve("mss-compose-offline.png")));
            } finally {
                System.clearProperty("caducee.mss.directory.url");
                System.clearProperty("caducee.mss.directory.apikey");
            }
            driver.run(() -> click(driver.find("mss-dir-search")));
            driver.waitUntil("directory answered", STEP, () -> ((Table) driver.find("mss-dir-results")).getItemCount() >= 2
                    && ((Label) driver.find("mss-dir-status")).getText().contains("Annuaire Santé (API FHIR)"));
            int jean = driver.ui(() -> column(driver.find("mss-dir-results"), 1).indexOf("Jean"));
            String jeanBox = driver.ui(() -> ((Table) driver.find("mss-dir-results")).getItem(jean).getText(7));
            driver.run(() -> {
                select(driver.find("mss-dir-results"), jean);
                click(driver.find("mss-dir-add"));
                Table team = driver.find("mss-careteam");
                select(team, column(team, 0).indexOf(SandboxMssOperator.ROBOT));
                click(driver.find("mss-careteam-add"));
            });
            driver.waitUntil("two recipients", STEP, () -> ((Table) driver.find("mss-recipients")).getItemCount() == 2);
            boolean patientBoxEnabled = driver.ui(() -> driver.find("mss-patient-box").isEnabled());
            // Jean MARTIN's software reads PDF only: the user ticks "PDF seulement" for him (remembered)
            driver.run(() -> {
                Table t = driver.find("mss-recipients");
                TableItem item = t.getItem(column(t, 1).indexOf(jeanBox));
                item.setChecked(true);
                Event check = new Event();
                check.detail = SWT.CHECK;
                check.item = item;
                t.notifyListeners(SWT.Selection, check);
                ((Text) driver.find("mss-body")).setText("Chère consœur, cher confrère, voici le compte rendu corrigé de Mme PAT-TROIS.");
            });
            Thread.sleep(600); // let GTK paint before the screen copy
            driver.run(() -> driver.screenshot(output.resolve("mss-compose.png")));
            assertThat(patientBoxEnabled).as("PAT-TROIS has a qualified INS").isTrue();
            driver.run(() -> click(driver.find("mss-send")));
            driver.waitUntil("dialog closed", STEP, () -> driver.find("mss-dir-name") == null);

            // 6. the outbox delivers: the operator has it, the document row and the sent folder say "envoyé"
            String subject = "biologie"; // the subject header may be folded
            driver.waitUntil("received by the robot", STEP, () -> operator.inbox(SandboxMssOperator.ROBOT).stream()
                    .map(b -> new String(b, StandardCharsets.UTF_8)).anyMatch(m -> m.contains(subject) && m.contains("IHE_XDM.zip")));
            driver.waitUntil("received by the correspondent", STEP, () -> operator.inbox(jeanBox).stream()
                    .anyMatch(b -> new String(b, StandardCharsets.UTF_8).contains(subject)));
            assertThat(operator.inbox(jeanBox).stream().map(b -> new String(b, StandardCharsets.UTF_8)).filter(m -> m.contains(subject)))
                    .as("PDF seulement").noneMatch(m -> m.contains("IHE_XDM.zip"));
            assertThat(service(MssSender.class).pdfOnly(jeanBox)).as("choice remembered").isTrue();
            driver.waitUntil("document shared", STEP, () -> documents.find(report.id()).orElseThrow().sharing(Channel.MSSANTE) == SharingState.SENT);
            show(workbench, "org.caducee.mss.ui.part.messagerie");
            driver.waitUntil("sent folder", STEP, () -> column(driver.find("mss-sent"), 4).contains("Envoyé"));
            assertThat(driver.ui(() -> column(driver.find("mss-sent"), 3))).contains("Compte rendu de biologie");
            assertThat(driver.ui(() -> column(driver.find("mss-sent"), 2))).contains("PAT-TROIS Dominique");

            // 7. the laboratory deletes its corrected report (version 3 replacing it, slot extraMetadataSlot = D): the inbox
            // says so in "Avis", the record keeps the document, flagged deleted
            String v3Id = "<cr-v3-" + key + "@robot>";
            CdaDocument v3 = v2.nextVersion(new InstanceId("1.2.250.1.999.1.1", "MSSUI-" + key + "-3"), OffsetDateTime.now(ZoneOffset.UTC)
                    .withNano(0), new DocumentContent.Unstructured(List.of("Compte rendu adressé par erreur.")));
            operator.deliver(SandboxMssOperator.DOCTOR, xdmMessage(v3Id, MssMessages.withDeletionSlot(archives.pack(List.of(writer.write(v3)), robot,
                    Set.of()))));
            driver.waitUntil("poll button enabled again", STEP, () -> driver.find("mss-poll").isEnabled());
            driver.run(() -> click(driver.find("mss-poll")));
            driver.waitUntil("deletion notice", STEP, () -> column(driver.find("mss-inbox"), 5).stream()
                    .anyMatch(n -> n.startsWith("Suppression demandée par l’émetteur : « Compte rendu de biologie » est marqué supprimé")));
            assertThat(documents.find(report.id()).orElseThrow().deleted()).isTrue();
            maximizeInbox(workbench, true);
            Thread.sleep(500);
            driver.run(() -> driver.screenshot(output.resolve("mss-inbox-deletion.png")));
            maximizeInbox(workbench, false);
            WorkbenchScript.openRecord(driver, "pat-trois domi", "PAT-TROIS", STEP);
            driver.waitUntil("deleted report flagged in the record", STEP, () -> {
                Table t = driver.find("record-documents");
                int i = row(t, report);
                return i >= 0 && t.getItem(i).getText(1).endsWith("— Supprimé à la demande de l’émetteur");
            });
        });
    }

    private static <T> T service(Class<T> type) throws InterruptedException {
        return WorkbenchScript.service(type, STARTUP);
    }

    /** Maximises the inbox part stack (screenshots) or restores it. */
    private static void maximizeInbox(E4Workbench workbench, boolean maximized) {
        Display.getDefault().syncExec(() -> {
            MWindow window = workbench.getApplication().getChildren().get(0);
            EModelService models = window.getContext().get(EModelService.class);
            MUIElement stack = models.find("org.caducee.workbench.stack.inbox", window);
            if (maximized) {
                stack.getTags().add(IPresentationEngine.MAXIMIZED);
            } else {
                stack.getTags().remove(IPresentationEngine.MAXIMIZED);
            }
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
