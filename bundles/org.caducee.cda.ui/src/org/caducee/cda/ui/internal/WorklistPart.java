package org.caducee.cda.ui.internal;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

import org.caducee.core.installation.DisplayZone;
import org.caducee.core.installation.Installation;
import org.caducee.core.patient.Patient;
import org.caducee.core.patient.PatientQuery;
import org.caducee.core.patient.PatientRepository;
import org.caducee.xds.DocumentImport;
import org.caducee.xds.ImportOutcome;
import org.caducee.xds.Worklist;
import org.caducee.xds.WorklistItem;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.ComboViewer;
import org.eclipse.jface.viewers.LabelProvider;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.osgi.service.event.Event;

/**
 * The received documents that could not be filed automatically (the xds {@link Worklist}), with their reason in French,
 * and "Intégrer dans le dossier de…" a patient chosen through the patient search; the filing runs in a job.
 */
public class WorklistPart {

    private static final DateTimeFormatter RECEIVED = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm");

    private final UISynchronize ui;
    private final MPart part;

    private Worklist worklist;
    private DocumentImport imports;
    private PatientRepository patients;

    private Composite root;
    private Label summary;
    private TableViewer table;
    private Text search;
    private ComboViewer chooser;
    private Button integrate;
    private Label outcome;
    /** Only the newest refresh shows its result (an older job finishing late must not overwrite it). */
    private int generation;
    /** Times are shown in the installation's display zone. */
    private ZoneId zone = DisplayZone.DEFAULT;

    @Inject
    public WorklistPart(UISynchronize ui, MPart part) {
        this.ui = ui;
        this.part = part;
    }

    @Inject
    void setInstallation(@Optional @Service Installation installation) {
        this.zone = DisplayZone.of(installation);
    }

    @Inject
    void setServices(@Optional @Service Worklist worklist, @Optional @Service DocumentImport imports,
            @Optional @Service PatientRepository patients) {
        this.worklist = worklist;
        this.imports = imports;
        this.patients = patients;
        if (root != null && !root.isDisposed()) {
            refresh();
        }
    }

    @PostConstruct
    void create(Composite parent) {
        root = parent;
        GridLayoutFactory.fillDefaults().margins(8, 4).spacing(6, 3).applyTo(parent);
        Composite top = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(3).applyTo(top);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(top);
        summary = new Label(top, SWT.NONE);
        summary.setData(DocumentViewerPart.TEST_ID, "worklist-summary");
        GridDataFactory.fillDefaults().align(SWT.BEGINNING, SWT.CENTER).applyTo(summary);
        outcome = new Label(top, SWT.NONE);
        outcome.setData(DocumentViewerPart.TEST_ID, "worklist-outcome");
        outcome.setText(Messages.get("worklist.chooseItem"));
        GridDataFactory.fillDefaults().grab(true, false).hint(100, SWT.DEFAULT).align(SWT.FILL, SWT.CENTER).applyTo(outcome);
        Button refresh = new Button(top, SWT.PUSH);
        refresh.setText(Messages.get("worklist.refresh"));
        refresh.addListener(SWT.Selection, e -> refresh());

        table = new TableViewer(parent, SWT.BORDER | SWT.FULL_SELECTION | SWT.SINGLE | SWT.V_SCROLL);
        table.getTable().setHeaderVisible(true);
        table.getTable().setLinesVisible(true);
        table.getTable().setData(DocumentViewerPart.TEST_ID, "worklist-items");
        table.setContentProvider(ArrayContentProvider.getInstance());
        GridDataFactory.fillDefaults().grab(true, true).hint(SWT.DEFAULT, 60).applyTo(table.getTable());
        column(Messages.get("worklist.column.received"), 115, i -> RECEIVED.withZone(zone).format(i.receivedAt()));
        column(Messages.get("worklist.column.reason"), 130, i -> Messages.get("reason." + i.reason().name()));
        column(Messages.get("worklist.column.file"), 150, WorklistItem::fileName);
        column(Messages.get("worklist.column.patient"), 200, WorklistItem::patient);
        column(Messages.get("worklist.column.detail"), 420, WorklistItem::detail);
        table.addSelectionChangedListener(e -> updateButton());

        Composite bottom = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(4).applyTo(bottom);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(bottom);
        Label label = new Label(bottom, SWT.NONE);
        label.setText(Messages.get("worklist.search"));
        search = new Text(bottom, SWT.BORDER | SWT.SEARCH);
        search.setMessage(Messages.get("worklist.search.hint"));
        search.setData(DocumentViewerPart.TEST_ID, "worklist-patient-search");
        GridDataFactory.fillDefaults().hint(220, SWT.DEFAULT).applyTo(search);
        search.addListener(SWT.Modify, e -> searchPatients(search.getText()));
        chooser = new ComboViewer(bottom, SWT.READ_ONLY | SWT.DROP_DOWN);
        chooser.getCombo().setData(DocumentViewerPart.TEST_ID, "worklist-patient");
        chooser.setContentProvider(ArrayContentProvider.getInstance());
        chooser.setLabelProvider(new LabelProvider() {
            @Override
            public String getText(Object element) {
                Patient p = (Patient) element;
                return p.displayName() + " – " + p.identity().traits().birthDate().format(DateTimeFormatter.ofPattern("dd/MM/yyyy"));
            }
        });
        chooser.addSelectionChangedListener(e -> updateButton());
        GridDataFactory.fillDefaults().grab(true, false).hint(200, SWT.DEFAULT).applyTo(chooser.getCombo());
        integrate = new Button(bottom, SWT.PUSH);
        integrate.setData(DocumentViewerPart.TEST_ID, "worklist-integrate");
        integrate.setText(Messages.get("worklist.integrate"));
        integrate.addListener(SWT.Selection, e -> integrate());
        updateButton();
        refresh();
    }

    private void column(String title, int width, java.util.function.Function<WorklistItem, String> text) {
        TableViewerColumn column = new TableViewerColumn(table, SWT.NONE);
        column.getColumn().setText(title);
        column.getColumn().setWidth(width);
        column.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                String value = text.apply((WorklistItem) element);
                return value == null ? "" : value.replace('\n', ' ');
            }

            @Override
            public String getToolTipText(Object element) {
                return ((WorklistItem) element).detail();
            }
        });
    }

    @Inject
    @Optional
    void documentsChanged(@UIEventTopic("org/caducee/document/*") Event event) {
        if (root != null && !root.isDisposed()) {
            refresh();
        }
    }

    /** Reloads the open items in a job. */
    public void refresh() {
        Worklist list = worklist;
        if (list == null) {
            summary.setText(Messages.get("worklist.unavailable"));
            return;
        }
        int mine = ++generation;
        Job job = Job.create(Messages.get("worklist.loading"), monitor -> {
            List<WorklistItem> items = list.open();
            ui.asyncExec(() -> {
                if (table.getTable().isDisposed() || mine != generation) {
                    return;
                }
                table.setInput(items);
                summary.setText(Messages.get("worklist.count", items.size()));
                part.setLabel(items.isEmpty() ? Messages.get("worklist.title") : Messages.get("worklist.titleCount", items.size()));
                updateButton();
            });
            return Status.OK_STATUS;
        });
        job.setSystem(true);
        job.schedule();
    }

    private void searchPatients(String text) {
        PatientRepository repo = patients;
        if (repo == null || text.isBlank()) {
            chooser.setInput(List.of());
            updateButton();
            return;
        }
        Job job = Job.create(Messages.get("worklist.search"), monitor -> {
            List<Patient> found;
            try {
                found = repo.search(PatientQuery.parse(text, 30));
            } catch (RuntimeException e) {
                found = List.of();
            }
            List<Patient> result = found;
            ui.asyncExec(() -> {
                if (!search.isDisposed() && text.equals(search.getText())) {
                    chooser.setInput(result);
                    if (!result.isEmpty()) {
                        chooser.getCombo().select(0);
                        chooser.setSelection(chooser.getSelection());
                    }
                    updateButton();
                }
            });
            return Status.OK_STATUS;
        });
        job.setSystem(true);
        job.schedule();
    }

    private WorklistItem selectedItem() {
        return (WorklistItem) table.getStructuredSelection().getFirstElement();
    }

    private Patient selectedPatient() {
        int index = chooser.getCombo().getSelectionIndex();
        Object input = chooser.getInput();
        if (index < 0 || !(input instanceof List<?> list) || index >= list.size()) {
            return null;
        }
        return (Patient) list.get(index);
    }

    private void updateButton() {
        Patient p = selectedPatient();
        integrate.setText(p == null ? Messages.get("worklist.integrate") : Messages.get("worklist.integrateInto", p.displayName()));
        integrate.setEnabled(p != null && selectedItem() != null && imports != null);
        root.layout(true, true);
    }

    private void integrate() {
        WorklistItem item = selectedItem();
        Patient p = selectedPatient();
        DocumentImport service = imports;
        if (item == null || p == null || service == null) {
            return;
        }
        UUID itemId = item.id();
        integrate.setEnabled(false);
        Job job = Job.create(Messages.get("worklist.job"), monitor -> {
            String text;
            try {
                List<ImportOutcome> outcomes = service.resolve(itemId, p.id());
                StringBuilder sb = new StringBuilder();
                for (ImportOutcome o : outcomes) {
                    sb.append(sb.isEmpty() ? "" : "\n").append(Messages.get(o.status() == ImportOutcome.Status.WORKLIST
                            ? "worklist.notDone" : "worklist.done", o.message()));
                }
                text = sb.toString();
            } catch (RuntimeException e) {
                text = Messages.get("worklist.failed", e.getMessage());
            }
            String shown = text;
            ui.asyncExec(() -> {
                if (!outcome.isDisposed()) {
                    outcome.setText(shown.replace('\n', ' '));
                    outcome.setToolTipText(shown);
                    refresh();
                }
            });
            return Status.OK_STATUS;
        });
        job.schedule();
    }
}
