package org.caducee.dmp.ui.internal;

import java.time.Instant;
import java.util.Optional;

import org.caducee.core.document.HealthDocument;
import org.caducee.dmp.DmpService;
import org.caducee.dmp.FeedTiming;
import org.caducee.outbox.OutboxItem;
import org.caducee.security.UserAccount;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.widgets.Shell;

/** Menu "Patient › Partager le document…": the share dialog for the document selected in the record. */
public class ShareHandler {

    @Execute
    public void execute(Shell shell, UISynchronize ui, @org.eclipse.e4.core.di.annotations.Optional HealthDocument document,
            @org.eclipse.e4.core.di.annotations.Optional @Service DmpService dmp,
            @org.eclipse.e4.core.di.annotations.Optional UserAccount user) {
        if (document == null || dmp == null) {
            MessageDialog.openInformation(shell, Messages.get("share.title"), Messages.get("share.noDocument"));
            return;
        }
        String title = document.title() == null ? document.uniqueId() : document.title();
        Job load = Job.create(Messages.get("job.share"), monitor -> {
            Optional<Instant> sent = dmp.sentToDmp(document.id());
            FeedTiming timing = dmp.defaultTiming();
            ui.asyncExec(() -> ask(shell, ui, dmp, document, title, sent, timing, user == null ? "?" : user.login()));
            return Status.OK_STATUS;
        });
        load.setSystem(true);
        load.schedule();
    }

    private static void ask(Shell shell, UISynchronize ui, DmpService dmp, HealthDocument document, String title, Optional<Instant> sent,
            FeedTiming timing, String login) {
        if (shell.isDisposed()) {
            return;
        }
        ShareDialog dialog = new ShareDialog(shell, title, sent, timing);
        if (dialog.open() != Window.OK) {
            return;
        }
        Job share = Job.create(Messages.get("job.share"), monitor -> {
            String text;
            try {
                OutboxItem item = dmp.share(document.id(), dialog.visibility(), dialog.timing(), login);
                text = Messages.get("share.queued", title, DmpDocumentsPart.date(item.notBefore()));
            } catch (IllegalStateException e) {
                text = Messages.get("share.failed", e.getMessage());
            }
            String shown = text;
            ui.asyncExec(() -> {
                if (!shell.isDisposed()) {
                    MessageDialog.openInformation(shell, Messages.get("share.title"), shown);
                }
            });
            return Status.OK_STATUS;
        });
        share.setUser(true);
        share.schedule();
    }
}
