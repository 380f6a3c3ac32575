package org.caducee.workbench.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Duration;

import org.caducee.testing.ui.UiWatchdog;
import org.caducee.testing.ui.WorkbenchDriver;
import org.caducee.testing.ui.WorkbenchScript;
import org.eclipse.e4.ui.internal.workbench.E4Workbench;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.CTabFolder;
import org.eclipse.swt.custom.CTabItem;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.Text;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;

/**
 * Starts the real Caducée workbench (application model, parts, services, sandbox demo data) under Xvfb, searches a
 * demo patient as a user would type it, opens the record and checks the identity status shown without a click.
 * A watchdog fails the test when the SWT thread is blocked more than 100 ms while the user interacts.
 */
class WorkbenchUiTest {

    private static final Duration STARTUP = Duration.ofSeconds(90);
    private static final Duration STEP = Duration.ofSeconds(20);

    private static void type(WorkbenchDriver driver, String text) {
        driver.run(() -> {
            Text search = driver.find("patient-search");
            search.setFocus();
            search.setText(text);
        });
    }

    private static void unlockWith(WorkbenchDriver driver, String password) {
        driver.run(() -> {
            org.eclipse.swt.widgets.Text field = driver.find("lock-password");
            field.setText(password);
            org.eclipse.swt.widgets.Button button = driver.find("lock-unlock");
            button.notifyListeners(org.eclipse.swt.SWT.Selection, new org.eclipse.swt.widgets.Event());
        });
    }

    private static void openFirstRow(WorkbenchDriver driver) {
        driver.run(() -> {
            Table table = driver.find("patient-results");
            table.setSelection(0);
            table.notifyListeners(SWT.DefaultSelection, new Event());
        });
    }

    private static boolean recordNameStartsWith(WorkbenchDriver driver, String name) {
        Label label = driver.find("record-name");
        return label != null && label.getText().startsWith(name);
    }

    private static boolean firstRowIs(WorkbenchDriver driver, String birthName) {
        Table table = driver.find("patient-results");
        return table.getItemCount() > 0 && table.getItem(0).getText(0).equals(birthName);
    }

    private static java.util.List<String> recordTabs(WorkbenchDriver driver) {
        java.util.List<String> labels = new java.util.ArrayList<>();
        Label name = driver.find("record-name");
        for (org.eclipse.swt.widgets.Control c = name; c != null; c = c.getParent()) {
            if (c instanceof CTabFolder folder) {
                for (CTabItem item : folder.getItems()) {
                    labels.add(item.getText());
                }
                break;
            }
        }
        return labels;
    }

    @Test
    void searchDemoPatientOpenRecordAndSeeQualifiedStatus() throws Exception {
        withWorkbench("workbench-failure.png", (driver, workbench, watchdog, output) -> {
            // first start: the sandbox seeds its demo patients in the background; the list follows
            type(driver, "decourcy");
            driver.waitUntil("demo patient DECOURCY seeded and found", STARTUP, () -> firstRowIs(driver, "DECOURCY"));
            // warm-up: the first record opened creates the record part (class loading, widgets, styling)
            openFirstRow(driver);
            driver.waitUntil("record of DECOURCY", STEP, () -> recordNameStartsWith(driver, "DECOURCY"));
            Thread.sleep(500);
            // now watch the UI thread while the user types, gets results and opens another record
            watchdog.arm();
            type(driver, "pat-trois domi");
            driver.waitUntil("PAT-TROIS in the results", STEP, () -> firstRowIs(driver, "PAT-TROIS"));
            assertThat(driver.ui(() -> ((Table) driver.find("patient-results")).getItemCount())).isEqualTo(1);
            openFirstRow(driver);
            driver.waitUntil("record of PAT-TROIS", STEP, () -> recordNameStartsWith(driver, "PAT-TROIS"));
            driver.waitUntil("documents loaded", STEP, () -> {
                Label summary = driver.find("record-documents-summary");
                return summary != null && summary.getText().contains("document") && !summary.getText().contains("Chargement");
            });
            watchdog.disarm();
            String status = driver.ui(() -> ((Label) driver.find("identity-status")).getText().trim());
            String banner = driver.ui(() -> ((Label) driver.find("banner-patient")).getText());
            String ins = driver.ui(() -> ((Label) driver.find("record-ins")).getText());
            Boolean sandbox = driver.ui(() -> driver.find("sandbox-banner").isVisible());
            driver.waitUntil("outbox summary in the status bar", STEP, () -> {
                org.eclipse.swt.widgets.Link link = driver.find("outbox-status");
                return link != null && link.isVisible() && link.getSize().x > 0 && link.getText().contains("Envois");
            });
            driver.run(() -> driver.screenshot(output.resolve("workbench-record.png")));
            assertThat(status).isEqualTo("Identité qualifiée");
            // the demo record holds five document records (one in two versions), newest act date first
            assertThat(driver.ui(() -> ((Label) driver.find("record-documents-summary")).getText())).isEqualTo("5 documents");
            assertThat(driver.ui(() -> ((Table) driver.find("record-documents")).getItem(0).getText(0))).isEqualTo("Note de vaccination");
            assertThat(banner).startsWith("PAT-TROIS Dominique");
            assertThat(ins).contains("279035121518989");
            assertThat(sandbox).as("Bac à sable banner visible").isTrue();
            assertThat(watchdog.freezes()).as("UI thread blocked > 100 ms (worst %d ms)", watchdog.worstMillis()).isEmpty();
            System.out.println("UI watchdog: worst delay with the UI thread waiting = " + watchdog.worstMillis()
                    + " ms, worst delay with the UI thread computing = " + watchdog.worstToolkitMillis() + " ms");

            // An integrator drops a bundle with a Model-Fragment into the running product: its tab appears.
            BundleContext context = FrameworkUtil.getBundle(WorkbenchUiTest.class).getBundleContext();
            Bundle dropIn = context.installBundle("memory:dropin", new ByteArrayInputStream(DropInBundle.jar()));
            dropIn.start();
            driver.waitUntil("tab of the dropped-in bundle in the patient record", STEP,
                    () -> recordTabs(driver).contains(DropInBundle.PART_LABEL));
            driver.run(() -> driver.screenshot(output.resolve("workbench-dropin.png")));

            // Session lock (as after inactivity): the workbench windows are hidden until the password is given again.
            org.caducee.workbench.internal.security.SessionLock lock = driver.ui(
                    () -> workbench.getContext().get(org.caducee.workbench.internal.security.SessionLock.class));
            assertThat(lock).as("verrouillage de session installé").isNotNull();
            driver.run(() -> lock.lock("test de verrouillage"));
            driver.waitUntil("lock window shown, record hidden", STEP,
                    () -> driver.find("lock-password") != null && !driver.find("patient-search").isVisible());
            driver.run(() -> driver.screenshot(output.resolve("session-locked.png")));
            unlockWith(driver, "pas le bon mot de passe");
            driver.waitUntil("wrong password refused", STEP, () -> {
                Label m = driver.find("lock-message");
                return m != null && m.getText().contains("incorrect");
            });
            assertThat(lock.isLocked()).isTrue();
            unlockWith(driver, System.getProperty("caducee.test.password", "Stethoscope-Bleu-2026"));
            driver.waitUntil("workbench visible again", STEP, () -> !lock.isLocked() && driver.find("patient-search").isVisible());
        });
    }
    // ---------------------------------------------------------------- INS tab (org.caducee.ins.ui)

    /** A script run against a started workbench (the first record has been opened once, as a warm-up). */
    private interface Script {
        void run(WorkbenchDriver driver, E4Workbench workbench, UiWatchdog watchdog, Path output) throws Exception;
    }

    /** Starts the real workbench, runs the script on its own thread, closes the workbench and rethrows a failure. */
    private static void withWorkbench(String failureShot, Script script) {
        System.setProperty("caducee.autologin", System.getProperty("caducee.test.login", "medecin"));
        Path output = Path.of(System.getProperty("caducee.test.output", "target"), "ui");
        WorkbenchScript.run(output.resolve(failureShot), (workbench, driver) -> {
            try (UiWatchdog watchdog = new UiWatchdog(org.eclipse.swt.widgets.Display.getDefault(), 100)) {
                driver.waitUntil("patient search field", STARTUP, () -> driver.find("patient-search") != null);
                // the whole Xvfb screen, as on a practice's workstation
                driver.run(() -> driver.find("patient-search").getShell().setBounds(driver.find("patient-search").getDisplay().getBounds()));
                script.run(driver, workbench, watchdog, output);
            }
        });
    }

    private static <T> T service(Class<T> type) throws InterruptedException {
        return WorkbenchScript.service(type, STARTUP);
    }

    private static String labelText(WorkbenchDriver driver, String testId) {
        Label label = driver.find(testId);
        return label == null ? "" : label.getText();
    }

    /**
     * DSR automatic call: a record needing qualification is opened while INSi answers in 3 s. The call runs in the INS
     * bundle's service, the UI thread is never blocked, the INS tab says the call is running and then shows the single
     * answer side by side, with "nouveau" for what INSi adds. Then the identity form opens with the COG search.
     */
    @Test
    void insTabWhileInsiIsSlow() throws Exception {
        org.caducee.sandbox.insi.InsiSimulatorControl insi = service(org.caducee.sandbox.insi.InsiSimulatorControl.class);
        // the COG referential of the shared reference data, for the birthplace search of the identity form
        Path cogDir = Path.of(System.getProperty("caducee.shared", "/work/shared"), "ref", "insee-cog");
        System.setProperty("caducee.cog.dir", cogDir.toString());
        org.caducee.ins.cog.CogReferential cog = service(org.caducee.ins.cog.CogReferential.class);
        Thread cogImport = new Thread(cog::importNow, "cog-import-for-ui-test");
        cogImport.setDaemon(true);
        cogImport.start();
        withWorkbench("ins-failure.png", (driver, workbench, watchdog, output) -> {
            try {
                type(driver, "decourcy");
                driver.waitUntil("demo patient DECOURCY seeded and found", STARTUP, () -> firstRowIs(driver, "DECOURCY"));
                openFirstRow(driver);
                driver.waitUntil("record of DECOURCY", STEP, () -> recordNameStartsWith(driver, "DECOURCY"));
                WorkbenchScript.show(workbench, "org.caducee.ins.ui.part.identity");
                driver.waitUntil("INS tab shown", STEP, () -> driver.find("ins-comparison") != null);
                Thread.sleep(1000);

                insi.latency(Duration.ofSeconds(3));
                int requests = insi.requests();
                watchdog.arm();
                type(driver, "de vinci");
                driver.waitUntil("DE VINCI in the results", STEP, () -> firstRowIs(driver, "DE VINCI"));
                openFirstRow(driver);
                WorkbenchScript.show(workbench, "org.caducee.ins.ui.part.identity");
                driver.waitUntil("the INS tab says INSi is being called", STEP, () -> labelText(driver, "ins-message").contains("automatique"));
                driver.waitUntil("the INSi answer in the INS tab", Duration.ofSeconds(60),
                        () -> ((Table) driver.find("ins-comparison")).getItemCount() > 0);
                watchdog.disarm();
                Thread.sleep(300);
                driver.run(() -> driver.screenshot(output.resolve("ins-comparison.png")));
                assertThat(insi.requests() - requests).as("one automatic INSi call").isEqualTo(1);
                java.util.List<String> results = driver.ui(() -> {
                    java.util.List<String> rows = new java.util.ArrayList<>();
                    Table table = driver.find("ins-comparison");
                    for (org.eclipse.swt.widgets.TableItem item : table.getItems()) {
                        rows.add(item.getText(0) + " | " + item.getText(3));
                    }
                    return rows;
                });
                assertThat(results).anySatisfy(r -> assertThat(r).contains("nouveau"));
                assertThat(results).noneSatisfy(r -> assertThat(r).contains("DIVERGENT"));
                assertThat(driver.ui(() -> labelText(driver, "ins-message"))).contains("Comparez");
                assertThat(watchdog.freezes()).as("UI thread blocked > 100 ms while INSi answered slowly (worst %d ms)", watchdog.worstMillis()).isEmpty();
                System.out.println("UI watchdog (INS, INSi latency 3 s): worst delay with the UI thread waiting = " + watchdog.worstMillis()
                        + " ms, computing = " + watchdog.worstToolkitMillis() + " ms");

                // the identity form, with the COG search as you type
                insi.latency(Duration.ZERO);
                cogImport.join(STARTUP.toMillis());
                driver.run(() -> {
                    org.eclipse.swt.widgets.Button edit = driver.find("ins-edit");
                    edit.getDisplay().asyncExec(() -> edit.notifyListeners(SWT.Selection, new Event()));
                });
                driver.waitUntil("identity form", STEP, () -> driver.find("form-birth-name") != null);
                assertThat(driver.ui(() -> ((Text) driver.find("form-birth-name")).getText())).isEqualTo("DE VINCI");
                driver.run(() -> ((Text) driver.find("form-birthplace-search")).setText("itali"));
                driver.waitUntil("COG results for « itali »", STEP,
                        () -> ((org.eclipse.swt.widgets.List) driver.find("form-birthplace-results")).getItemCount() > 0);
                Thread.sleep(300);
                driver.run(() -> driver.screenshot(output.resolve("ins-identity-form.png")));
                // a wrong date is refused in French, the input kept
                driver.run(() -> ((Text) driver.find("form-birth-date")).setText("31/02/1952"));
                driver.run(() -> ((org.eclipse.swt.widgets.Button) driver.find("form-save")).notifyListeners(SWT.Selection, new Event()));
                driver.waitUntil("date refused", STEP, () -> driver.find("form-birth-name") != null);
                assertThat(driver.ui(() -> ((Text) driver.find("form-birth-date")).getText())).isEqualTo("31/02/1952");
                assertThat(driver.ui(() -> ((Text) driver.find("form-birth-name")).getShell().getText())).isEqualTo("Identité du patient");
                // corrected, with a used first name: saved through the workflow (traits unchanged, status kept)
                driver.run(() -> ((Text) driver.find("form-birth-date")).setText("15/04/1952"));
                driver.run(() -> ((Text) driver.find("form-used-first-name")).setText("Léo"));
                driver.run(() -> ((org.eclipse.swt.widgets.Button) driver.find("form-save")).notifyListeners(SWT.Selection, new Event()));
                driver.waitUntil("form closed and identity saved", STEP,
                        () -> driver.find("form-birth-name") == null && labelText(driver, "ins-message").contains("Identité enregistrée"));

                // "Scanner le Datamatrix": what a keyboard-wedge 2D scanner types (GS typed as <GS>), then checked with INSi
                String zoe = "IS010000000000000000000000S1275126322074974S21.2.250.1.213.1.4.8<GS>S3ZOE<GS>S5FS631-12-1975S763220S4ADRUN";
                driver.run(() -> {
                    org.eclipse.swt.widgets.Button scan = driver.find("ins-datamatrix");
                    scan.getDisplay().asyncExec(() -> scan.notifyListeners(SWT.Selection, new Event()));
                });
                driver.waitUntil("Datamatrix dialog", STEP, () -> driver.find("datamatrix-text") != null);
                driver.run(() -> ((Text) driver.find("datamatrix-text")).setText(zoe));
                driver.run(() -> ((org.eclipse.swt.widgets.Button) driver.find("datamatrix-read")).notifyListeners(SWT.Selection, new Event()));
                driver.waitUntil("INSi confirms the INS of the Datamatrix", STEP, () -> labelText(driver, "ins-message").contains("confirme"));
                assertThat(driver.ui(() -> labelText(driver, "ins-message"))).contains("275126322074974");
            } finally {
                insi.reset();
            }
        });
    }
}
