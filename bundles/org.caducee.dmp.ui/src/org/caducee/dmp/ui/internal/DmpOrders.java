package org.caducee.dmp.ui.internal;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Function;

import org.caducee.core.document.DocumentRepository;
import org.caducee.core.document.HealthDocument;
import org.caducee.dmp.DmpService;
import org.caducee.outbox.OutboxItem;
import org.caducee.outbox.OutboxService;
import org.caducee.outbox.OutboxState;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;

/**
 * The DMP orders of the patient in the DMP tab: for each document of the record sent (or waiting to be sent) to the
 * DMP, its outbox item (state, when it leaves, attempts, last error), with hold, release, cancel and retry. Loaded and
 * changed in jobs; hold, release and cancel go through {@link DmpService} so that the document row follows.
 */
final class DmpOrders {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm", Locale.FRANCE);

    /** One order: the document and its outbox item. */
    record Order(HealthDocument document, OutboxItem item) {
    }

    private final UISynchronize ui;
    private final Table table;
    private final Label status;
    private final List<Button> actions = new ArrayList<>();
    private DmpService dmp;
    private OutboxService outbox;
    private DocumentRepository documents;
    private UUID patientId;
    private long generation;

    /** The display zone of the installation. */
    private final ZoneId zone;

    DmpOrders(Composite parent, UISynchronize ui, ZoneId zone) {
        this.zone = zone;
        this.ui = ui;
        Group group = new Group(parent, SWT.NONE);
        group.setText(Messages.get("orders.title"));
        GridLayoutFactory.swtDefaults().numColumns(6).applyTo(group);
        GridDataFactory.fillDefaults().span(5, 1).grab(true, false).applyTo(group);
        status = new Label(group, SWT.NONE);
        status.setData(DmpBanner.TEST_ID, "dmp-orders-status");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(status);
        button(group, "orders.refresh", this::load, false);
        button(group, "orders.hold", () -> act("hold", o -> dmp.holdFeed(o.document().id())), true);
        button(group, "orders.release", () -> act("release", o -> dmp.releaseFeed(o.document().id())), true);
        button(group, "orders.cancel", () -> act("cancel", o -> dmp.cancelFeed(o.document().id())), true);
        button(group, "orders.retry", () -> act("retry", o -> outbox.retry(o.item().id())), true);
        table = new Table(group, SWT.MULTI | SWT.FULL_SELECTION | SWT.BORDER);
        table.setData(DmpBanner.TEST_ID, "dmp-orders");
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        for (String[] column : new String[][] { { "orders.col.document", "280" }, { "orders.col.state", "110" }, { "orders.col.notBefore", "130" },
                { "orders.col.attempts", "70" }, { "orders.col.error", "330" } }) {
            TableColumn c = new TableColumn(table, SWT.LEFT);
            c.setText(Messages.get(column[0]));
            c.setWidth(Integer.parseInt(column[1]));
        }
        table.addListener(SWT.Selection, e -> enable());
        GridDataFactory.fillDefaults().span(6, 1).grab(true, false).hint(SWT.DEFAULT, 110).applyTo(table);
        enable();
    }

    private void button(Composite parent, String key, Runnable action, boolean needsSelection) {
        Button b = new Button(parent, SWT.PUSH);
        b.setText(Messages.get(key));
        b.setData(DmpBanner.TEST_ID, "dmp-" + key.replace('.', '-'));
        b.addListener(SWT.Selection, e -> action.run());
        if (needsSelection) {
            b.setData(key);
            actions.add(b);
        }
    }

    void setServices(DmpService dmp, OutboxService outbox, DocumentRepository documents) {
        this.dmp = dmp;
        this.outbox = outbox;
        this.documents = documents;
    }

    void setPatient(UUID patientId) {
        this.patientId = patientId;
        load();
    }

    /** Which actions the selected orders allow (the outbox refuses the others anyway). */
    private void enable() {
        List<Order> selected = selected();
        for (Button b : actions) {
            String key = (String) b.getData();
            boolean ok = !selected.isEmpty() && selected.stream().map(o -> o.item().state()).allMatch(s -> switch (key) {
                case "orders.hold" -> s == OutboxState.PENDING;
                case "orders.release" -> s == OutboxState.HELD;
                case "orders.cancel" -> s == OutboxState.PENDING || s == OutboxState.HELD || s == OutboxState.FAILED;
                case "orders.retry" -> s == OutboxState.FAILED;
                default -> false;
            });
            b.setEnabled(ok);
        }
    }

    private List<Order> selected() {
        List<Order> out = new ArrayList<>();
        for (TableItem item : table.getSelection()) {
            out.add((Order) item.getData());
        }
        return out;
    }

    void load() {
        UUID patient = patientId;
        long gen = ++generation;
        if (table.isDisposed()) {
            return;
        }
        if (patient == null || dmp == null || documents == null) {
            show(gen, List.of(), "");
            return;
        }
        Job job = Job.create(Messages.get("job.orders"), monitor -> {
            List<Order> orders = new ArrayList<>();
            String text;
            try {
                for (HealthDocument d : documents.forPatient(patient)) {
                    dmp.feed(d.id()).ifPresent(item -> orders.add(new Order(d, item)));
                }
                orders.sort(Comparator.comparing((Order o) -> o.item().createdAt()).reversed());
                text = Messages.get("orders.count", orders.size());
            } catch (RuntimeException e) {
                text = Messages.get("orders.failed", e.getMessage());
            }
            String shown = text;
            ui.asyncExec(() -> show(gen, orders, shown));
            return Status.OK_STATUS;
        });
        job.setSystem(true);
        job.schedule();
    }

    private void show(long gen, List<Order> orders, String text) {
        if (table.isDisposed() || gen != generation) {
            return;
        }
        table.removeAll();
        for (Order o : orders) {
            TableItem row = new TableItem(table, SWT.NONE);
            row.setData(o);
            OutboxItem i = o.item();
            row.setText(new String[] { o.document().title() == null ? o.document().uniqueId() : o.document().title(),
                    Messages.get("orders.state." + i.state().name()), i.notBefore() == null ? "" : WHEN.withZone(zone).format(i.notBefore()),
                    String.valueOf(i.attempts()), i.lastError() == null ? "" : i.lastError() });
        }
        status.setText(text);
        status.requestLayout();
        enable();
    }

    /** Applies the action to every selected order in a job, then reloads. */
    private void act(String name, Function<Order, OutboxItem> action) {
        List<Order> chosen = selected();
        if (chosen.isEmpty()) {
            return;
        }
        Job job = Job.create(Messages.get("job.orders"), monitor -> {
            int done = 0;
            String problem = null;
            for (Order o : chosen) {
                try {
                    action.apply(o);
                    done++;
                } catch (RuntimeException e) {
                    problem = e.getMessage();
                }
            }
            String text = problem == null ? Messages.get("orders.done." + name, done) : Messages.get("orders.refused", problem);
            ui.asyncExec(() -> {
                load();
                ui.asyncExec(() -> {
                    if (!status.isDisposed()) {
                        status.setText(text);
                    }
                });
            });
            return Status.OK_STATUS;
        });
        job.setUser(true);
        job.schedule();
    }
}
