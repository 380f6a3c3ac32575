package org.caducee.workbench.internal.handlers;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.caducee.core.installation.Installation;
import org.caducee.workbench.PreferencePageContribution;
import org.caducee.workbench.internal.Messages;
import jakarta.inject.Named;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.preference.IPreferenceNode;
import org.eclipse.jface.preference.PreferenceDialog;
import org.eclipse.jface.preference.PreferenceManager;
import org.eclipse.jface.preference.PreferenceNode;
import org.eclipse.jface.preference.PreferencePage;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/** The "Préférences" dialog: a general page plus every page contributed by a {@link PreferencePageContribution}. */
public class PreferencesHandler {

    @Execute
    void execute(@Named(IServiceConstants.ACTIVE_SHELL) Shell shell, @Optional @Service Installation installation) throws InvalidSyntaxException {
        PreferenceManager manager = new PreferenceManager();
        manager.addToRoot(new PreferenceNode("general", new GeneralPage(installation)));
        BundleContext context = FrameworkUtil.getBundle(getClass()).getBundleContext();
        Collection<ServiceReference<PreferencePageContribution>> refs = context.getServiceReferences(PreferencePageContribution.class, null);
        List<ServiceReference<PreferencePageContribution>> used = new ArrayList<>();
        try {
            for (ServiceReference<PreferencePageContribution> ref : refs) {
                PreferencePageContribution contribution = context.getService(ref);
                if (contribution == null) {
                    continue;
                }
                used.add(ref);
                IPreferenceNode node = new PreferenceNode(contribution.id(), contribution.createPage());
                node.getPage().setTitle(contribution.label());
                IPreferenceNode parent = contribution.parentId() == null ? null : manager.find(contribution.parentId());
                if (parent != null) {
                    parent.add(node);
                } else {
                    manager.addToRoot(node);
                }
            }
            PreferenceDialog dialog = new PreferenceDialog(shell, manager);
            dialog.create();
            dialog.getShell().setText(Messages.get("prefs.title"));
            dialog.open();
        } finally {
            used.forEach(context::ungetService);
        }
    }

    /** Where the data are and which mode the installation runs in. */
    private static final class GeneralPage extends PreferencePage {
        private final Installation installation;

        GeneralPage(Installation installation) {
            super(Messages.get("prefs.general"));
            this.installation = installation;
            noDefaultAndApplyButton();
        }

        @Override
        protected Control createContents(Composite parent) {
            Composite box = new Composite(parent, SWT.NONE);
            GridLayoutFactory.fillDefaults().applyTo(box);
            if (installation != null) {
                new Label(box, SWT.NONE).setText(Messages.get("prefs.dataDir", installation.dataDir()));
                new Label(box, SWT.NONE).setText(Messages.get("prefs.mode",
                        Messages.get(installation.sandbox() ? "prefs.mode.sandbox" : "prefs.mode.production")));
                new Label(box, SWT.NONE).setText(Messages.get("prefs.database", installation.setting("db.url").orElse("H2")));
            }
            return box;
        }
    }
}
