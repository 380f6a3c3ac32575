package org.caducee.workbench.internal.parts;

import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

import org.caducee.core.document.Channel;
import org.caducee.core.document.DocumentRepository;
import org.caducee.core.document.HealthDocument;
import org.caducee.core.event.CaduceeTopics;
import org.caducee.core.identity.Identity;
import org.caducee.core.identity.Ins;
import org.caducee.core.patient.Patient;
import org.caducee.core.patient.PatientRepository;
import org.caducee.security.UserAccount;
import org.caducee.workbench.WorkbenchSlots;
import org.caducee.workbench.internal.IdentityPresentation;
import org.caducee.workbench.internal.Messages;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.services.EMenuService;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.jface.viewers.Viewer;
import org.eclipse.jface.viewers.ViewerComparator;
import org.eclipse.jface.window.DefaultToolTip;
import org.eclipse.jface.window.ToolTip;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.Font;
import org.eclipse.swt.graphics.FontData;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.TableColumn;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/**
 * The patient record: identity banner (status shown without a click, with a tooltip after one second telling how
 * to reach "qualifiée") and the list of documents, sortable by type and act date, with provenance and sharing.
 */
public class PatientRecordPart {

    private static final DateTimeFormatter ACT_DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm");
    /** Times are shown in the installation's display zone, whatever the offset the document was written with. */
    private java.time.ZoneId zone = org.caducee.core.installation.DisplayZone.DEFAULT;

    private final UISynchronize ui;
    private final MPart part;
    private final MApplication application;

    private DocumentRepository documents;
    private PatientRepository patients;
    private EventAdmin events;
    private UserAccount user;
    private Patient patient;

    private Composite root;
    private Label name;
    private Label status;
    private DefaultToolTip statusTip;
    private Label birth;
    private Label ins;
    private Label details;
    private Label documentSummary;
    private TableViewer documentTable;
    private Font titleFont;

    private final EPartService partService;

    private final EMenuService menus;

    @Inject
    public PatientRecordPart(UISynchronize ui, MPart part, MApplication application, EPartService partService, EMenuService menus) {
        this.menus = menus;
        this.ui = ui;
        this.part = part;
        this.application = application;
        this.partService = partService;
    }

    @Inject
    void setInstallation(@Optional @Service org.caducee.core.installation.Installation installation) {
        this.zone = org.caducee.core.installation.DisplayZone.of(installation);
    }

    @Inject
    void setServices(@Optional @Service DocumentRepository documents, @Optional @Service PatientRepository patients, @Optional @Service EventAdmin events) {
        this.documents = documents;
        this.patients = patients;
        this.events = events;
        if (root != null && !root.isDisposed()) {
            loadDocuments();
        }
    }

    @PostConstruct
    void create(Composite parent) {
        root = parent;
        GridLayoutFactory.fillDefaults().margins(10, 8).numColumns(2).applyTo(parent);
        name = new Label(parent, SWT.NONE);
        name.setData(PatientSearchPart.TEST_ID, "record-name");
        FontData[] data = name.getFont().getFontData();
        for (FontData d : data) {
            d.setHeight(d.getHeight() + 5);
            d.setStyle(SWT.BOLD);
        }
        titleFont = new Font(parent.getDisplay(), data);
        name.setFont(titleFont);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(name);

        status = new Label(parent, SWT.CENTER);
        status.setData(PatientSearchPart.TEST_ID, "identity-status");
        status.setForeground(parent.getDisplay().getSystemColor(SWT.COLOR_WHITE));
        GridDataFactory.fillDefaults().hint(230, SWT.DEFAULT).align(SWT.END, SWT.CENTER).applyTo(status);
        statusTip = new DefaultToolTip(status, ToolTip.NO_RECREATE, false);
        statusTip.setPopupDelay(1000);
        statusTip.setHideDelay(0);

        birth = span(parent, "record-birth");
        ins = span(parent, "record-ins");
        details = span(parent, "record-details");

        documentSummary = span(parent, "record-documents-summary");
        documentTable = new TableViewer(parent, SWT.BORDER | SWT.FULL_SELECTION | SWT.MULTI | SWT.V_SCROLL);
        documentTable.getTable().setHeaderVisible(true);
        documentTable.getTable().setLinesVisible(true);
        documentTable.getTable().setData(PatientSearchPart.TEST_ID, "record-documents");
        GridDataFactory.fillDefaults().span(2, 1).grab(true, true).applyTo(documentTable.getTable());
        documentTable.setContentProvider(ArrayContentProvider.getInstance());
        documentTable.setComparer(new IdComparer<HealthDocument>(HealthDocument.class, HealthDocument::id));
        DocumentSorter sorter = new DocumentSorter();
        documentTable.setComparator(sorter);
        TableColumn type = column(Messages.get("doc.column.type"), 165, d -> d.typeLabel() != null ? d.typeLabel() : d.typeCode());
        column(Messages.get("doc.column.title"), 190,
                d -> d.deleted() ? Messages.get("doc.deleted", d.title() == null ? "" : d.title()) : d.title());
        TableColumn act = column(Messages.get("doc.column.actDate"), 115, d -> d.actDate() == null ? "" : ACT_DATE.format(d.actDate().atZoneSameInstant(zone)));
        column(Messages.get("doc.column.provenance"), 135, d -> Messages.get("provenance." + d.provenance().name()));
        column(Messages.get("doc.column.dmp"), 85, d -> Messages.get("sharing." + d.sharing(Channel.DMP).name()));
        column(Messages.get("doc.column.mss"), 85, d -> Messages.get("sharing." + d.sharing(Channel.MSSANTE).name()));
        // a version replaced by a newer one of the same set (e.g. received by MSSanté) says so on its row, as does the new one
        column(Messages.get("doc.column.version"), 110, this::versionText);
        column(Messages.get("doc.column.author"), 150, HealthDocument::authorName);
        type.addListener(SWT.Selection, e -> sorter.sortBy(DocumentSorter.BY_TYPE, type));
        act.addListener(SWT.Selection, e -> sorter.sortBy(DocumentSorter.BY_ACT_DATE, act));
        // the selected document is published in the application context (viewers inject HealthDocument);
        // double-click or Enter opens the document viewer tab when a bundle contributes it
        documentTable.addSelectionChangedListener(e -> application.getContext().set(HealthDocument.class,
                (HealthDocument) documentTable.getStructuredSelection().getFirstElement()));
        documentTable.addDoubleClickListener(e -> openViewer());
        // other bundles add actions on a document row ("Envoyer par MSSanté…") to this context menu
        menus.registerContextMenu(documentTable.getTable(), WorkbenchSlots.DOCUMENTS_MENU);
        documentTable.getTable().setSortColumn(act);
        documentTable.getTable().setSortDirection(SWT.DOWN);
        parent.addDisposeListener(e -> titleFont.dispose());
        render();
    }

    private String versionText(HealthDocument d) {
        int latest = d.versionNumber();
        if (documentTable.getInput() instanceof List<?> all) {
            for (Object o : all) {
                if (o instanceof HealthDocument other && other.setId().equals(d.setId())) {
                    latest = Math.max(latest, other.versionNumber());
                }
            }
        }
        if (latest > d.versionNumber()) {
            return Messages.get("doc.version.replaced", d.versionNumber(), latest);
        }
        return d.versionNumber() > 1 ? Messages.get("doc.version.new", d.versionNumber()) : Integer.toString(d.versionNumber());
    }

    private void openViewer() {
        MPart viewer = partService.findPart(WorkbenchSlots.DOCUMENT_VIEWER_PART);
        if (viewer != null && documentTable.getStructuredSelection().getFirstElement() != null) {
            partService.activate(viewer);
        }
    }

    private Label span(Composite parent, String testId) {
        Label label = new Label(parent, SWT.WRAP);
        label.setData(PatientSearchPart.TEST_ID, testId);
        GridDataFactory.fillDefaults().span(2, 1).grab(true, false).applyTo(label);
        return label;
    }

    private TableColumn column(String title, int width, java.util.function.Function<HealthDocument, String> text) {
        TableViewerColumn column = new TableViewerColumn(documentTable, SWT.NONE);
        column.getColumn().setText(title);
        column.getColumn().setWidth(width);
        column.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                String value = text.apply((HealthDocument) element);
                return value == null ? "" : value;
            }

            @Override
            public Color getForeground(Object element) {
                // a version deleted at the request of its author stays listed, greyed out
                return ((HealthDocument) element).deleted() ? documentTable.getTable().getDisplay().getSystemColor(SWT.COLOR_DARK_RED) : null;
            }
        });
        return column.getColumn();
    }

    @Inject
    void setUser(@Optional UserAccount account) {
        this.user = account;
    }

    @Inject
    void setPatient(@Optional Patient active) {
        boolean opened = active != null && (patient == null || !patient.id().equals(active.id()));
        this.patient = active;
        if (root != null && !root.isDisposed()) {
            render();
        }
        if (opened) {
            postOpened(active);
        }
    }

    /**
     * Tells the services that a record was opened (e.g. the automatic INSi call of the INS bundle): once per patient
     * opened, not when the same patient is reloaded after a change. Posted asynchronously, outside the patient topics.
     */
    private void postOpened(Patient opened) {
        EventAdmin admin = events;
        if (admin != null) {
            Map<String, Object> props = new HashMap<>();
            props.put(CaduceeTopics.PROP_PATIENT_ID, opened.id().toString());
            if (user != null) {
                props.put(CaduceeTopics.PROP_USER, user.login());
            }
            admin.postEvent(new Event(CaduceeTopics.PATIENT_OPENED, props));
        }
    }

    @Inject
    @Optional
    void patientChanged(@UIEventTopic("org/caducee/patient/*") Event event) {
        Object id = event.getProperty(CaduceeTopics.PROP_PATIENT_ID);
        PatientRepository repo = patients;
        if (patient == null || repo == null || !patient.id().toString().equals(id)) {
            return;
        }
        Job job = Job.create(Messages.get("record.documents.loading"), monitor -> {
            repo.find(patient.id()).ifPresent(p -> ui.asyncExec(() -> application.getContext().set(Patient.class, p)));
            return Status.OK_STATUS;
        });
        job.setSystem(true);
        job.schedule();
    }

    @Inject
    @Optional
    void documentChanged(@UIEventTopic("org/caducee/document/*") Event event) {
        if (patient != null && patient.id().toString().equals(event.getProperty(CaduceeTopics.PROP_PATIENT_ID))) {
            loadDocuments();
        }
    }

    private void render() {
        application.getContext().set(HealthDocument.class, null);
        if (patient == null) {
            name.setText(Messages.get("record.none.title"));
            status.setVisible(false);
            birth.setText(Messages.get("record.none"));
            ins.setText("");
            details.setText("");
            documentSummary.setText("");
            documentTable.setInput(List.of());
            part.setLabel(Messages.get("record.none.title"));
            root.layout(true, true);
            return;
        }
        Identity identity = patient.identity();
        part.setLabel(patient.displayName());
        name.setText(patient.displayName());
        status.setVisible(true);
        status.setText(" " + IdentityPresentation.statusLabel(identity) + " ");
        status.setBackground(new Color(IdentityPresentation.background(identity.status())));
        statusTip.setText(IdentityPresentation.tooltip(identity));
        birth.setText(IdentityPresentation.birthLine(identity) + " · " + Messages.get("record.sex." + identity.traits().sex().code()));
        ins.setText(insLine(identity));
        StringBuilder more = new StringBuilder(Messages.get("record.birthName", identity.traits().birthName(), identity.traits().firstNamesList()));
        if (identity.traits().birthplaceCode() != null) {
            more.append(" · ").append(Messages.get("record.birthplace", identity.traits().birthplaceCode()));
        }
        if (patient.treatingDoctorRpps() != null) {
            more.append('\n').append(Messages.get("record.treatingDoctor", patient.treatingDoctorRpps()));
        }
        details.setText(more.toString());
        root.layout(true, true);
        loadDocuments();
    }

    private static String insLine(Identity identity) {
        Ins value = identity.ins();
        if (value == null) {
            return Messages.get("record.ins.none");
        }
        String text = Messages.get("record.ins", value.value(), Messages.get("insType." + value.type().name()));
        return value.keyValid() ? text : text + " – " + Messages.get("record.ins.badKey");
    }

    private void loadDocuments() {
        DocumentRepository repo = documents;
        Patient current = patient;
        if (repo == null || current == null) {
            return;
        }
        documentSummary.setText(Messages.get("record.documents.loading"));
        Job job = Job.create(Messages.get("record.documents.loading"), monitor -> {
            List<HealthDocument> list = repo.forPatient(current.id());
            ui.asyncExec(() -> {
                if (!documentTable.getTable().isDisposed() && current == patient) {
                    documentTable.setInput(list);
                    documentSummary.setText(Messages.get("record.documents.count", list.size()));
                }
            });
            return Status.OK_STATUS;
        });
        job.setSystem(true);
        job.schedule();
    }

    /** Sorts by act date (newest first) by default, or by type then act date. */
    private static final Comparator<HealthDocument> BY_ACT = Comparator.comparing(HealthDocument::actDate,
            Comparator.nullsFirst(Comparator.naturalOrder()));
    private static final Comparator<HealthDocument> TYPE_THEN_NEWEST = Comparator
            .comparing((HealthDocument d) -> d.typeLabel() == null ? "" : d.typeLabel()).thenComparing(BY_ACT.reversed());

    private final class DocumentSorter extends ViewerComparator {
        static final int BY_ACT_DATE = 0;
        static final int BY_TYPE = 1;
        private int key = BY_ACT_DATE;
        private boolean descending = true;

        void sortBy(int newKey, TableColumn column) {
            descending = newKey == key ? !descending : newKey == BY_ACT_DATE;
            key = newKey;
            documentTable.getTable().setSortColumn(column);
            documentTable.getTable().setSortDirection(descending ? SWT.DOWN : SWT.UP);
            documentTable.refresh();
        }

        @Override
        public int compare(Viewer viewer, Object a, Object b) {
            int result = (key == BY_TYPE ? TYPE_THEN_NEWEST : BY_ACT).compare((HealthDocument) a, (HealthDocument) b);
            return descending ? -result : result;
        }
    }
}
