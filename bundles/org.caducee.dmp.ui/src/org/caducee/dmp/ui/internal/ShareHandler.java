package org.caducee.dmp.ui.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.caducee.core.document.HealthDocument;
import org.caducee.dmp.DmpService;
import org.caducee.dmp.FeedTiming;
import org.caducee.mss.MssDocumentSender;
import org.caducee.mss.MssDocumentSender.DocumentMessage;
import org.caducee.mss.MssException;
import org.caducee.mss.MssSender;
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

/**
 * Menu "Patient › Partager le document…": the share dialog (feed "en Y") for the document selected in the record. The
 * DMP order goes through {@link DmpService#share}, the MSSanté message through {@link MssDocumentSender}: both are
 * outbox items, and the document row shows each channel's state.
 */
public class ShareHandler {

    /** What the dialog needs, read in a job. */
    private record Loaded(Optional<Instant> sent, FeedTiming timing, List<String> careTeam) {
    }

    @Execute
    public void execute(Shell shell, UISynchronize ui, @org.eclipse.e4.core.di.annotations.Optional HealthDocument document,
            @org.eclipse.e4.core.di.annotations.Optional @Service DmpService dmp,
            @org.eclipse.e4.core.di.annotations.Optional @Service MssDocumentSender mailer,
            @org.eclipse.e4.core.di.annotations.Optional @Service MssSender sender,
            @org.eclipse.e4.core.di.annotations.Optional UserAccount user,
            @org.eclipse.e4.core.di.annotations.Optional @Service org.caducee.core.installation.Installation installation) {
        java.time.ZoneId zone = org.caducee.core.installation.DisplayZone.of(installation);
        if (document == null || dmp == null) {
            MessageDialog.openInformation(shell, Messages.get("share.title"), Messages.get("share.noDocument"));
            return;
        }
        String title = document.title() == null ? document.uniqueId() : document.title();
        String login = user == null ? "?" : user.login();
        Job load = Job.create(Messages.get("job.share"), monitor -> {
            List<String> team;
            try {
                team = sender == null ? List.of() : sender.careTeam(document.patientId());
            } catch (RuntimeException e) {
                team = List.of();
            }
            Loaded loaded = new Loaded(dmp.sentToDmp(document.id()), dmp.defaultTiming(), team);
            ui.asyncExec(() -> ask(shell, ui, dmp, mailer, document, title, loaded, login, zone));
            return Status.OK_STATUS;
        });
        load.setSystem(true);
        load.schedule();
    }

    private static void ask(Shell shell, UISynchronize ui, DmpService dmp, MssDocumentSender mailer, HealthDocument document, String title,
            Loaded loaded, String login, java.time.ZoneId zone) {
        if (shell.isDisposed()) {
            return;
        }
        ShareDialog dialog = new ShareDialog(shell, title, loaded.sent(), loaded.timing(), mailer != null, loaded.careTeam(), zone);
        if (dialog.open() != Window.OK) {
            return;
        }
        Job share = Job.create(Messages.get("job.share"), monitor -> {
            List<String> lines = new ArrayList<>();
            if (dialog.toDmp()) {
                try {
                    OutboxItem item = dmp.share(document.id(), dialog.visibility(), dialog.timing(), login);
                    lines.add(Messages.get("share.queued", title, DmpDocumentsPart.date(item.notBefore(), zone)));
                } catch (IllegalStateException e) {
                    lines.add(Messages.get("share.failed", e.getMessage()));
                }
            }
            if (!dialog.recipients().isEmpty() && mailer != null) {
                try {
                    int n = mailer.send(new DocumentMessage(document.id(), dialog.recipients(), "", false, false, login)).size();
                    lines.add(Messages.get("share.mssQueued", title, n, String.join(", ", dialog.recipients())));
                } catch (MssException e) {
                    lines.add(Messages.get("share.mssFailed", e.getMessage(), String.join(", ", dialog.recipients())));
                }
            }
            String shown = String.join("\n", lines);
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
