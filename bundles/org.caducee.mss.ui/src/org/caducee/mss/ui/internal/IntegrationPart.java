package org.caducee.mss.ui.internal;

import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

import org.caducee.core.document.DocumentRepository;
import org.caducee.core.installation.DisplayZone;
import org.caducee.core.installation.Installation;
import org.caducee.core.patient.Patient;
import org.caducee.core.patient.PatientRepository;
import org.caducee.mss.MssException;
import org.caducee.mss.MssReception.ReceivedItem;
import org.caducee.mss.MssReception;
import org.caducee.mss.ui.internal.Folders.InboxRow;
import org.caducee.security.UserAccount;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnViewerToolTipSupport;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.osgi.service.event.Event;

/**
 * "À intégrer (MSSanté)": the received messages the pipeline could not file, with the reason in French (unknown
 * patient, INS mismatch, no INS, invalid document, version, message from a patient, PDF without CDA), and one-click
 * integration into a patient chosen with the search — the IHE_XDM.zip through the documents engine, or each PDF as a
 * document of the patient (provenance MSSanté). The MSSanté messages are listed here only: the documents engine's
 * own "Documents reçus" list does not show them a second time.
 */
public class IntegrationPart {

    private final UISynchronize ui;
    private final MPart part;

    private MssReception reception;
    private PatientRepository patients;
    private DocumentRepository documents;
    private UserAccount user;

    private Composite root;
    private Icons icons;
    private Label summary;
    private Label outcome;
    private TableViewer table;
    private PatientPicker picker;
    private Button integrate;
    private Button handled;
    private int generation;
    /** Times are shown in the installation's display zone. */
    private ZoneId zone = DisplayZone.DEFAULT;

    @Inject
    public IntegrationPart(UISynchronize ui, MPart part) {
        this.ui = ui;
        this.part = part;
    }

    @Inject
    void setServices(@Optional @Service MssReception reception, @Optional @Service PatientRepository patients,
            @Optional @Service DocumentRepository documents) {
        this.reception = reception;
        this.patients = patients;
        this.documents = documents;
        if (picker != null) {
            picker.setPatients(patients);
        }
        if (root != null && !root.isDisposed()) {
            refresh();
        }
    }

    @Inject
    void setUser(@Optional UserAccount account) {
        this.user = account;
    }

    @Inject
    void setInstallation(@Optional @Service Installation installation) {
        this.zone = DisplayZone.of(installation);
    }

    @PostConstruct
    void create(Composite parent) {
        root = parent;
        icons = new Icons(parent);
        GridLayoutFactory.fillDefaults().margins(8, 4).spacing(6, 3).applyTo(parent);
        Composite top = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(3).applyTo(top);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(top);
        summary = new Label(top, SWT.NONE);
        summary.setData(Ui.TEST_ID, "mss-worklist-summary");
        outcome = new Label(top, SWT.WRAP);
        outcome.setData(Ui.TEST_ID, "mss-worklist-outcome");
        outcome.setText(Messages.get("worklist.chooseItem"));
        GridDataFactory.fillDefaults().grab(true, false).hint(100, SWT.DEFAULT).applyTo(outcome);
        Button refresh = new Button(top, SWT.PUSH);
        refresh.setText(Messages.get("inbox.refresh"));
        refresh.addListener(SWT.Selection, e -> refresh());

        table = new TableViewer(parent, SWT.BORDER | SWT.FULL_SELECTION | SWT.SINGLE | SWT.V_SCROLL | SWT.H_SCROLL);
        table.getTable().setHeaderVisible(true);
        table.getTable().setLinesVisible(true);
        table.getTable().setData(Ui.TEST_ID, "mss-worklist");
        table.setContentProvider(ArrayContentProvider.getInstance());
        ColumnViewerToolTipSupport.enableFor(table);
        GridDataFactory.fillDefaults().grab(true, true).hint(SWT.DEFAULT, 60).applyTo(table.getTable());
        Ui.column(table, InboxRow.class, Messages.get("inbox.column.received"), 115, r -> Ui.when(r.item().receivedAt(), zone), null);
        Ui.column(table, InboxRow.class, Messages.get("inbox.column.from"), 220, InboxRow::from,
                r -> r.item().fromPatient() ? icons.patient : icons.professional);
        Ui.column(table, InboxRow.class, Messages.get("worklist.column.patient"), 190, InboxRow::patient, null);
        Ui.column(table, InboxRow.class, Messages.get("inbox.column.documents"), 230, InboxRow::documents, null);
        Ui.column(table, InboxRow.class, Messages.get("worklist.column.reason"), 520, InboxRow::detail, r -> icons.todo);
        table.addSelectionChangedListener(e -> updateButton());

        Composite bottom = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(3).applyTo(bottom);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(bottom);
        picker = new PatientPicker(bottom, ui, "mss-worklist-patient", p -> updateButton());
        picker.setPatients(patients);
        integrate = new Button(bottom, SWT.PUSH);
        integrate.setData(Ui.TEST_ID, "mss-worklist-integrate");
        integrate.addListener(SWT.Selection, e -> integrate());
        handled = new Button(bottom, SWT.PUSH);
        handled.setData(Ui.TEST_ID, "mss-worklist-handled");
        handled.setText(Messages.get("worklist.handled"));
        handled.setToolTipText(Messages.get("worklist.handledTip"));
        handled.addListener(SWT.Selection, e -> markHandled());
        updateButton();
        refresh();
        Ui.every(parent, 60, this::refresh);
    }

    @Inject
    @Optional
    void documentsChanged(@UIEventTopic("org/caducee/document/*") Event event) {
        if (root != null && !root.isDisposed()) {
            refresh();
        }
    }

    /** Reloads the worklist in a job. */
    public void refresh() {
        MssReception in = reception;
        if (in == null) {
            summary.setText(Messages.get("worklist.unavailable"));
            return;
        }
        int mine = ++generation;
        Folders folders = new Folders(patients, documents);
        Ui.background(ui, Messages.get("worklist.loading"), true, () -> folders.inbox(in.worklist()), rows -> {
            if (table.getTable().isDisposed() || mine != generation) {
                return;
            }
            table.setInput(rows);
            summary.setText(Messages.get("worklist.count", rows.size()));
            part.setLabel(rows.isEmpty() ? Messages.get("worklist.title") : Messages.get("worklist.titleCount", rows.size()));
            updateButton();
        });
    }

    private InboxRow selected() {
        return (InboxRow) table.getStructuredSelection().getFirstElement();
    }

    private void updateButton() {
        Patient p = picker.chosen();
        InboxRow row = selected();
        String key = row != null && row.item().pdfOnly() ? "worklist.integratePdf" : "worklist.integrate";
        integrate.setText(p == null ? Messages.get(key) : Messages.get(key + "Into", p.displayName()));
        integrate.setEnabled(p != null && row != null && reception != null && !row.item().nothingToIntegrate());
        handled.setEnabled(row != null && reception != null && row.item().nothingToIntegrate());
        root.layout(true, true);
    }

    /** A message without any document (a patient's plain-text message…): read and dealt with, it leaves the list. */
    private void markHandled() {
        InboxRow row = selected();
        MssReception in = reception;
        if (row == null || in == null) {
            return;
        }
        UUID itemId = row.item().id();
        String actor = Ui.actor(user);
        handled.setEnabled(false);
        Ui.background(ui, Messages.get("worklist.handledJob"), false, () -> {
            try {
                ReceivedItem done = in.markHandled(itemId, null, actor);
                return Messages.get("worklist.handledDone", row.from(), done.reason());
            } catch (MssException | RuntimeException e) {
                return Messages.get("worklist.handledFailed", e.getMessage());
            }
        }, text -> {
            if (!outcome.isDisposed()) {
                outcome.setText(text);
                outcome.setToolTipText(text);
                refresh();
            }
        });
    }

    private void integrate() {
        InboxRow row = selected();
        Patient p = picker.chosen();
        MssReception in = reception;
        if (row == null || p == null || in == null) {
            return;
        }
        UUID itemId = row.item().id();
        String actor = Ui.actor(user);
        Folders folders = new Folders(patients, documents);
        integrate.setEnabled(false);
        Ui.background(ui, Messages.get("worklist.job"), false, () -> {
            try {
                ReceivedItem done = in.integrate(itemId, p.id(), actor);
                return Messages.get("worklist.done", p.displayName(), folders.inbox(List.of(done)).get(0).documents());
            } catch (MssException | RuntimeException e) {
                return Messages.get("worklist.failed", e.getMessage());
            }
        }, text -> {
            if (!outcome.isDisposed()) {
                outcome.setText(text);
                outcome.setToolTipText(text);
                refresh();
            }
        });
    }
}
