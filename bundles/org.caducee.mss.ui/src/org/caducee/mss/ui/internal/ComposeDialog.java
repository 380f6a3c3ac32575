package org.caducee.mss.ui.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.caducee.core.document.HealthDocument;
import org.caducee.core.patient.Patient;
import org.caducee.core.patient.PatientRepository;
import org.caducee.mss.MssDirectory;
import org.caducee.mss.MssDirectory.Entry;
import org.caducee.mss.MssDocumentSender;
import org.caducee.mss.MssDocumentSender.DocumentMessage;
import org.caducee.mss.MssException;
import org.caducee.mss.MssSender;
import org.caducee.mss.MssSender.QueuedMessage;
import org.caducee.mss.PatientMailbox;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;

/**
 * "Envoyer par MSSanté" a document of the record: recipients from the patient's care team (professionals the patient's
 * documents were sent to or received from) or from a directory search (every field shown, search in a job), "PDF
 * seulement" per correspondent (remembered), the patient's own mailbox only when the INS is qualifiée; "Envoyer"
 * queues the message in the outbox (in a job) and closes; a refusal is shown in the dialog, nothing typed is lost.
 */
final class ComposeDialog extends TitleAreaDialog {

    /** One chosen recipient; {@code pdfOnly} starts as the remembered choice. */
    private static final class Recipient {
        final String address;
        final String name;
        boolean pdfOnly;
        Boolean remembered;

        Recipient(String address, String name) {
            this.address = address;
            this.name = name;
        }
    }

    private final UISynchronize ui;
    private final HealthDocument document;
    private final MssDocumentSender mailer;
    private final MssSender sender;
    private final MssDirectory directory;
    private final PatientRepository patients;
    private final String actor;
    private final List<Recipient> recipients = new ArrayList<>();
    private final Map<String, Boolean> remembered = new ConcurrentHashMap<>();

    private Patient patient;
    private String patientAddress;
    private Table recipientTable;
    private TableViewer careTeam;
    private TableViewer results;
    private Text name;
    private Text firstName;
    private Text city;
    private Text rpps;
    private Label directoryStatus;
    private Button patientBox;
    private Button closeChannel;
    private Button receipt;
    private Text body;
    private int searchGeneration;
    private List<QueuedMessage> queued = List.of();

    ComposeDialog(Shell shell, UISynchronize ui, HealthDocument document, MssDocumentSender mailer, MssSender sender, MssDirectory directory,
            PatientRepository patients, String actor) {
        super(shell);
        this.ui = ui;
        this.document = document;
        this.mailer = mailer;
        this.sender = sender;
        this.directory = directory;
        this.patients = patients;
        this.actor = actor;
        setShellStyle(getShellStyle() | SWT.RESIZE);
    }

    /** The messages queued when the dialog closed with "Envoyer". */
    List<QueuedMessage> queued() {
        return queued;
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText(Messages.get("compose.shell"));
        shell.setData(Ui.TEST_ID, "mss-compose");
    }

    @Override
    protected boolean isResizable() {
        return true;
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        setTitle(Messages.get("compose.title", Folders.title(document)));
        setMessage(Messages.get("compose.loading"));
        Composite area = (Composite) super.createDialogArea(parent);
        Composite c = new Composite(area, SWT.NONE);
        GridLayoutFactory.swtDefaults().numColumns(2).equalWidth(false).applyTo(c);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(c);

        Group to = group(c, Messages.get("compose.recipients"), 2);
        GridDataFactory.fillDefaults().span(2, 1).grab(true, true).applyTo(to);
        recipientTable = new Table(to, SWT.CHECK | SWT.BORDER | SWT.FULL_SELECTION | SWT.V_SCROLL);
        recipientTable.setData(Ui.TEST_ID, "mss-recipients");
        recipientTable.setHeaderVisible(true);
        recipientTable.setLinesVisible(true);
        column(recipientTable, Messages.get("compose.column.pdfOnly"), 115);
        column(recipientTable, Messages.get("compose.column.address"), 300);
        column(recipientTable, Messages.get("compose.column.name"), 280);
        GridDataFactory.fillDefaults().grab(true, true).hint(SWT.DEFAULT, 70).applyTo(recipientTable);
        recipientTable.addListener(SWT.Selection, e -> {
            if (e.detail == SWT.CHECK && e.item instanceof TableItem item && item.getData() instanceof Recipient r) {
                r.pdfOnly = item.getChecked();
                item.setText(0, r.pdfOnly ? Messages.get("compose.pdfOnly") : "");
            }
        });
        Button remove = new Button(to, SWT.PUSH);
        remove.setText(Messages.get("compose.remove"));
        GridDataFactory.fillDefaults().align(SWT.FILL, SWT.BEGINNING).applyTo(remove);
        remove.addListener(SWT.Selection, e -> {
            for (TableItem item : recipientTable.getSelection()) {
                recipients.remove(item.getData());
            }
            showRecipients();
        });
        Label pdfHint = new Label(to, SWT.WRAP);
        pdfHint.setText(Messages.get("compose.pdfOnlyHint"));
        GridDataFactory.fillDefaults().span(2, 1).grab(true, false).hint(400, SWT.DEFAULT).applyTo(pdfHint);

        Group team = group(c, Messages.get("compose.careTeam"), 1);
        GridDataFactory.fillDefaults().grab(false, true).hint(260, SWT.DEFAULT).applyTo(team);
        careTeam = new TableViewer(team, SWT.BORDER | SWT.SINGLE | SWT.V_SCROLL);
        careTeam.getTable().setData(Ui.TEST_ID, "mss-careteam");
        careTeam.setContentProvider(ArrayContentProvider.getInstance());
        GridDataFactory.fillDefaults().grab(true, true).hint(SWT.DEFAULT, 110).applyTo(careTeam.getTable());
        careTeam.addDoubleClickListener(e -> addCareTeam());
        Button addTeam = new Button(team, SWT.PUSH);
        addTeam.setText(Messages.get("compose.add"));
        addTeam.setData(Ui.TEST_ID, "mss-careteam-add");
        addTeam.addListener(SWT.Selection, e -> addCareTeam());

        Group dir = group(c, Messages.get("compose.directory"), 1);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(dir);
        Composite criteria = new Composite(dir, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(9).applyTo(criteria);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(criteria);
        name = field(criteria, Messages.get("compose.dir.name"), "mss-dir-name", 110);
        firstName = field(criteria, Messages.get("compose.dir.firstName"), "mss-dir-firstname", 90);
        city = field(criteria, Messages.get("compose.dir.city"), "mss-dir-city", 90);
        rpps = field(criteria, Messages.get("compose.dir.rpps"), "mss-dir-rpps", 100);
        Button search = new Button(criteria, SWT.PUSH);
        search.setText(Messages.get("compose.dir.search"));
        search.setData(Ui.TEST_ID, "mss-dir-search");
        search.addListener(SWT.Selection, e -> searchDirectory());
        for (Text t : List.of(name, firstName, city, rpps)) {
            t.addListener(SWT.DefaultSelection, e -> searchDirectory());
        }
        results = new TableViewer(dir, SWT.BORDER | SWT.FULL_SELECTION | SWT.SINGLE | SWT.V_SCROLL | SWT.H_SCROLL);
        results.getTable().setData(Ui.TEST_ID, "mss-dir-results");
        results.getTable().setHeaderVisible(true);
        results.getTable().setLinesVisible(true);
        results.setContentProvider(ArrayContentProvider.getInstance());
        GridDataFactory.fillDefaults().grab(true, true).hint(640, 110).applyTo(results.getTable());
        Ui.column(results, Entry.class, Messages.get("dir.column.name"), 110, Entry::lastName, null);
        Ui.column(results, Entry.class, Messages.get("dir.column.firstName"), 90, Entry::firstName, null);
        Ui.column(results, Entry.class, Messages.get("dir.column.profession"), 100, Entry::profession, null);
        Ui.column(results, Entry.class, Messages.get("dir.column.specialty"), 120, Entry::specialty, null);
        Ui.column(results, Entry.class, Messages.get("dir.column.organisation"), 150, Entry::organisation, null);
        Ui.column(results, Entry.class, Messages.get("dir.column.city"), 90, e -> join(e.postalCode(), e.city()), null);
        Ui.column(results, Entry.class, Messages.get("dir.column.rpps"), 100, Entry::rpps, null);
        Ui.column(results, Entry.class, Messages.get("dir.column.mailbox"), 230, Entry::mailbox, null);
        Ui.column(results, Entry.class, Messages.get("dir.column.type"), 45, Entry::mailboxType, null);
        results.addDoubleClickListener(e -> addDirectoryEntry());
        Composite dirBottom = new Composite(dir, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(2).applyTo(dirBottom);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(dirBottom);
        directoryStatus = new Label(dirBottom, SWT.WRAP);
        directoryStatus.setData(Ui.TEST_ID, "mss-dir-status");
        directoryStatus.setText(directory == null ? Messages.get("compose.dir.unavailable") : Messages.get("compose.dir.hint"));
        GridDataFactory.fillDefaults().grab(true, false).hint(300, SWT.DEFAULT).applyTo(directoryStatus);
        Button addDir = new Button(dirBottom, SWT.PUSH);
        addDir.setText(Messages.get("compose.add"));
        addDir.setData(Ui.TEST_ID, "mss-dir-add");
        addDir.addListener(SWT.Selection, e -> addDirectoryEntry());

        Group options = group(c, Messages.get("compose.options"), 1);
        GridDataFactory.fillDefaults().span(2, 1).grab(true, false).applyTo(options);
        patientBox = new Button(options, SWT.CHECK);
        patientBox.setData(Ui.TEST_ID, "mss-patient-box");
        patientBox.setText(Messages.get("compose.patientBox.loading"));
        patientBox.setEnabled(false);
        closeChannel = new Button(options, SWT.CHECK);
        closeChannel.setText(Messages.get("compose.closeChannel"));
        closeChannel.setEnabled(false);
        patientBox.addListener(SWT.Selection, e -> closeChannel.setEnabled(patientBox.getSelection()));
        receipt = new Button(options, SWT.CHECK);
        receipt.setText(Messages.get("compose.receipt"));
        Label bodyLabel = new Label(options, SWT.NONE);
        bodyLabel.setText(Messages.get("compose.body"));
        body = new Text(options, SWT.BORDER | SWT.MULTI | SWT.WRAP | SWT.V_SCROLL);
        body.setData(Ui.TEST_ID, "mss-body");
        body.setMessage(Messages.get("compose.bodyHint"));
        GridDataFactory.fillDefaults().grab(true, false).hint(SWT.DEFAULT, 45).applyTo(body);
        load();
        return area;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        Button send = createButton(parent, IDialogConstants.OK_ID, Messages.get("compose.send"), true);
        send.setData(Ui.TEST_ID, "mss-send");
        createButton(parent, IDialogConstants.CANCEL_ID, Messages.get("compose.cancel"), false);
    }

    @Override
    protected org.eclipse.swt.graphics.Point getInitialSize() {
        org.eclipse.swt.graphics.Rectangle screen = getShell().getDisplay().getClientArea();
        return new org.eclipse.swt.graphics.Point(Math.min(1280, screen.width - 40), Math.min(800, screen.height - 60));
    }

    private static Group group(Composite parent, String title, int columns) {
        Group g = new Group(parent, SWT.NONE);
        g.setText(title);
        GridLayoutFactory.swtDefaults().numColumns(columns).applyTo(g);
        return g;
    }

    private static void column(Table table, String title, int width) {
        org.eclipse.swt.widgets.TableColumn col = new org.eclipse.swt.widgets.TableColumn(table, SWT.NONE);
        col.setText(title);
        col.setWidth(width);
    }

    private static Text field(Composite parent, String label, String testId, int width) {
        new Label(parent, SWT.NONE).setText(label);
        Text t = new Text(parent, SWT.BORDER);
        t.setData(Ui.TEST_ID, testId);
        GridDataFactory.fillDefaults().hint(width, SWT.DEFAULT).applyTo(t);
        return t;
    }

    private static String join(String a, String b) {
        return ((a == null ? "" : a) + " " + (b == null ? "" : b)).strip();
    }

    /** The patient (and whether the INS allows the patient's mailbox) and the care team, in a job. */
    private void load() {
        Job job = Job.create(Messages.get("compose.loading"), monitor -> {
            Patient p = patients == null ? null : patients.find(document.patientId()).orElse(null);
            List<String> team;
            try {
                team = sender.careTeam(document.patientId());
            } catch (RuntimeException e) {
                team = List.of();
            }
            List<String> shownTeam = team;
            ui.asyncExec(() -> {
                if (getShell() == null || getShell().isDisposed()) {
                    return;
                }
                patient = p;
                patientAddress = p == null ? null : PatientMailbox.address(p.identity()).orElse(null);
                setMessage(p == null ? Messages.get("compose.noPatient") : Messages.get("compose.message", p.displayName()));
                if (patientAddress != null) {
                    patientBox.setText(Messages.get("compose.patientBox", p.displayName()));
                    patientBox.setEnabled(true);
                } else {
                    patientBox.setText(Messages.get("compose.patientBox.notQualified"));
                    patientBox.setEnabled(false);
                }
                careTeam.setInput(shownTeam);
                if (shownTeam.isEmpty()) {
                    careTeam.setInput(List.of(Messages.get("compose.careTeam.empty")));
                    careTeam.getTable().setEnabled(false);
                }
                patientBox.getParent().layout(true, true);
            });
            return org.eclipse.core.runtime.Status.OK_STATUS;
        });
        job.setSystem(true);
        job.schedule();
    }

    private void searchDirectory() {
        MssDirectory dir = directory;
        if (dir == null) {
            return;
        }
        MssDirectory.Query query = new MssDirectory.Query(name.getText(), firstName.getText(), rpps.getText(), city.getText(), null, null);
        int mine = ++searchGeneration;
        directoryStatus.setText(Messages.get("compose.dir.searching"));
        Job job = Job.create(Messages.get("compose.dir.searching"), monitor -> {
            List<Entry> found;
            String status;
            try {
                MssDirectory.Answer answer = dir.find(query);
                found = answer.entries();
                status = (found.isEmpty() ? Messages.get("compose.dir.none") : Messages.get("compose.dir.count", found.size())) + " "
                        + Messages.get("compose.dir.source", answer.source());
            } catch (MssException | RuntimeException e) {
                found = List.of();
                status = e.getMessage();
            }
            List<Entry> shown = found;
            String text = status;
            ui.asyncExec(() -> {
                if (results.getTable().isDisposed() || mine != searchGeneration) {
                    return;
                }
                results.setInput(shown);
                directoryStatus.setText(text);
                directoryStatus.getParent().layout(true, true);
            });
            return org.eclipse.core.runtime.Status.OK_STATUS;
        });
        job.setSystem(true);
        job.schedule();
    }

    private void addCareTeam() {
        Object address = careTeam.getStructuredSelection().getFirstElement();
        if (address instanceof String a && a.contains("@")) {
            add(a, "");
        }
    }

    private void addDirectoryEntry() {
        if (results.getStructuredSelection().getFirstElement() instanceof Entry e && e.mailbox() != null) {
            add(e.mailbox(), join(e.firstName(), e.lastName()) + (e.organisation() == null ? "" : " – " + e.organisation()));
        }
    }

    /** Adds a recipient; its remembered "PDF seulement" choice is read in a job. */
    private void add(String address, String label) {
        String key = address.strip().toLowerCase(Locale.ROOT);
        if (recipients.stream().anyMatch(r -> r.address.equals(key))) {
            return;
        }
        Recipient r = new Recipient(key, label);
        recipients.add(r);
        showRecipients();
        Job job = Job.create(Messages.get("compose.loading"), monitor -> {
            boolean pdfOnly = sender.pdfOnly(key);
            remembered.put(key, pdfOnly);
            ui.asyncExec(() -> {
                r.remembered = pdfOnly;
                r.pdfOnly = pdfOnly;
                if (!recipientTable.isDisposed()) {
                    showRecipients();
                }
            });
            return org.eclipse.core.runtime.Status.OK_STATUS;
        });
        job.setSystem(true);
        job.schedule();
    }

    private void showRecipients() {
        recipientTable.removeAll();
        for (Recipient r : recipients) {
            TableItem item = new TableItem(recipientTable, SWT.NONE);
            item.setData(r);
            item.setChecked(r.pdfOnly);
            item.setText(new String[] {r.pdfOnly ? Messages.get("compose.pdfOnly") : "", r.address, r.name});
        }
    }

    @Override
    protected void okPressed() {
        List<String> to = new ArrayList<>();
        Map<String, Boolean> choices = new java.util.HashMap<>();
        for (Recipient r : recipients) {
            to.add(r.address);
            if (r.remembered == null || r.remembered != r.pdfOnly) {
                choices.put(r.address, r.pdfOnly);
            }
        }
        if (patientBox.getSelection() && patientAddress != null) {
            to.add(patientAddress);
        }
        if (to.isEmpty()) {
            setErrorMessage(Messages.get("compose.noRecipient"));
            return;
        }
        DocumentMessage message = new DocumentMessage(document.id(), to, body.getText(), receipt.getSelection(),
                patientBox.getSelection() && closeChannel.getSelection(), actor);
        Button ok = getButton(IDialogConstants.OK_ID);
        ok.setEnabled(false);
        setErrorMessage(null);
        setMessage(Messages.get("compose.sending"));
        Job job = Job.create(Messages.get("compose.sending"), monitor -> {
            String error = null;
            List<QueuedMessage> done = List.of();
            try {
                choices.forEach(sender::setPdfOnly);
                done = mailer.send(message);
            } catch (MssException | RuntimeException e) {
                error = e.getMessage();
            }
            String shown = error;
            List<QueuedMessage> result = done;
            ui.asyncExec(() -> {
                if (getShell() == null || getShell().isDisposed()) {
                    return;
                }
                if (shown != null) {
                    setErrorMessage(Messages.get("compose.failed", shown));
                    ok.setEnabled(true);
                    return;
                }
                queued = result;
                super.okPressed();
            });
            return org.eclipse.core.runtime.Status.OK_STATUS;
        });
        job.schedule();
    }
}
