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
import org.caducee.mss.MssReception.PollReport;
import org.caducee.mss.MssReception.Status;
import org.caducee.mss.MssReception;
import org.caducee.mss.MssSender;
import org.caducee.mss.ui.internal.Folders.InboxRow;
import org.caducee.mss.ui.internal.Folders.SentRow;
import org.caducee.workbench.WorkbenchSlots;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnViewerToolTipSupport;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.CTabFolder;
import org.eclipse.swt.custom.CTabItem;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.osgi.service.event.Event;

/**
 * "Messagerie": the received and sent folders as stored by the reception pipeline and the outbox (read in jobs, no
 * IMAP on the UI thread). Patients by name, documents by title, origin icons (professional or patient), "déjà
 * intégré" marks, notices of new versions and deletions, send state of each sent message. "Relever maintenant" polls
 * the mailbox in a job.
 */
public class MessageriePart {

    private static final int MAX = 300;

    private final UISynchronize ui;
    private final MPart part;

    private MssReception reception;
    private MssSender sender;
    private PatientRepository patients;
    private DocumentRepository documents;

    private Composite root;
    private Icons icons;
    private Label summary;
    private Label detail;
    private Button poll;
    private TableViewer inbox;
    private TableViewer sent;
    private int generation;
    /** Times are shown in the installation's display zone. */
    private ZoneId zone = DisplayZone.DEFAULT;

    private final MApplication application;
    private final EPartService partService;

    @Inject
    public MessageriePart(UISynchronize ui, MPart part, MApplication application, EPartService partService) {
        this.ui = ui;
        this.part = part;
        this.application = application;
        this.partService = partService;
    }

    @Inject
    void setServices(@Optional @Service MssReception reception, @Optional @Service MssSender sender, @Optional @Service PatientRepository patients,
            @Optional @Service DocumentRepository documents) {
        this.reception = reception;
        this.sender = sender;
        this.patients = patients;
        this.documents = documents;
        if (root != null && !root.isDisposed()) {
            refresh();
        }
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
        summary.setData(Ui.TEST_ID, "mss-summary");
        GridDataFactory.fillDefaults().grab(true, false).align(SWT.FILL, SWT.CENTER).applyTo(summary);
        poll = new Button(top, SWT.PUSH);
        poll.setText(Messages.get("inbox.poll"));
        poll.setData(Ui.TEST_ID, "mss-poll");
        poll.addListener(SWT.Selection, e -> poll());
        Button refresh = new Button(top, SWT.PUSH);
        refresh.setText(Messages.get("inbox.refresh"));
        refresh.addListener(SWT.Selection, e -> refresh());

        CTabFolder tabs = new CTabFolder(parent, SWT.BORDER | SWT.BOTTOM);
        GridDataFactory.fillDefaults().grab(true, true).hint(SWT.DEFAULT, 80).applyTo(tabs);
        CTabItem received = new CTabItem(tabs, SWT.NONE);
        received.setText(Messages.get("inbox.tab"));
        inbox = table(tabs, "mss-inbox");
        received.setControl(inbox.getTable());
        Ui.column(inbox, InboxRow.class, Messages.get("inbox.column.received"), 115, r -> Ui.when(r.item().receivedAt(), zone), null);
        Ui.column(inbox, InboxRow.class, Messages.get("inbox.column.from"), 220, InboxRow::from,
                r -> r.item().fromPatient() ? icons.patient : icons.professional);
        Ui.column(inbox, InboxRow.class, Messages.get("inbox.column.patient"), 190, InboxRow::patient, null);
        Ui.column(inbox, InboxRow.class, Messages.get("inbox.column.documents"), 260, InboxRow::documents, null);
        Ui.column(inbox, InboxRow.class, Messages.get("inbox.column.state"), 175, InboxRow::state, this::stateIcon);
        Ui.column(inbox, InboxRow.class, Messages.get("inbox.column.notice"), 420, InboxRow::detail, null);
        inbox.addSelectionChangedListener(e -> {
            InboxRow r = (InboxRow) inbox.getStructuredSelection().getFirstElement();
            showDetail(r == null ? "" : r.detail());
        });
        inbox.addDoubleClickListener(e -> openRecord((InboxRow) inbox.getStructuredSelection().getFirstElement()));

        CTabItem outgoing = new CTabItem(tabs, SWT.NONE);
        outgoing.setText(Messages.get("sent.tab"));
        sent = table(tabs, "mss-sent");
        outgoing.setControl(sent.getTable());
        Ui.column(sent, SentRow.class, Messages.get("sent.column.created"), 115, r -> Ui.when(r.item().createdAt(), zone), null);
        Ui.column(sent, SentRow.class, Messages.get("sent.column.to"), 260, SentRow::to, null);
        Ui.column(sent, SentRow.class, Messages.get("sent.column.patient"), 190, SentRow::patient, null);
        Ui.column(sent, SentRow.class, Messages.get("sent.column.documents"), 260, SentRow::documents, null);
        Ui.column(sent, SentRow.class, Messages.get("sent.column.state"), 320, SentRow::state, r -> switch (r.item().state()) {
        case SENT -> icons.integrated;
        case PENDING -> null;
        case FAILED -> icons.todo;
        });
        tabs.setSelection(received);

        detail = new Label(parent, SWT.WRAP);
        detail.setData(Ui.TEST_ID, "mss-detail");
        GridDataFactory.fillDefaults().grab(true, false).hint(200, SWT.DEFAULT).applyTo(detail);
        refresh();
        Ui.every(parent, 60, this::refresh);
    }

    private static TableViewer table(Composite parent, String testId) {
        TableViewer viewer = new TableViewer(parent, SWT.FULL_SELECTION | SWT.SINGLE | SWT.V_SCROLL | SWT.H_SCROLL);
        viewer.getTable().setHeaderVisible(true);
        viewer.getTable().setLinesVisible(true);
        viewer.getTable().setData(Ui.TEST_ID, testId);
        viewer.setContentProvider(ArrayContentProvider.getInstance());
        ColumnViewerToolTipSupport.enableFor(viewer);
        return viewer;
    }

    /** Double-click on a message: the record of its patient becomes the active one (loaded in a job). */
    private void openRecord(InboxRow row) {
        PatientRepository repo = patients;
        if (row == null || row.patientId() == null || repo == null) {
            return;
        }
        UUID id = row.patientId();
        Ui.background(ui, Messages.get("inbox.opening"), true, () -> repo.find(id).orElse(null), p -> {
            if (p != null) {
                application.getContext().set(Patient.class, p);
                partService.showPart(WorkbenchSlots.RECORD_PART, EPartService.PartState.ACTIVATE);
            }
        });
    }

    private Image stateIcon(InboxRow r) {
        if (Folders.changedRecord(r.item())) {
            return icons.changed;
        }
        return r.item().status() == Status.WORKLIST ? icons.todo : r.item().status() == Status.DUPLICATE ? null : icons.integrated;
    }

    private void showDetail(String text) {
        detail.setText(text == null ? "" : text);
        root.layout(true, true);
    }

    @Inject
    @Optional
    void documentsChanged(@UIEventTopic("org/caducee/document/*") Event event) {
        if (root != null && !root.isDisposed()) {
            refresh();
        }
    }

    @Inject
    @Optional
    void outboxChanged(@UIEventTopic("org/caducee/outbox/*") Event event) {
        if (root != null && !root.isDisposed()) {
            refresh();
        }
    }

    /** Reloads both folders in a job; only the newest load is shown. */
    public void refresh() {
        MssReception in = reception;
        MssSender out = sender;
        if (in == null || out == null) {
            summary.setText(Messages.get("inbox.unavailable"));
            return;
        }
        int mine = ++generation;
        Folders folders = new Folders(patients, documents);
        record Loaded(List<InboxRow> received, List<SentRow> sent, long waiting) {
        }
        Ui.background(ui, Messages.get("inbox.loading"), true, () -> {
            List<InboxRow> received = folders.inbox(in.received(MAX));
            return new Loaded(received, folders.sent(out.sent(MAX)), received.stream().filter(r -> r.item().status() == Status.WORKLIST).count());
        }, loaded -> {
            if (inbox.getTable().isDisposed() || mine != generation) {
                return;
            }
            inbox.setInput(loaded.received());
            sent.setInput(loaded.sent());
            summary.setText(Messages.get("inbox.count", loaded.received().size(), loaded.waiting(), loaded.sent().size()));
            part.setLabel(loaded.waiting() == 0 ? Messages.get("inbox.title") : Messages.get("inbox.titleCount", loaded.waiting()));
        });
    }

    private void poll() {
        MssReception in = reception;
        if (in == null) {
            return;
        }
        poll.setEnabled(false);
        summary.setText(Messages.get("inbox.polling"));
        Ui.background(ui, Messages.get("inbox.polling"), false, () -> {
            try {
                PollReport r = in.poll();
                return Messages.get("inbox.polled", r.fetched(), r.integrated(), r.worklist(), r.errors());
            } catch (MssException | RuntimeException e) {
                return Messages.get("inbox.pollFailed", e.getMessage());
            }
        }, text -> {
            if (!poll.isDisposed()) {
                poll.setEnabled(true);
                showDetail(text);
                refresh();
            }
        });
    }
}
