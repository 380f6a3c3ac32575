package org.caducee.dmp.ui.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Hashtable;
import java.util.Map;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.caducee.core.patient.Patient;
import org.caducee.core.patient.PatientRepository;
import org.caducee.dmp.DmpCaller;
import org.caducee.dmp.DmpCallerSource;
import org.caducee.dmp.DmpRequest;
import org.caducee.dmp.DmpService;
import org.caducee.dmp.vihf.AuthenticationMode;
import org.caducee.outbox.OutboxService;
import org.caducee.outbox.OutboxState;
import org.caducee.testing.ui.TestApplicationContext;
import org.caducee.testing.ui.UiWatchdog;
import org.caducee.dmp.ui.internal.ShareHandler;
import org.eclipse.e4.core.contexts.ContextInjectionFactory;
import org.eclipse.e4.core.di.annotations.Execute;
import org.caducee.testing.ui.WorkbenchDriver;
import org.eclipse.e4.ui.internal.workbench.E4Workbench;
import org.eclipse.e4.ui.internal.workbench.swt.E4Application;
import org.eclipse.e4.ui.model.application.ui.basic.MWindow;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.Text;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;

/**
 * Runs the real workbench against the local DMP, whose demo DMP of PAT-TROIS Dominique holds the official examples:
 * once consent is recorded and the authorisation has left through the outbox, opening her record shows the number of
 * new DMP documents next to the DMP icon without a click (those invisible to her counted), and the DMP tab lists them
 * with a search over their metadata; a document is integrated into the record from there. The local DMP answers
 * every call in 3 s meanwhile: the UI thread is never blocked while the counter and the DMP tab load.
 */
class DmpUiTest {

    private static final Duration STARTUP = Duration.ofSeconds(90);
    private static final Duration STEP = Duration.ofSeconds(45);
    private static final String PAT_TROIS_INS = "2790351215189";
    /** The local DMP's answer time while the record opens (latency injection of the sandbox). */
    private static final String LATENCY = "caducee.sandbox.dmp.latency.ms";
    /** The UI thread may not wait longer than this at once. */
    private static final long UI_LIMIT_MILLIS = 150;

    private static <T> T service(Class<T> type) throws InterruptedException {
        BundleContext context = FrameworkUtil.getBundle(DmpUiTest.class).getBundleContext();
        for (int i = 0; i < 600; i++) {
            ServiceReference<T> ref = context.getServiceReference(type);
            T service = ref == null ? null : context.getService(ref);
            if (service != null) {
                return service;
            }
            Thread.sleep(100);
        }
        StringBuilder why = new StringBuilder();
        org.osgi.service.component.runtime.ServiceComponentRuntime scr = context.getService(
                context.getServiceReference(org.osgi.service.component.runtime.ServiceComponentRuntime.class));
        for (org.osgi.service.component.runtime.dto.ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs()) {
            for (org.osgi.service.component.runtime.dto.ComponentConfigurationDTO c : scr.getComponentConfigurationDTOs(d)) {
                if (c.failure != null || c.unsatisfiedReferences.length > 0) {
                    why.append('\n').append(d.name).append(": ").append(c.failure).append(' ')
                            .append(java.util.Arrays.stream(c.unsatisfiedReferences).map(r -> r.name).toList());
                }
            }
        }
        throw new AssertionError("service " + type.getName() + " not available" + why);
    }

    @Test
    void recordOpeningShowsTheCounterAndTheDmpTabListsFiltersAndIntegrates() throws Exception {
        System.setProperty("caducee.autologin", "medecin");
        Path output = Path.of(System.getProperty("caducee.test.output", "target"), "ui");
        BundleContext context = FrameworkUtil.getBundle(DmpUiTest.class).getBundleContext();
        // the professional behind the DMP calls, as a Pro Santé Connect session would provide it
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(Constants.SERVICE_RANKING, 100);
        context.registerService(DmpCallerSource.class, () -> Optional.of(new DmpCaller("medecin", new DmpRequest.Professional(
                "810001234565", "DURAND Sophie", "10", Optional.of("SM54")), AuthenticationMode.INDIRECTE)), props);

        Display display = Display.getDefault();
        E4Application application = new E4Application();
        E4Workbench workbench = application.createE4Workbench(new TestApplicationContext(Map.of(
                "applicationXMI", "org.caducee.workbench/Application.e4xmi",
                "lifeCycleURI", "bundleclass://org.caducee.workbench/org.caducee.workbench.internal.LifeCycle",
                "clearPersistedState", "true")), display);
        WorkbenchDriver driver = new WorkbenchDriver(display);
        UiWatchdog watchdog = new UiWatchdog(display, UI_LIMIT_MILLIS);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread script = new Thread(() -> {
            try {
                driver.waitUntil("patient search field", STARTUP, () -> driver.find("patient-search") != null);
                PatientRepository patients = service(PatientRepository.class);
                long deadline = System.nanoTime() + STARTUP.toNanos();
                while (patients.findByIns(PAT_TROIS_INS).isEmpty() && System.nanoTime() < deadline) {
                    Thread.sleep(200);
                }
                Patient patTrois = patients.findByIns(PAT_TROIS_INS).get(0);
                DmpService dmp = service(DmpService.class);
                OutboxService outbox = service(OutboxService.class);
                dmp.recordConsent(patTrois.id(), true, false, true, "medecin");
                driver.waitUntil("authorisation sent through the outbox", STEP, () -> outbox.list(OutboxState.DONE, 100).stream()
                        .anyMatch(i -> i.channel().equals(DmpService.AUTHORIZATION_CHANNEL) && i.idempotencyKey().contains(patTrois.id().toString())));

                System.setProperty(LATENCY, "3000");
                watchdog.arm();
                long opened = System.nanoTime();
                driver.run(() -> {
                    Text search = driver.find("patient-search");
                    search.setFocus();
                    search.setText("pat-trois domi");
                });
                driver.waitUntil("PAT-TROIS found", STEP, () -> {
                    Table t = driver.find("patient-results");
                    return t != null && t.getItemCount() > 0 && t.getItem(0).getText(0).equals("PAT-TROIS");
                });
                driver.run(() -> {
                    Table t = driver.find("patient-results");
                    t.setSelection(0);
                    t.notifyListeners(SWT.DefaultSelection, new Event());
                });
                driver.waitUntil("counter shown without a click", STEP, () -> {
                    Label counter = driver.find("banner-dmp-counter");
                    return counter != null && counter.getText().contains("nouveau");
                });
                long counterMillis = (System.nanoTime() - opened) / 1_000_000;
                // the outbox "Envois" part shows times in the display zone (Paris by default), not the machine's
                java.time.Instant authorised = outbox.list(OutboxState.DONE, 100).stream()
                        .filter(i -> i.channel().equals(DmpService.AUTHORIZATION_CHANNEL) && i.idempotencyKey().contains(patTrois.id().toString()))
                        .findFirst().orElseThrow().notBefore();
                String parisTime = java.time.format.DateTimeFormatter.ofPattern("dd/MM HH:mm").withZone(java.time.ZoneId.of("Europe/Paris"))
                        .format(authorised);
                driver.waitUntil("outbox times in Paris time", STEP, () -> java.util.Arrays.stream(((Table) driver.find("outbox-items")).getItems())
                        .anyMatch(i -> i.getText(4).equals(parisTime)));
                String counter = driver.ui(() -> ((Label) driver.find("banner-dmp-counter")).getText());
                driver.run(() -> {
                    MWindow window = workbench.getApplication().getChildren().get(0);
                    window.getContext().get(EPartService.class).showPart("org.caducee.dmp.ui.part.documents", EPartService.PartState.ACTIVATE);
                });
                driver.waitUntil("DMP documents listed", STEP, () -> {
                    Table t = driver.find("dmp-documents");
                    return t != null && t.getItemCount() >= 5;
                });
                int listed = driver.ui(() -> ((Table) driver.find("dmp-documents")).getItemCount());
                watchdog.disarm();
                System.clearProperty(LATENCY);
                System.out.println("DMP answering in 3 s: counter shown " + counterMillis + " ms after the search; UI thread worst wait "
                        + watchdog.worstMillis() + " ms, worst computing " + watchdog.worstToolkitMillis() + " ms");
                assertThat(counterMillis).as("the counter waited for the slow DMP").isGreaterThanOrEqualTo(3000);
                // the UI thread never waits while the record and the DMP tab open: not on the DMP (its client, a socket), nor on
                // anything else (a stylesheet compiled, a component created, a file read); long computing is reported only
                java.util.List<String> blocked = watchdog.freezes().stream().filter(f -> f.contains("UI thread blocked")).toList();
                watchdog.freezes().stream().filter(f -> !blocked.contains(f)).forEach(f -> System.out.println("UI thread busy: " + f));
                assertThat(blocked).as("UI thread blocked > %d ms while the record opened and the DMP answered in 3 s", UI_LIMIT_MILLIS)
                        .isEmpty();
                assertThat(watchdog.worstMillis()).as("worst wait of the UI thread").isLessThanOrEqualTo(UI_LIMIT_MILLIS);
                // first opening on a fresh installation: every document is new (a re-run on the same data counts those since)
                assertThat(counter).matches("\\d+ nouveau\\(x\\) document\\(s\\).*");
                assertThat(Integer.parseInt(counter.substring(0, counter.indexOf(' ')))).isBetween(0, listed);
                // each document invisible to the patient shows the day the DMP makes it visible to him or her
                java.util.List<String> visibility = driver.ui(() -> java.util.Arrays.stream(((Table) driver.find("dmp-documents")).getItems())
                        .map(i -> i.getText(2)).filter(v -> v.contains("Invisible patient")).toList());
                assertThat(visibility).isNotEmpty().allMatch(v -> v.matches("(⚠ )?Invisible patient – visible par le patient le \\d\\d/\\d\\d/\\d{4}.*"));
                Thread.sleep(300);
                driver.run(() -> driver.screenshot(output.resolve("dmp-documents.png")));
                driver.run(() -> ((Text) driver.find("dmp-filter")).setText("invisible"));
                Thread.sleep(300);
                driver.run(() -> driver.screenshot(output.resolve("dmp-revisibility.png")));
                driver.run(() -> ((Text) driver.find("dmp-filter")).setText(""));

                // "Exporter les traces DMP…" (the file chosen in the dialog): every DMP access of the patient, CSV for Excel
                Path traces = output.resolve("traces-dmp.csv");
                java.nio.file.Files.deleteIfExists(traces);
                driver.run(() -> {
                    MWindow window = workbench.getApplication().getChildren().get(0);
                    Object part = window.getContext().get(EPartService.class).findPart("org.caducee.dmp.ui.part.documents").getObject();
                    ((org.caducee.dmp.ui.internal.DmpDocumentsPart) part).exportTraces(traces);
                });
                driver.waitUntil("traces exported", STEP, () -> ((Label) driver.find("dmp-status")).getText().contains("exportée"));
                byte[] csv = java.nio.file.Files.readAllBytes(traces);
                assertThat(csv).startsWith((byte) 0xEF, (byte) 0xBB, (byte) 0xBF);
                java.util.List<String> rows = new String(csv, 3, csv.length - 3, java.nio.charset.StandardCharsets.UTF_8).lines().toList();
                assertThat(rows.get(0)).isEqualTo("N°;Date;Heure;Utilisateur;Action;Sujet;Patient;Détail");
                assertThat(rows.subList(1, rows.size())).isNotEmpty().allMatch(r -> r.contains(";dmp.") && r.contains(patTrois.id().toString()))
                        .anyMatch(r -> r.contains(";dmp.TD3_1_LIST;"));

                driver.run(() -> ((Text) driver.find("dmp-filter")).setText("biolog"));
                int filtered = driver.ui(() -> ((Table) driver.find("dmp-documents")).getItemCount());
                assertThat(filtered).isBetween(1, listed - 1);
                driver.run(() -> {
                    Table t = driver.find("dmp-documents");
                    t.setSelection(0);
                    driver.find("dmp-integrate").notifyListeners(SWT.Selection, new Event());
                });
                driver.waitUntil("integrated", STEP, () -> ((Label) driver.find("dmp-status")).getText().contains("intégré"));
                String outcome = driver.ui(() -> ((Label) driver.find("dmp-status")).getText());
                assertThat(outcome).matches("[01] intégré\\(s\\), [01] déjà dans le dossier, 0 non intégré\\(s\\)\\.");
                Thread.sleep(300);
                driver.run(() -> driver.screenshot(output.resolve("dmp-filter-integrate.png")));
                assertThat(driver.ui(() -> ((Button) driver.find("dmp-refresh")).isEnabled())).isTrue();

                // "Partager le document…" on a document of the record: DMP and MSSanté in one dialog (feed "en Y")
                driver.run(() -> {
                    Table t = driver.find("record-documents");
                    t.setSelection(0);
                    Event e = new Event();
                    e.item = t.getItem(0);
                    t.notifyListeners(SWT.Selection, e);
                });
                driver.run(() -> {
                    MWindow window = workbench.getApplication().getChildren().get(0);
                    ContextInjectionFactory.invoke(new ShareHandler(), Execute.class, window.getContext());
                });
                driver.waitUntil("share dialog", STEP, () -> driver.find("share-mss") != null);
                driver.run(() -> {
                    Button mss = driver.find("share-mss");
                    if (mss.isEnabled()) {
                        mss.setSelection(true);
                        mss.notifyListeners(SWT.Selection, new Event());
                        ((Text) driver.find("share-mss-to")).setText("jean.martin@demo");
                    }
                });
                String problem = driver.ui(() -> ((Label) driver.find("share-problem")).getText());
                boolean mssOffered = driver.ui(() -> ((Button) driver.find("share-mss")).isEnabled());
                if (mssOffered) {
                    assertThat(problem).as("a typed address that is not one is refused, kept in the field").contains("jean.martin@demo");
                    assertThat(driver.ui(() -> ((Button) driver.find("share-send")).isEnabled())).isFalse();
                    driver.run(() -> ((Text) driver.find("share-mss-to")).setText("jean.martin@demo.mssante.caducee.fr"));
                }
                assertThat(driver.ui(() -> ((Button) driver.find("share-send")).isEnabled())).isTrue();
                Thread.sleep(300);
                driver.run(() -> driver.screenshot(output.resolve("dmp-share.png")));
                driver.run(() -> driver.find("share-send").notifyListeners(SWT.Selection, new Event()));
                driver.waitUntil("share outcome", STEP, () -> java.util.Arrays.stream(display.getShells())
                        .anyMatch(sh -> !sh.isDisposed() && sh.isVisible() && "Partager le document".equals(sh.getText()) && driver.find("share-mss") == null));
                driver.run(() -> java.util.Arrays.stream(display.getShells())
                        .filter(sh -> !sh.isDisposed() && "Partager le document".equals(sh.getText())).forEach(org.eclipse.swt.widgets.Shell::close));

                // the DMP orders of the patient in the DMP tab: the deferred order is there and can be held
                driver.run(() -> driver.find("dmp-orders-refresh").notifyListeners(SWT.Selection, new Event()));
                driver.waitUntil("DMP order listed", STEP, () -> ((Table) driver.find("dmp-orders")).getItemCount() >= 1);
                driver.run(() -> {
                    Table t = driver.find("dmp-orders");
                    t.setSelection(0);
                    t.notifyListeners(SWT.Selection, new Event());
                });
                if (driver.ui(() -> ((Button) driver.find("dmp-orders-hold")).isEnabled())) {
                    driver.run(() -> driver.find("dmp-orders-hold").notifyListeners(SWT.Selection, new Event()));
                    driver.waitUntil("order held", STEP, () -> ((Table) driver.find("dmp-orders")).getItemCount() >= 1
                            && ((Table) driver.find("dmp-orders")).getItem(0).getText(1).equals("Suspendu"));
                    driver.run(() -> {
                        Table t = driver.find("dmp-orders");
                        t.setSelection(0);
                        t.notifyListeners(SWT.Selection, new Event());
                    });
                    assertThat(driver.ui(() -> ((Button) driver.find("dmp-orders-release")).isEnabled())).isTrue();
                }
                Thread.sleep(300);
                driver.run(() -> driver.screenshot(output.resolve("dmp-orders.png")));
            } catch (Throwable t) {
                failure.set(t);
                try {
                    driver.run(() -> driver.screenshot(output.resolve("dmp-ui-failure.png")));
                } catch (RuntimeException ignored) {
                    // the display may be gone already
                }
            } finally {
                System.clearProperty(LATENCY);
                watchdog.close();
                display.asyncExec(() -> {
                    if (failure.get() != null) {
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
