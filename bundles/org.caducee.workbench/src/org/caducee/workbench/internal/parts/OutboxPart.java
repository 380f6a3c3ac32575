package org.caducee.workbench.internal.parts;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

import org.caducee.core.installation.DisplayZone;
import org.caducee.core.installation.Installation;
import org.caducee.outbox.OutboxItem;
import org.caducee.outbox.OutboxService;
import org.caducee.workbench.internal.Messages;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.osgi.service.event.Event;

/** Outgoing items of the durable outbox, with hold / release / cancel / retry. Refreshed on outbox events. */
public class OutboxPart {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd/MM HH:mm");

    private final UISynchronize ui;
    private OutboxService outbox;
    private TableViewer table;
    /** Times are shown in the installation's display zone, not the machine's. */
    private ZoneId zone = DisplayZone.DEFAULT;

    @Inject
    public OutboxPart(UISynchronize ui) {
        this.ui = ui;
    }

    @Inject
    void setInstallation(@Optional @Service Installation installation) {
        this.zone = DisplayZone.of(installation);
    }

    @Inject
    void setOutbox(@Optional @Service OutboxService outbox) {
        this.outbox = outbox;
        refresh();
    }

    @PostConstruct
    void create(Composite parent) {
        GridLayoutFactory.fillDefaults().margins(4, 4).numColumns(5).applyTo(parent);
        table = new TableViewer(parent, SWT.BORDER | SWT.FULL_SELECTION | SWT.SINGLE | SWT.V_SCROLL);
        table.getTable().setHeaderVisible(true);
        table.getTable().setLinesVisible(true);
        table.getTable().setData(PatientSearchPart.TEST_ID, "outbox-items");
        GridDataFactory.fillDefaults().span(5, 1).grab(true, true).applyTo(table.getTable());
        table.setContentProvider(ArrayContentProvider.getInstance());
        table.setComparer(new IdComparer<OutboxItem>(OutboxItem.class, OutboxItem::id));
        column("outbox.column.state", 90, i -> Messages.get("outbox.state." + i.state().name()));
        column("outbox.column.channel", 80, OutboxItem::channel);
        column("outbox.column.description", 260, OutboxItem::description);
        column("outbox.column.attempts", 50, i -> Integer.toString(i.attempts()));
        column("outbox.column.notBefore", 90, i -> i.notBefore() == null ? "" : TIME.withZone(zone).format(i.notBefore()));
        column("outbox.column.error", 260, OutboxItem::lastError);
        button(parent, "outbox.hold", OutboxService::hold);
        button(parent, "outbox.release", OutboxService::release);
        button(parent, "outbox.cancel", OutboxService::cancel);
        button(parent, "outbox.retry", OutboxService::retry);
        refresh();
    }

    private void column(String key, int width, Function<OutboxItem, String> text) {
        TableViewerColumn column = new TableViewerColumn(table, SWT.NONE);
        column.getColumn().setText(Messages.get(key));
        column.getColumn().setWidth(width);
        column.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                String value = text.apply((OutboxItem) element);
                return value == null ? "" : value;
            }
        });
    }

    private interface Action {
        OutboxItem apply(OutboxService service, UUID id);
    }

    private void button(Composite parent, String key, Action action) {
        Button button = new Button(parent, SWT.PUSH);
        button.setText(Messages.get(key));
        button.addListener(SWT.Selection, e -> {
            OutboxService service = outbox;
            if (service != null && table.getStructuredSelection().getFirstElement() instanceof OutboxItem item) {
                Job job = Job.create(Messages.get(key), monitor -> {
                    try {
                        action.apply(service, item.id());
                    } catch (RuntimeException ex) {
                        ui.asyncExec(() -> MessageDialog.openError(parent.getShell(), Messages.get(key),
                                Messages.get("outbox.actionFailed", ex.getMessage())));
                    }
                    return Status.OK_STATUS;
                });
                job.schedule();
            }
        });
    }

    @Inject
    @Optional
    void outboxChanged(@UIEventTopic("org/caducee/outbox/CHANGED") Event event) {
        refresh();
    }

    private void refresh() {
        OutboxService service = outbox;
        if (service == null || table == null) {
            return;
        }
        Job job = Job.create(Messages.get("part.outbox.refresh"), monitor -> {
            List<OutboxItem> items = service.list(null, 200);
            ui.asyncExec(() -> {
                if (!table.getTable().isDisposed()) {
                    table.setInput(items);
                }
            });
            return Status.OK_STATUS;
        });
        job.setSystem(true);
        job.schedule();
    }
}
