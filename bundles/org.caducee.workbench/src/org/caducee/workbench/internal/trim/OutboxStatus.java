package org.caducee.workbench.internal.trim;

import java.util.Map;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

import org.caducee.outbox.OutboxService;
import org.caducee.outbox.OutboxState;
import org.caducee.workbench.WorkbenchSlots;
import org.caducee.workbench.internal.Messages;
import org.caducee.workbench.internal.parts.PatientSearchPart;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.e4.ui.workbench.modeling.EPartService.PartState;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Link;
import org.osgi.service.event.Event;

/** Outbox summary in the status bar; a click opens the outgoing items. Counts are read in the background. */
public class OutboxStatus {

    private final UISynchronize ui;
    private final EPartService parts;
    private OutboxService outbox;
    private Link link;

    @Inject
    public OutboxStatus(UISynchronize ui, EPartService parts) {
        this.ui = ui;
        this.parts = parts;
    }

    @Inject
    void setOutbox(@Optional @Service OutboxService outbox) {
        this.outbox = outbox;
        refresh();
    }

    @PostConstruct
    void create(Composite parent) {
        Composite box = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().margins(8, 2).applyTo(box);
        link = new Link(box, SWT.NONE);
        link.setData(PatientSearchPart.TEST_ID, "outbox-status");
        link.addListener(SWT.Selection, e -> parts.showPart(WorkbenchSlots.OUTBOX_PART, PartState.ACTIVATE));
        refresh();
    }

    @Inject
    @Optional
    void changed(@UIEventTopic("org/caducee/outbox/CHANGED") Event event) {
        refresh();
    }

    private void refresh() {
        if (link == null) {
            return;
        }
        OutboxService service = outbox;
        if (service == null) {
            show(Messages.get("outbox.status.unavailable"));
            return;
        }
        Job job = Job.create(Messages.get("part.outbox.refresh"), monitor -> {
            Map<OutboxState, Long> counts = service.counts();
            long pending = counts.getOrDefault(OutboxState.PENDING, 0L) + counts.getOrDefault(OutboxState.IN_PROGRESS, 0L);
            long held = counts.getOrDefault(OutboxState.HELD, 0L);
            long failed = counts.getOrDefault(OutboxState.FAILED, 0L);
            String text = pending + held + failed == 0 ? Messages.get("outbox.status.none")
                    : Messages.get("outbox.status", pending, held, failed);
            ui.asyncExec(() -> show(text));
            return Status.OK_STATUS;
        });
        job.setSystem(true);
        job.schedule();
    }

    private void show(String text) {
        if (!link.isDisposed()) {
            link.setText("<a>" + text + "</a>");
            link.requestLayout();
        }
    }
}
