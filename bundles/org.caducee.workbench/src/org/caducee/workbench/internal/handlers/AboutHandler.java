package org.caducee.workbench.internal.handlers;

import org.caducee.core.installation.Installation;
import org.caducee.workbench.internal.Messages;
import jakarta.inject.Named;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.widgets.Shell;
import org.osgi.framework.FrameworkUtil;

/** Version and data directory. */
public class AboutHandler {

    @Execute
    void execute(@Named(IServiceConstants.ACTIVE_SHELL) Shell shell, @Optional @Service Installation installation) {
        String version = FrameworkUtil.getBundle(getClass()).getVersion().toString();
        MessageDialog.openInformation(shell, Messages.get("about.title"),
                Messages.get("about.text", version, installation == null ? "?" : installation.dataDir()));
    }
}
