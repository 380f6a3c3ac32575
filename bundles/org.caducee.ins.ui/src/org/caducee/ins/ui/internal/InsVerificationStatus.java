package org.caducee.ins.ui.internal;

import java.time.Instant;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

import org.caducee.core.event.CaduceeTopics;
import org.caducee.ins.qualification.InsQualification;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.osgi.service.event.Event;

/** Status bar: number of identities whose INS must be verified again (4 years); counted in a job. */
public class InsVerificationStatus {

    private final UISynchronize ui;
    private InsQualification qualification;
    private Label label;

    @Inject
    public InsVerificationStatus(UISynchronize ui) {
        this.ui = ui;
    }

    @Inject
    void setService(@Optional @Service InsQualification qualification) {
        this.qualification = qualification;
        refresh();
    }

    @PostConstruct
    void create(Composite parent) {
        Composite box = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().margins(8, 2).applyTo(box);
        label = new Label(box, SWT.NONE);
        label.setToolTipText(Messages.get("verify.tip"));
        refresh();
    }

    @Inject
    @Optional
    void changed(@UIEventTopic(CaduceeTopics.IDENTITY_STATUS_CHANGED) Event event) {
        refresh();
    }

    private void refresh() {
        InsQualification q = qualification;
        if (q == null || label == null) {
            return;
        }
        Job job = Job.create(Messages.get("job.load"), monitor -> {
            int due;
            try {
                due = q.dueVerifications(Instant.now()).size();
            } catch (RuntimeException e) {
                return Status.OK_STATUS;
            }
            ui.asyncExec(() -> {
                if (!label.isDisposed()) {
                    label.setText(due == 0 ? Messages.get("verify.none") : Messages.get("verify.count", due));
                    label.getParent().getParent().layout(true, true);
                }
            });
            return Status.OK_STATUS;
        });
        job.setSystem(true);
        job.schedule();
    }
}
