package org.caducee.workbench.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.caducee.testing.ui.WorkbenchDriver;
import org.caducee.testing.ui.TestApplicationContext;
import org.eclipse.e4.ui.internal.workbench.E4Workbench;
import org.eclipse.e4.ui.internal.workbench.swt.E4Application;
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
        System.setProperty("caducee.autologin", System.getProperty("caducee.test.login", "medecin"));
        Path output = Path.of(System.getProperty("caducee.test.output", "target"), "ui");
        org.eclipse.swt.widgets.Display display = org.eclipse.swt.widgets.Display.getDefault();
        E4Application application = new E4Application();
        E4Workbench workbench = application.createE4Workbench(new TestApplicationContext(Map.of(
                "applicationXMI", "org.caducee.workbench/Application.e4xmi",
                "lifeCycleURI", "bundleclass://org.caducee.workbench/org.caducee.workbench.internal.LifeCycle",
                "clearPersistedState", "true")), display);

        WorkbenchDriver driver = new WorkbenchDriver(display);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        UiWatchdog watchdog = new UiWatchdog(display, 100);
        Thread script = new Thread(() -> {
            try {
                driver.waitUntil("patient search field", STARTUP, () -> driver.find("patient-search") != null);
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
            } catch (Throwable t) {
                failure.set(t);
                try {
                    driver.run(() -> driver.screenshot(output.resolve("workbench-failure.png")));
                } catch (RuntimeException ignored) {
                    // the display may be gone already
                }
            } finally {
                watchdog.close();
                display.asyncExec(() -> {
                    if (failure.get() != null) {
                        // a dialog still open (login) would keep the event loop alive: close every window
                        for (org.eclipse.swt.widgets.Shell shell : display.getShells()) {
                            shell.dispose();
                        }
                    }
                    workbench.close();
                });
            }
        }, "ui-test-script");
        script.setDaemon(true);
        script.start();
        workbench.createAndRunUI(workbench.getApplication());
        script.join(10_000);
        if (failure.get() != null) {
            throw new AssertionError(failure.get().getMessage(), failure.get());
        }
    }
}
