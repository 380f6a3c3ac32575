package org.caducee.workbench.internal.parts;

import java.util.List;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

import org.caducee.core.patient.Patient;
import org.caducee.core.patient.PatientQuery;
import org.caducee.core.patient.PatientRepository;
import org.caducee.workbench.WorkbenchSlots;
import org.caducee.workbench.internal.IdentityPresentation;
import org.caducee.workbench.internal.Messages;
import org.caducee.workbench.internal.StartupProbe;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.e4.ui.workbench.modeling.EPartService.PartState;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;

/**
 * Search as you type (birth name, used name, first names, birth date, INS). The query runs as a background job;
 * the UI thread only renders. Double-click or Enter opens the record and makes the patient active.
 */
public class PatientSearchPart {

    /** Widget data key used by UI tests to find widgets. */
    public static final String TEST_ID = "org.caducee.test.id";

    private final UISynchronize ui;
    private final MApplication application;
    private final EPartService partService;

    private PatientRepository repository;
    private Text searchField;
    private TableViewer results;
    private Label summary;
    private Job running;

    @Inject
    public PatientSearchPart(UISynchronize ui, MApplication application, EPartService partService) {
        this.ui = ui;
        this.application = application;
        this.partService = partService;
    }

    @Inject
    void setRepository(@Optional @Service PatientRepository repository) {
        this.repository = repository;
        if (searchField != null && !searchField.isDisposed() && repository != null) {
            searchField.getDisplay().asyncExec(() -> search(searchField.getText()));
        }
    }

    @PostConstruct
    void create(Composite parent) {
        GridLayoutFactory.fillDefaults().margins(6, 6).applyTo(parent);
        searchField = new Text(parent, SWT.SEARCH | SWT.ICON_SEARCH | SWT.ICON_CANCEL | SWT.BORDER);
        searchField.setMessage(Messages.get("search.hint"));
        searchField.setData(TEST_ID, "patient-search");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(searchField);
        searchField.addModifyListener(e -> search(searchField.getText()));
        searchField.addListener(SWT.DefaultSelection, e -> openFirstOrSelected());
        searchField.addListener(SWT.KeyDown, e -> {
            if (e.keyCode == SWT.ARROW_DOWN && results.getTable().getItemCount() > 0) {
                results.getTable().setFocus();
                results.getTable().setSelection(0);
            }
        });

        results = new TableViewer(parent, SWT.BORDER | SWT.FULL_SELECTION | SWT.SINGLE | SWT.V_SCROLL);
        results.getTable().setHeaderVisible(true);
        results.getTable().setLinesVisible(true);
        results.getTable().setData(TEST_ID, "patient-results");
        GridDataFactory.fillDefaults().grab(true, true).applyTo(results.getTable());
        results.setContentProvider(ArrayContentProvider.getInstance());
        results.setComparer(new IdComparer<Patient>(Patient.class, Patient::id));
        column(Messages.get("search.column.name"), 115, p -> p.identity().displayName());
        column(Messages.get("search.column.firstName"), 95, p -> p.identity().displayFirstName());
        column(Messages.get("search.column.birthDate"), 82, p -> IdentityPresentation.DATE.format(p.identity().traits().birthDate()));
        column(Messages.get("search.column.sex"), 38, p -> p.identity().traits().sex().code());
        TableViewerColumn status = new TableViewerColumn(results, SWT.NONE);
        status.getColumn().setText(Messages.get("search.column.status"));
        status.getColumn().setWidth(95);
        status.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                return IdentityPresentation.shortStatus(((Patient) element).identity());
            }

            @Override
            public Color getForeground(Object element) {
                return new Color(IdentityPresentation.background(((Patient) element).identity().status()));
            }
        });
        results.addDoubleClickListener(e -> openSelected());
        results.getTable().addListener(SWT.DefaultSelection, e -> openSelected());

        summary = new Label(parent, SWT.NONE);
        summary.setData(TEST_ID, "patient-summary");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(summary);
        StartupProbe.onFirstPaint(results.getTable());
        search("");
    }

    private void column(String title, int width, java.util.function.Function<Patient, String> text) {
        TableViewerColumn column = new TableViewerColumn(results, SWT.NONE);
        column.getColumn().setText(title);
        column.getColumn().setWidth(width);
        column.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                return text.apply((Patient) element);
            }
        });
    }

    private void search(String text) {
        PatientRepository repo = repository;
        if (repo == null) {
            summary.setText(Messages.get("search.unavailable"));
            return;
        }
        if (text.isBlank()) {
            if (running != null) {
                running.cancel();
            }
            results.setInput(List.of());
            summary.setText(Messages.get("search.empty"));
            return;
        }
        PatientQuery query;
        try {
            query = PatientQuery.parse(text, 200);
        } catch (IllegalArgumentException e) {
            summary.setText(Messages.get("search.invalid", e.getMessage()));
            return;
        }
        if (running != null) {
            running.cancel();
        }
        summary.setText(Messages.get("search.searching"));
        Job job = Job.create(Messages.get("search.searching"), monitor -> {
            try {
                List<Patient> found = repo.search(query);
                if (!monitor.isCanceled()) {
                    ui.asyncExec(() -> show(found));
                }
                return Status.OK_STATUS;
            } catch (RuntimeException e) {
                ui.asyncExec(() -> summary.setText(Messages.get("search.error", e.getMessage())));
                return Status.info(e.getMessage());
            }
        });
        job.setSystem(true);
        running = job;
        job.schedule(120);
    }

    private void show(List<Patient> found) {
        if (results.getTable().isDisposed()) {
            return;
        }
        results.setInput(found);
        summary.setText(Messages.get("search.count", found.size()));
    }

    private void openFirstOrSelected() {
        if (results.getStructuredSelection().isEmpty() && results.getTable().getItemCount() > 0) {
            results.getTable().setSelection(0);
        }
        openSelected();
    }

    private void openSelected() {
        IStructuredSelection selection = results.getStructuredSelection();
        if (selection.getFirstElement() instanceof Patient patient) {
            application.getContext().set(Patient.class, patient);
            partService.showPart(WorkbenchSlots.RECORD_PART, PartState.ACTIVATE);
        }
    }

    /** Patients created or changed elsewhere (another workstation, the CLI, demo data): run the query again. */
    @Inject
    @Optional
    void patientsChanged(@UIEventTopic("org/caducee/patient/*") org.osgi.service.event.Event event) {
        if (searchField != null && !searchField.isDisposed() && !searchField.getText().isBlank()) {
            search(searchField.getText());
        }
    }

    @Focus
    void focus() {
        searchField.setFocus();
    }

    @PreDestroy
    void dispose() {
        if (running != null) {
            running.cancel();
        }
    }
}
