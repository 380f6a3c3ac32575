package org.caducee.mss.ui.internal;

import jakarta.inject.Named;

import org.caducee.core.document.HealthDocument;
import org.caducee.core.patient.PatientRepository;
import org.caducee.mss.MssDirectory;
import org.caducee.mss.MssDocumentSender;
import org.caducee.mss.MssSender;
import org.caducee.security.UserAccount;
import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.swt.widgets.Shell;

/** "Envoyer par MSSanté…" on the selected document of the record (context menu of the documents, menu Patient). */
public class SendByMssHandler {

    @CanExecute
    public boolean canExecute(@Optional HealthDocument document, @Optional @Service MssDocumentSender mailer) {
        return document != null && mailer != null && !document.deleted();
    }

    @Execute
    public void execute(@Named(IServiceConstants.ACTIVE_SHELL) Shell shell, UISynchronize ui, @Optional HealthDocument document, @Optional @Service MssDocumentSender mailer,
            @Optional @Service MssSender sender, @Optional @Service MssDirectory directory, @Optional @Service PatientRepository patients,
            @Optional UserAccount user) {
        if (document == null || mailer == null || sender == null) {
            return;
        }
        new ComposeDialog(shell, ui, document, mailer, sender, directory, patients, Ui.actor(user)).open();
    }
}
