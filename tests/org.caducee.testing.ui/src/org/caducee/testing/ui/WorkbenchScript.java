package org.caducee.testing.ui;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.e4.ui.internal.workbench.E4Workbench;
import org.eclipse.e4.ui.internal.workbench.swt.E4Application;
import org.eclipse.e4.ui.model.application.ui.basic.MWindow;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;

/**
 * Runs the real Caducée workbench (its application model and life cycle, persisted state cleared) on the test's main
 * thread and a test script on another thread that drives it through a {@link WorkbenchDriver}. When the script fails,
 * a screenshot is saved and every shell is closed; the failure is rethrown once the workbench is down.
 */
public final class WorkbenchScript {

    /** The body of a UI test. */
    @FunctionalInterface
    public interface Body {
        void run(E4Workbench workbench, WorkbenchDriver driver) throws Exception;
    }

    private WorkbenchScript() {
    }

    /** Starts the workbench, runs the body, closes the workbench. Call from the test thread. */
    public static void run(Path failureScreenshot, Body body) {
        Display display = Display.getDefault();
        E4Application application = new E4Application();
        E4Workbench workbench = application.createE4Workbench(new TestApplicationContext(Map.of(
                "applicationXMI", "org.caducee.workbench/Application.e4xmi",
                "lifeCycleURI", "bundleclass://org.caducee.workbench/org.caducee.workbench.internal.LifeCycle",
                "clearPersistedState", "true")), display);
        WorkbenchDriver driver = new WorkbenchDriver(display);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread script = new Thread(() -> {
            try {
                body.run(workbench, driver);
            } catch (Throwable t) {
                failure.set(t);
                try {
                    driver.run(() -> driver.screenshot(failureScreenshot));
                } catch (RuntimeException ignored) {
                    // the display may be gone already
                }
            } finally {
                display.asyncExec(() -> {
                    for (Shell shell : display.getShells()) {
                        // on failure every window; otherwise the test's own windows and dialogs left open (their
                        // nested event loop would keep the workbench alive)
                        if (failure.get() != null || shell.getData(WorkbenchDriver.TEST_ID) != null || shell.getParent() != null) {
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
        try {
            script.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (failure.get() != null) {
            throw new AssertionError(failure.get().getMessage(), failure.get());
        }
    }

    /** An OSGi service of the running workbench, waited for. */
    public static <T> T service(Class<T> type, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            BundleContext context = FrameworkUtil.getBundle(type).getBundleContext();
            if (context == null) {
                // the API bundle is not started (lazy): ask through the running workbench's bundle
                context = FrameworkUtil.getBundle(E4Application.class).getBundleContext();
            }
            ServiceReference<T> ref = context.getServiceReference(type);
            if (ref != null) {
                return context.getService(ref);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("service " + type.getName() + " not available");
    }

    /** Shows and activates a part of the main window. Call from the script thread. */
    public static void show(E4Workbench workbench, String partId) {
        Display.getDefault().syncExec(() -> {
            MWindow window = workbench.getApplication().getChildren().get(0);
            window.getContext().get(EPartService.class).showPart(partId, EPartService.PartState.ACTIVATE);
        });
    }

    /**
     * Types in the patient search, waits for the first result to be {@code lastName} and opens that record (Enter).
     * Call from the script thread.
     */
    public static void openRecord(WorkbenchDriver driver, String search, String lastName, Duration timeout) throws InterruptedException {
        driver.run(() -> {
            Text field = driver.find("patient-search");
            field.setFocus();
            field.setText(search);
        });
        driver.waitUntil(lastName + " found", timeout, () -> {
            Table t = driver.find("patient-results");
            return t != null && t.getItemCount() > 0 && t.getItem(0).getText(0).equals(lastName);
        });
        driver.run(() -> {
            Table t = driver.find("patient-results");
            t.setSelection(0);
            t.notifyListeners(SWT.DefaultSelection, new Event());
        });
    }

    /** Selects a row as a user would (listeners notified). Call on the SWT thread. */
    public static void select(Table table, int index) {
        table.setSelection(index);
        table.notifyListeners(SWT.Selection, new Event());
    }

    /** Presses a button. Call on the SWT thread. */
    public static void click(Control button) {
        button.notifyListeners(SWT.Selection, new Event());
    }

    /** The texts of one column of a table. Call on the SWT thread. */
    public static List<String> column(Table table, int column) {
        List<String> out = new ArrayList<>();
        for (TableItem item : table.getItems()) {
            out.add(item.getText(column));
        }
        return out;
    }
}
