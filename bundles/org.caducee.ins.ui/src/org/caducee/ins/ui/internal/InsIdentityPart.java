package org.caducee.ins.ui.internal;

import java.time.Instant;
import java.time.format.DateTimeFormatter;

import java.util.function.Function;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

import org.caducee.core.event.CaduceeTopics;
import org.caducee.core.identity.BirthTraits;
import org.caducee.core.identity.IdentityAttribute;
import org.caducee.core.identity.IdentityDocumentCheck;
import org.caducee.core.patient.Patient;
import org.caducee.ins.cog.CogLookup;
import org.caducee.ins.cog.CogReferential;
import org.caducee.ins.datamatrix.DatamatrixImage;
import org.caducee.ins.datamatrix.DatamatrixIns;
import org.caducee.ins.datamatrix.DatamatrixInsContent;
import org.caducee.ins.insi.InsiClient;
import org.caducee.ins.insi.InsiResult;
import org.caducee.ins.matching.TraitComparison;
import org.caducee.ins.qualification.AutomaticQualification;
import org.caducee.ins.qualification.InsHistoryEntry;
import org.caducee.ins.qualification.InsQualification;
import org.caducee.ins.qualification.QualificationOutcome;
import org.caducee.security.UserAccount;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.layout.RowLayoutFactory;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.ScrolledComposite;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.List;
import org.eclipse.swt.widgets.Text;
import org.osgi.service.event.Event;

/**
 * The "Identité INS" tab of the patient record: reference traits, status, INS and its history; the outcome of the
 * automatic INSi call made by {@link AutomaticQualification} when the record opened (shown when it arrives, topic
 * {@link AutomaticQualification#TOPIC_DONE}); the INSi message; the side-by-side comparison with divergences
 * highlighted, values INSi adds marked "nouveau", and one-click validation; the identity form; the document check;
 * "douteuse"; the Datamatrix INS scan (scanner or image file); a COG birthplace search. Every service call runs in a
 * {@link Job}; the UI thread only renders.
 */
public class InsIdentityPart {

    /** Narrowest width before the tab scrolls sideways. */
    private static final int MIN_WIDTH = 640;
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/uuuu");

    private final UISynchronize ui;
    private final MApplication application;

    private InsQualification qualification;
    private InsiClient insi;
    private CogReferential cog;
    private Patient patient;
    private UserAccount user;
    private AutomaticQualification automatic;
    private QualificationOutcome lastOutcome;

    private ScrolledComposite scroller;
    private Composite root;
    private Label traits;
    private Label status;
    private Label ins;
    private Label message;
    private TableViewer comparison;
    private Button accept;
    private Combo documentType;
    private List history;
    private Text cogQuery;
    private List cogResults;
    private Color divergent;
    private Color added;

    @Inject
    public InsIdentityPart(UISynchronize ui, MApplication application) {
        this.ui = ui;
        this.application = application;
    }

    @Inject
    void setServices(@Optional @Service InsQualification qualification, @Optional @Service InsiClient insi, @Optional @Service CogReferential cog,
            @Optional @Service AutomaticQualification automatic) {
        this.qualification = qualification;
        this.automatic = automatic;
        this.insi = insi;
        this.cog = cog;
    }

    @Inject
    void setUser(@Optional UserAccount account) {
        this.user = account;
    }

    private String actor() {
        return user == null ? "poste" : user.login();
    }

    @PostConstruct
    void create(Composite parent) {
        // scrolls when the record area is small (the comparison keeps room for its eight lines)
        parent.setLayout(new FillLayout());
        scroller = new ScrolledComposite(parent, SWT.V_SCROLL | SWT.H_SCROLL);
        scroller.setExpandHorizontal(true);
        scroller.setExpandVertical(true);
        Composite content = new Composite(scroller, SWT.NONE);
        scroller.setContent(content);
        scroller.addListener(SWT.Resize, e -> relayout());
        root = content;
        divergent = new Color(parent.getDisplay(), 255, 205, 205);
        added = new Color(parent.getDisplay(), 210, 230, 255);
        GridLayoutFactory.fillDefaults().margins(10, 8).numColumns(2).equalWidth(true).applyTo(content);
        traits = span(content, 2);
        status = span(content, 2);
        ins = span(content, 2);
        message = new Label(content, SWT.WRAP);
        message.setData(IdentityFormDialog.TEST_ID, "ins-message");
        GridDataFactory.fillDefaults().span(2, 1).grab(true, false).hint(MIN_WIDTH - 20, SWT.DEFAULT).applyTo(message);

        comparison = new TableViewer(content, SWT.BORDER | SWT.FULL_SELECTION);
        comparison.getTable().setData(IdentityFormDialog.TEST_ID, "ins-comparison");
        comparison.getTable().setHeaderVisible(true);
        comparison.getTable().setLinesVisible(true);
        comparison.setContentProvider(ArrayContentProvider.getInstance());
        column(Messages.get("column.field"), 240, t -> t.field().label());
        column(Messages.get("column.local"), 190, TraitComparison::local);
        column(Messages.get("column.insi"), 190, TraitComparison::insi);
        column(Messages.get("column.result"), 260, t -> Messages.get("concordance." + t.concordance().name()) + (t.hint() == null ? "" : " – " + t.hint()));
        int rows = comparison.getTable().getHeaderHeight() + 8 * comparison.getTable().getItemHeight() + 6;
        GridDataFactory.fillDefaults().span(2, 1).grab(true, true).hint(MIN_WIDTH - 20, rows).minSize(SWT.DEFAULT, rows).applyTo(comparison.getTable());

        Composite actions = new Composite(content, SWT.NONE);
        RowLayoutFactory.fillDefaults().spacing(6).wrap(true).applyTo(actions);
        GridDataFactory.fillDefaults().span(2, 1).grab(true, false).applyTo(actions);
        Button call = button(actions, Messages.get("button.call"), this::callInsi);
        accept = button(actions, Messages.get("button.accept"), this::acceptComparison);
        accept.setEnabled(false);
        button(actions, Messages.get("button.edit"), this::editIdentity).setData(IdentityFormDialog.TEST_ID, "ins-edit");
        button(actions, Messages.get("button.datamatrix"), this::scanDatamatrix).setData(IdentityFormDialog.TEST_ID, "ins-datamatrix");
        button(actions, Messages.get("button.doubtful"), this::markDoubtful);
        call.setFocus();

        Composite documents = new Composite(content, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(3).applyTo(documents);
        GridDataFactory.fillDefaults().span(2, 1).grab(true, false).applyTo(documents);
        Label docLabel = new Label(documents, SWT.NONE);
        docLabel.setText(Messages.get("document.type"));
        documentType = new Combo(documents, SWT.READ_ONLY);
        for (IdentityDocumentCheck.DocumentType t : IdentityDocumentCheck.DocumentType.values()) {
            if (t != IdentityDocumentCheck.DocumentType.APPLI_CARTE_VITALE) {
                documentType.add(Messages.get("doc." + t.name()));
            }
        }
        documentType.select(0);
        button(documents, Messages.get("button.document"), this::recordDocument);

        Group historyGroup = new Group(content, SWT.NONE);
        historyGroup.setText(Messages.get("history.title"));
        GridLayoutFactory.fillDefaults().margins(6, 4).applyTo(historyGroup);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(historyGroup);
        history = new List(historyGroup, SWT.BORDER | SWT.V_SCROLL);
        GridDataFactory.fillDefaults().grab(true, false).hint(SWT.DEFAULT, 70).applyTo(history);

        Group cogGroup = new Group(content, SWT.NONE);
        cogGroup.setText(Messages.get("cog.label"));
        GridLayoutFactory.fillDefaults().margins(6, 4).applyTo(cogGroup);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(cogGroup);
        cogQuery = new Text(cogGroup, SWT.BORDER | SWT.SEARCH);
        cogQuery.setMessage(Messages.get("cog.hint"));
        GridDataFactory.fillDefaults().grab(true, false).applyTo(cogQuery);
        cogResults = new List(cogGroup, SWT.BORDER | SWT.V_SCROLL);
        GridDataFactory.fillDefaults().grab(true, false).hint(SWT.DEFAULT, 50).applyTo(cogResults);
        cogQuery.addListener(SWT.Modify, e -> searchCog(cogQuery.getText()));
        render();
        if (patient != null) {
            loadHistory();
            showAutomatic();
        }
    }

    /**
     * The automatic call of the opened record runs in {@link AutomaticQualification} (started by the record-opened
     * event): show its latest outcome for this version of the identity, or that it is running.
     */
    private void showAutomatic() {
        AutomaticQualification auto = automatic;
        Patient active = patient;
        if (auto == null || active == null) {
            return;
        }
        java.util.Optional<QualificationOutcome> latest = auto.latest(active.id());
        if (latest.isPresent() && latest.get().kind() != QualificationOutcome.Kind.NOT_NEEDED && latest.get().patient().version() >= active.version()) {
            lastOutcome = latest.get();
            render();
        } else if (auto.running(active.id()) || needsQualification(active)) {
            // the record-opened event may reach the service a moment after this tab: the outcome event follows
            say(Messages.get("calling.automatic"));
        }
    }

    private static boolean needsQualification(Patient p) {
        return !p.identity().status().hasInsFromInsi() && !p.identity().has(IdentityAttribute.DOUTEUSE) && !p.identity().has(IdentityAttribute.FICTIVE);
    }

    @Inject
    @Optional
    void automaticDone(@UIEventTopic(AutomaticQualification.TOPIC_DONE) Event event) {
        if (patient == null || root == null || root.isDisposed() || !patient.id().toString().equals(event.getProperty(CaduceeTopics.PROP_PATIENT_ID))) {
            return;
        }
        AutomaticQualification auto = automatic;
        QualificationOutcome o = auto == null ? null : auto.latest(patient.id()).orElse(null);
        if (o == null) {
            say("");
            return;
        }
        if (o.kind() == QualificationOutcome.Kind.NOT_NEEDED) {
            say("");
            return;
        }
        // a recovered identity also comes back through the patient change events (the record reloads the patient):
        // only the outcome is shown here, so that the patient is not reloaded twice
        lastOutcome = o;
        render();
    }

    @PreDestroy
    void dispose() {
        if (divergent != null) {
            divergent.dispose();
        }
        if (added != null) {
            added.dispose();
        }
    }

    @Inject
    void setPatient(@Optional Patient active) {
        boolean other = active == null || patient == null || !active.id().equals(patient.id());
        this.patient = active;
        if (other) {
            lastOutcome = null;
        }
        if (root != null && !root.isDisposed()) {
            render();
            loadHistory();
            if (other) {
                showAutomatic();
            }
        }
    }

    // No listener of the patient topics here: the record part reloads the active patient on org/caducee/patient/* and
    // the new Patient is injected through setPatient (which reloads the history); reloading it here too would read the
    // patient twice for every change.

    private void render() {
        if (patient == null) {
            traits.setText(Messages.get("none"));
            status.setText("");
            ins.setText("");
            message.setText("");
            comparison.setInput(java.util.List.of());
            accept.setEnabled(false);
            relayout();
            return;
        }
        BirthTraits t = patient.identity().traits();
        traits.setText(Messages.get("traits", t.birthName(), t.firstNamesList(), t.sex().code(), DATE.format(t.birthDate()),
                t.birthplaceCode() == null ? "?" : t.birthplaceCode()));
        status.setText(Messages.get("status", Messages.get("status." + patient.identity().status().name())));
        ins.setText(patient.identity().ins() == null ? Messages.get("ins.none")
                : Messages.get("ins", patient.identity().ins().value(), patient.identity().ins().type().name()));
        QualificationOutcome o = lastOutcome;
        if (o != null) {
            String text = o.message() + (o.warnings().isEmpty() ? "" : "\n" + String.join("\n", o.warnings()));
            message.setText(text);
            comparison.setInput(o.comparison() == null ? java.util.List.of() : o.comparison().traits());
            accept.setEnabled(o.kind() == QualificationOutcome.Kind.TO_CONFIRM && o.result() != null && o.result().found());
            for (var item : comparison.getTable().getItems()) {
                TraitComparison c = (TraitComparison) item.getData();
                item.setBackground(switch (c.concordance()) {
                    case CONCORDANT -> null;
                    case MISSING_LOCALLY -> added;
                    default -> divergent;
                });
            }
        } else {
            comparison.setInput(java.util.List.of());
            accept.setEnabled(false);
        }
        relayout();
    }

    /** Lays the tab out again and tells the scroller how much room it needs. */
    private void relayout() {
        root.layout(true, true);
        int width = Math.max(MIN_WIDTH, scroller.getClientArea().width);
        scroller.setMinSize(MIN_WIDTH, root.computeSize(width, SWT.DEFAULT).y);
    }

    private void say(String text) {
        if (message.isDisposed()) {
            return;
        }
        message.setText(text);
        relayout();
    }

    private void callInsi() {
        InsQualification q = qualification;
        Patient p = patient;
        if (q == null || p == null) {
            return;
        }
        say(Messages.get("calling"));
        String actor = actor();
        run(Messages.get("job.insi"), () -> {
            QualificationOutcome o = q.onRecordOpened(p.id(), actor);
            ui.asyncExec(() -> {
                if (patient != null && patient.id().equals(p.id())) {
                    lastOutcome = o;
                    application.getContext().set(Patient.class, o.patient());
                    render();
                }
            });
        });
    }

    private void acceptComparison() {
        InsQualification q = qualification;
        QualificationOutcome o = lastOutcome;
        if (q == null || o == null || o.result() == null) {
            return;
        }
        UUIDHolder id = new UUIDHolder(patient.id());
        String actor = actor();
        InsiResult result = o.result();
        run(Messages.get("job.insi"), () -> {
            Patient saved = q.accept(id.id(), result, actor);
            done(saved, Messages.get("done.accepted", Messages.get("status." + saved.identity().status().name())));
        });
    }

    private void recordDocument() {
        InsQualification q = qualification;
        if (q == null || patient == null) {
            return;
        }
        IdentityDocumentCheck.DocumentType type = IdentityDocumentCheck.DocumentType.values()[documentType.getSelectionIndex()];
        UUIDHolder id = new UUIDHolder(patient.id());
        String actor = actor();
        run(Messages.get("job.insi"), () -> {
            Patient saved = q.recordDocumentCheck(id.id(), new IdentityDocumentCheck(type, actor, Instant.now()), actor);
            done(saved, Messages.get("done.document", Messages.get("status." + saved.identity().status().name())));
        });
    }

    private void markDoubtful() {
        InsQualification q = qualification;
        if (q == null || patient == null) {
            return;
        }
        UUIDHolder id = new UUIDHolder(patient.id());
        String actor = actor();
        run(Messages.get("job.insi"), () -> {
            Patient saved = q.markDoubtful(id.id(), actor);
            done(saved, Messages.get("done.doubtful"));
        });
    }

    private void scanDatamatrix() {
        DatamatrixDialog dialog = new DatamatrixDialog(root.getShell());
        if (dialog.open() != Window.OK) {
            return;
        }
        String read = dialog.text();
        java.nio.file.Path image = dialog.image();
        InsiClient client = insi;
        if (image != null) {
            say(Messages.get("datamatrix.reading", image.getFileName()));
        }
        run(Messages.get("job.insi"), () -> {
            DatamatrixInsContent c = image != null ? DatamatrixImage.parse(image) : DatamatrixIns.parse(read);
            BirthTraits t = c.traits();
            ui.asyncExec(() -> say(Messages.get("datamatrix.read", t.birthName(), t.firstNamesList(), t.sex().code(),
                    DATE.format(t.birthDate()), c.ins().value())));
            if (client == null) {
                return;
            }
            InsiResult last = client.searchWithTraits(t, new java.util.ArrayList<>());
            boolean same = last != null && last.found() && last.ins().value().equals(c.ins().value());
            String text = same ? Messages.get("datamatrix.matches", c.ins().value()) : Messages.get("datamatrix.differs", c.ins().value());
            ui.asyncExec(() -> say(text));
        });
    }

    /** The identity form; saved in a job through the workflow (RNIV rules, traces). */
    private void editIdentity() {
        InsQualification q = qualification;
        Patient p = patient;
        if (q == null || p == null) {
            return;
        }
        IdentityFormDialog form = new IdentityFormDialog(root.getShell(), p.identity(), cog, ui);
        if (form.open() != Window.OK) {
            return;
        }
        BirthTraits traits = form.traits();
        String usedName = form.usedName();
        String usedFirstName = form.usedFirstName();
        String actor = actor();
        run(Messages.get("job.save"), () -> {
            Patient saved = q.updateIdentity(p.id(), traits, usedName, usedFirstName, actor);
            boolean downgraded = p.identity().ins() != null && saved.identity().ins() == null;
            done(saved, downgraded ? Messages.get("done.savedDowngraded", Messages.get("status." + saved.identity().status().name()))
                    : Messages.get("done.saved"));
        });
    }

    private void searchCog(String text) {
        CogReferential referential = cog;
        if (referential == null || text.isBlank()) {
            cogResults.removeAll();
            return;
        }
        java.time.LocalDate at = patient == null ? null : patient.identity().traits().birthDate();
        run(Messages.get("job.cog"), () -> {
            java.util.List<CogLookup> found = referential.search(text, at, 12);
            ui.asyncExec(() -> {
                if (cogResults.isDisposed() || !cogQuery.getText().equals(text)) {
                    return;
                }
                cogResults.removeAll();
                for (CogLookup l : found) {
                    cogResults.add(l.code() + "  " + l.place().displayName() + (l.changedSince() ? " → " + l.current().displayName() : ""));
                }
            });
        });
    }

    private void loadHistory() {
        InsQualification q = qualification;
        Patient p = patient;
        if (q == null || p == null) {
            history.removeAll();
            return;
        }
        run(Messages.get("job.load"), () -> {
            java.util.List<InsHistoryEntry> entries = q.history(p.id());
            ui.asyncExec(() -> {
                if (history.isDisposed()) {
                    return;
                }
                history.removeAll();
                for (InsHistoryEntry e : entries) {
                    history.add(e.ins().value() + "  " + e.ins().type().name() + "  " + (e.active() ? Messages.get("history.active") : Messages.get("history.previous")));
                }
            });
        });
    }

    private void done(Patient saved, String text) {
        ui.asyncExec(() -> {
            lastOutcome = null;
            application.getContext().set(Patient.class, saved);
            say(text);
            loadHistory();
        });
    }

    private interface Work {
        void run() throws Exception;
    }

    private record UUIDHolder(java.util.UUID id) {
    }

    private void run(String name, Work work) {
        Job job = Job.create(name, monitor -> {
            try {
                work.run();
            } catch (Exception | LinkageError e) {
                String text = Messages.get("error", e.getMessage());
                ui.asyncExec(() -> say(text));
            }
            return Status.OK_STATUS;
        });
        job.setSystem(true);
        job.schedule();
    }

    private Label span(Composite parent, int columns) {
        Label label = new Label(parent, SWT.WRAP);
        GridDataFactory.fillDefaults().span(columns, 1).grab(true, false).applyTo(label);
        return label;
    }

    private Button button(Composite parent, String text, Runnable action) {
        Button b = new Button(parent, SWT.PUSH);
        b.setText(text);
        b.addListener(SWT.Selection, e -> action.run());
        if (parent.getLayout() instanceof org.eclipse.swt.layout.GridLayout) {
            GridDataFactory.fillDefaults().applyTo(b);
        }
        return b;
    }

    private void column(String title, int width, Function<TraitComparison, String> text) {
        TableViewerColumn column = new TableViewerColumn(comparison, SWT.NONE);
        column.getColumn().setText(title);
        column.getColumn().setWidth(width);
        column.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                String value = text.apply((TraitComparison) element);
                return value == null ? "" : value;
            }
        });
    }
}
