package org.caducee.dmp.ui.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

import org.caducee.cda.render.CdaRenderer;
import org.caducee.core.audit.AuditEvent;
import org.caducee.core.audit.AuditExport;
import org.caducee.core.audit.AuditQuery;
import org.caducee.core.audit.AuditTrail;
import org.caducee.core.document.DocumentRepository;
import org.caducee.core.installation.DisplayZone;
import org.caducee.core.installation.Installation;
import org.caducee.core.patient.Patient;
import org.caducee.dmp.AccessMode;
import org.caducee.dmp.DmpAnnouncement;
import org.caducee.dmp.DmpDocument;
import org.caducee.dmp.DmpException;
import org.caducee.dmp.DmpService;
import org.caducee.dmp.DmpSummary;
import org.caducee.dmp.DocumentQuery;
import org.caducee.dmp.DocumentStatus;
import org.caducee.dmp.RetrievedDocument;
import org.caducee.dmp.Revisibility;
import org.caducee.outbox.OutboxService;
import org.caducee.xds.ImportOutcome;
import org.caducee.xds.Visibility;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.program.Program;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;

/**
 * The "DMP" tab of the record: the documents of the patient's DMP (loaded by the banner when the record opens, or
 * here on demand, always in a job), a search over every metadata shown, the announcements, and per selection: view
 * (the N1 PDF first), integrate into the record (dedupe, provenance DMP), make visible to the patient; below, the
 * patient's DMP orders in the outbox ({@link DmpOrders}).
 */
public class DmpDocumentsPart {

    private static final int VISIBILITY_COLUMN = 2;
    static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy", Locale.FRANCE);

    private final UISynchronize ui;
    private DmpService dmp;
    private CdaRenderer renderer;
    private OutboxService outbox;
    private AuditTrail audit;
    private ZoneId zone = DisplayZone.DEFAULT;
    private DocumentRepository documents;
    private DmpOrders orders;
    private Patient patient;
    private List<DmpDocument> loaded = List.of();
    /** The day each document invisible to the patient becomes visible to him or her (uniqueId → day). */
    private Map<String, LocalDate> visibleOn = Map.of();
    private DmpSummary summary;
    private Text filter;
    private Button all;
    private Table table;
    private Label announcements;
    private Label status;
    private Color soon;
    private long generation;

    @Inject
    public DmpDocumentsPart(UISynchronize ui) {
        this.ui = ui;
    }

    @Inject
    void setService(@org.eclipse.e4.core.di.annotations.Optional @Service DmpService service) {
        this.dmp = service;
    }

    @Inject
    void setOutbox(@org.eclipse.e4.core.di.annotations.Optional @Service OutboxService service) {
        this.outbox = service;
    }

    @Inject
    void setDocuments(@org.eclipse.e4.core.di.annotations.Optional @Service DocumentRepository service) {
        this.documents = service;
    }

    @Inject
    void setAudit(@org.eclipse.e4.core.di.annotations.Optional @Service AuditTrail service) {
        this.audit = service;
    }

    @Inject
    void setInstallation(@org.eclipse.e4.core.di.annotations.Optional @Service Installation service) {
        this.zone = DisplayZone.of(service);
    }

    @Inject
    void setRenderer(@org.eclipse.e4.core.di.annotations.Optional @Service CdaRenderer service) {
        this.renderer = service;
    }

    @Inject
    void setPatient(@org.eclipse.e4.core.di.annotations.Optional Patient active) {
        this.patient = active;
        loaded = List.of();
        visibleOn = Map.of();
        generation++;
        if (table != null && !table.isDisposed()) {
            announcements.setText("");
            fill();
            message(active == null ? Messages.get("part.noPatient") : Messages.get("part.loading"));
            orders.setPatient(active == null ? null : active.id());
        }
    }

    /** The banner publishes what it loaded when the record opened: shown without another call. */
    @Inject
    void setSummary(@org.eclipse.e4.core.di.annotations.Optional DmpSummary summary) {
        this.summary = summary;
        if (summary != null && table != null && !table.isDisposed()) {
            apply(summary);
        }
    }

    private void apply(DmpSummary summary) {
        loaded = summary.documents();
        visibleOn = summary.patientVisibleOn();
        StringBuilder text = new StringBuilder();
        for (DmpAnnouncement a : summary.announcements()) {
            text.append(text.isEmpty() ? "" : "\n").append(announcement(a));
        }
        announcements.setText(text.toString());
        announcements.requestLayout();
        fill();
    }

    /** The day of {@code instant} in the display zone. */
    static String date(Instant instant, ZoneId zone) {
        return DAY.withZone(zone).format(instant);
    }

    static String announcement(DmpAnnouncement a) {
        return Messages.get("announce." + a.kind().name(), a.title() == null ? a.uniqueId() : a.title());
    }

    @PostConstruct
    void create(Composite parent) {
        GridLayoutFactory.swtDefaults().numColumns(5).applyTo(parent);
        filter = new Text(parent, SWT.SEARCH | SWT.ICON_SEARCH | SWT.ICON_CANCEL);
        filter.setMessage(Messages.get("part.filter"));
        filter.setData(DmpBanner.TEST_ID, "dmp-filter");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(filter);
        filter.addListener(SWT.Modify, e -> fill());
        all = new Button(parent, SWT.CHECK);
        all.setText(Messages.get("part.all"));
        all.addListener(SWT.Selection, e -> reload());
        button(parent, "part.refresh", this::reload);
        button(parent, "part.view", this::view);
        button(parent, "part.integrate", this::integrate);

        announcements = new Label(parent, SWT.WRAP);
        announcements.setData(DmpBanner.TEST_ID, "dmp-announcements");
        announcements.setForeground(parent.getDisplay().getSystemColor(SWT.COLOR_DARK_RED));
        GridDataFactory.fillDefaults().span(5, 1).grab(true, false).applyTo(announcements);

        table = new Table(parent, SWT.MULTI | SWT.FULL_SELECTION | SWT.BORDER);
        table.setData(DmpBanner.TEST_ID, "dmp-documents");
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        for (String[] column : new String[][] { { "part.col.date", "90" }, { "part.col.title", "220" }, { "part.col.visibility", "380" },
                { "part.col.type", "170" }, { "part.col.author", "150" }, { "part.col.status", "80" } }) {
            TableColumn c = new TableColumn(table, SWT.LEFT);
            c.setText(Messages.get(column[0]));
            c.setWidth(Integer.parseInt(column[1]));
        }
        table.addListener(SWT.DefaultSelection, e -> view());
        soon = new Color(255, 224, 178);
        GridDataFactory.fillDefaults().span(5, 1).grab(true, true).applyTo(table);

        Composite bottom = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(3).applyTo(bottom);
        GridDataFactory.fillDefaults().span(5, 1).grab(true, false).applyTo(bottom);
        status = new Label(bottom, SWT.NONE);
        status.setData(DmpBanner.TEST_ID, "dmp-status");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(status);
        button(bottom, "part.show", this::makeVisible);
        button(bottom, "part.exportTraces", this::chooseTraceFile);
        orders = new DmpOrders(parent, ui, zone);
        orders.setServices(dmp, outbox, documents);
        orders.setPatient(patient == null ? null : patient.id());
        message(patient == null ? Messages.get("part.noPatient") : Messages.get("part.loading"));
        if (summary != null) {
            apply(summary);
        } else if (patient != null) {
            reload();
        }
    }

    private static void button(Composite parent, String key, Runnable action) {
        Button b = new Button(parent, SWT.PUSH);
        b.setText(Messages.get(key));
        b.setData(DmpBanner.TEST_ID, "dmp-" + key.substring(key.indexOf('.') + 1));
        b.addListener(SWT.Selection, e -> action.run());
    }

    private void message(String text) {
        if (status != null && !status.isDisposed()) {
            status.setText(text);
            status.requestLayout();
        }
    }

    static String statusLabel(DocumentStatus s) {
        return Messages.get("status." + s.name());
    }

    /** True when the document, invisible to the patient, becomes visible to him or her in less than a month from {@code today}. */
    static boolean visibleSoon(DmpDocument d, Map<String, LocalDate> visibleOn, LocalDate today) {
        LocalDate day = visibleOn.get(d.uniqueId());
        return d.invisibleToPatient() && day != null && new Revisibility(DisplayZone.DEFAULT).soon(day, today);
    }

    /** "visible par le patient le JJ/MM/AAAA", or empty when not known. */
    static String visibleOnLabel(DmpDocument d, Map<String, LocalDate> visibleOn, LocalDate today) {
        LocalDate day = visibleOn.get(d.uniqueId());
        if (!d.invisibleToPatient() || day == null) {
            return "";
        }
        return Messages.get("part.visibleOn", DAY.format(day));
    }

    static String visibilityLabel(DmpDocument d, Map<String, LocalDate> visibleOn, LocalDate today) {
        List<String> flags = new ArrayList<>();
        if (d.invisibleToPatient()) {
            String day = visibleOnLabel(d, visibleOn, today);
            flags.add((visibleSoon(d, visibleOn, today) ? "⚠ " : "") + Messages.get("part.invisible") + (day.isEmpty() ? "" : " – " + day));
        }
        if (d.visibility().contains(Visibility.MASQUE_PS)) {
            flags.add(Messages.get("part.masked"));
        }
        if (d.addedByPatient()) {
            flags.add(Messages.get("part.patientAdded"));
        }
        return String.join(", ", flags);
    }

    static String dateLabel(DmpDocument d) {
        String t = d.entry().creationTime();
        return t == null || t.length() < 8 ? "" : t.substring(6, 8) + "/" + t.substring(4, 6) + "/" + t.substring(0, 4);
    }

    private static String typeLabel(DmpDocument d) {
        return d.entry().typeCode() == null ? "" : d.entry().typeCode().displayName() == null ? d.entry().typeCode().code()
                : d.entry().typeCode().displayName();
    }

    private void fill() {
        if (table == null || table.isDisposed()) {
            return;
        }
        table.removeAll();
        LocalDate today = LocalDate.now(zone);
        String[] words = filter.getText().toLowerCase(Locale.FRENCH).trim().split("\\s+");
        int shown = 0;
        for (DmpDocument d : loaded) {
            String[] cells = { dateLabel(d), String.valueOf(d.entry().title()), visibilityLabel(d, visibleOn, today), typeLabel(d), d.authorName(),
                    statusLabel(d.status()) };
            String haystack = (String.join(" ", cells) + " " + d.entry().authors().stream().flatMap(a -> a.roles().stream()).toList()
                    + " " + d.entry().authors().stream().flatMap(a -> a.specialties().stream()).toList()).toLowerCase(Locale.FRENCH);
            boolean match = true;
            for (String w : words) {
                match &= w.isEmpty() || haystack.contains(w);
            }
            if (match) {
                TableItem item = new TableItem(table, SWT.NONE);
                item.setText(cells);
                item.setData(d);
                if (d.invisibleToPatient()) {
                    item.setForeground(VISIBILITY_COLUMN, table.getDisplay().getSystemColor(SWT.COLOR_DARK_RED));
                }
                if (visibleSoon(d, visibleOn, today)) {
                    // less than a month before the DMP shows it to the patient: the announcement consultation is due
                    item.setBackground(VISIBILITY_COLUMN, soon);
                }
                shown++;
            }
        }
        message(Messages.get("part.loaded", loaded.size(), shown));
    }

    private AccessMode mode() {
        return AccessMode.NORMAL;
    }

    private void reload() {
        Patient current = patient;
        DmpService service = dmp;
        if (orders != null) {
            orders.load();
        }
        if (current == null || service == null) {
            return;
        }
        long mine = ++generation;
        DocumentQuery query = all.getSelection() ? new DocumentQuery(EnumSet.allOf(DocumentStatus.class), java.util.Optional.empty(), List.of())
                : DocumentQuery.current();
        message(Messages.get("part.loading"));
        Job job = Job.create(Messages.get("job.documents"), monitor -> {
            try {
                List<DmpDocument> found = service.documents(current.id(), mode(), query);
                Map<String, LocalDate> days;
                try {
                    days = service.patientVisibleOn(current.id(), mode(), found);
                } catch (DmpException | RuntimeException e) {
                    days = Map.of();
                }
                Map<String, LocalDate> shownDays = days;
                ui.asyncExec(() -> {
                    if (mine == generation) {
                        loaded = found;
                        visibleOn = shownDays;
                        fill();
                    }
                });
            } catch (DmpException | RuntimeException e) {
                ui.asyncExec(() -> message(Messages.get("part.failed", e.getMessage())));
            }
            return Status.OK_STATUS;
        });
        job.schedule();
    }

    private List<DmpDocument> selection() {
        List<DmpDocument> selected = new ArrayList<>();
        for (TableItem item : table.getSelection()) {
            selected.add((DmpDocument) item.getData());
        }
        return selected;
    }

    /** Work on the selected documents of the current patient, in a job; nothing when nothing is selected. */
    @FunctionalInterface
    private interface SelectionWork {
        void run(DmpService service, Patient current, List<DmpDocument> selected) throws Exception;
    }

    private void onSelection(SelectionWork work) {
        Patient current = patient;
        DmpService service = dmp;
        List<DmpDocument> selected = selection();
        if (current == null || service == null || selected.isEmpty()) {
            return;
        }
        Job job = Job.create(Messages.get("job.documents"), monitor -> {
            try {
                work.run(service, current, selected);
            } catch (Exception e) {
                ui.asyncExec(() -> message(Messages.get("part.failed", e.getMessage())));
            }
            return Status.OK_STATUS;
        });
        job.schedule();
    }

    /** Opens the selected document: the PDF of an N1 document first, else the CDA itself. */
    private void view() {
        onSelection((service, current, selected) -> {
            RetrievedDocument doc = service.retrieve(current.id(), mode(), selected.get(0));
            CdaRenderer render = renderer;
            java.util.Optional<byte[]> pdf = render == null ? java.util.Optional.empty() : render.pdf(doc.content());
            Path file;
            if (pdf.isPresent()) {
                file = Files.createTempFile("dmp-", ".pdf");
                Files.write(file, pdf.get());
            } else {
                file = Files.createTempFile("dmp-", ".xml");
                Files.write(file, doc.content());
            }
            file.toFile().deleteOnExit();
            ui.asyncExec(() -> Program.launch(file.toString()));
        });
    }

    private void integrate() {
        onSelection((service, current, selected) -> {
            int stored = 0;
            int already = 0;
            int other = 0;
            for (DmpDocument d : selected) {
                try {
                    ImportOutcome outcome = service.integrate(current.id(), mode(), d);
                    switch (outcome.status()) {
                        case STORED, DELETION_APPLIED -> stored++;
                        case ALREADY_STORED -> already++;
                        default -> other++;
                    }
                } catch (DmpException | RuntimeException e) {
                    other++;
                }
            }
            String text = Messages.get("part.integrated", stored, already, other);
            ui.asyncExec(() -> message(text));
        });
    }

    /** "Exporter les traces DMP…": where to write them, then {@link #exportTraces}. */
    private void chooseTraceFile() {
        Patient current = patient;
        if (current == null) {
            message(Messages.get("part.noPatient"));
            return;
        }
        FileDialog dialog = new FileDialog(table.getShell(), SWT.SAVE);
        dialog.setText(Messages.get("traces.dialog"));
        dialog.setFilterExtensions(new String[] { "*.csv" });
        dialog.setFilterNames(new String[] { Messages.get("traces.filter") });
        dialog.setOverwrite(true);
        dialog.setFileName(Messages.get("traces.fileName", current.displayName().replaceAll("[^\\p{L}\\p{N}]+", "-"),
                java.time.LocalDate.now(zone).format(DateTimeFormatter.BASIC_ISO_DATE)));
        String chosen = dialog.open();
        if (chosen != null) {
            exportTraces(Path.of(chosen));
        }
    }

    /**
     * Writes every trace of the current patient's DMP accesses (audit category {@code dmp}) to {@code file}, in a job:
     * CSV with French headers, UTF-8 with a BOM for Excel, times in the display zone.
     */
    public void exportTraces(Path file) {
        Patient current = patient;
        AuditTrail trail = audit;
        if (current == null || trail == null) {
            message(Messages.get(current == null ? "part.noPatient" : "traces.unavailable"));
            return;
        }
        ZoneId shownIn = zone;
        message(Messages.get("traces.running"));
        Job job = Job.create(Messages.get("traces.job"), monitor -> {
            try {
                List<AuditEvent> events = trail.search(AuditQuery.all().subject(current.id().toString()).category("dmp"));
                String id = current.id().toString();
                byte[] csv = new AuditExport(shownIn, subject -> subject.equals(id) ? current.displayName() : "").csv(events);
                Files.write(file, csv);
                ui.asyncExec(() -> message(Messages.get("traces.done", events.size(), file.toString())));
            } catch (java.io.IOException | RuntimeException e) {
                ui.asyncExec(() -> message(Messages.get("traces.failed", file.toString(), String.valueOf(e.getMessage()))));
            }
            return Status.OK_STATUS;
        });
        job.schedule();
    }

    private void makeVisible() {
        onSelection((service, current, selected) -> {
            DmpDocument d = selected.get(0);
            Set<Visibility> flags = EnumSet.noneOf(Visibility.class);
            flags.addAll(d.visibility());
            flags.remove(Visibility.INVISIBLE_PATIENT);
            service.changeVisibility(current.id(), d, flags);
            ui.asyncExec(() -> {
                message(Messages.get("part.shown", d.entry().title()));
                reload();
            });
        });
    }
}
