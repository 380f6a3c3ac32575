package org.caducee.workbench.internal.trim;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

import org.caducee.core.installation.Installation;
import org.caducee.workbench.internal.Messages;
import org.caducee.workbench.internal.parts.PatientSearchPart;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;

/** A yellow "Bac à sable" banner, shown whenever the installation runs on the local simulators and demo data. */
public class SandboxBanner {

    private Label label;
    private Installation installation;

    @Inject
    void setInstallation(@Optional @Service Installation installation) {
        this.installation = installation;
        update();
    }

    @PostConstruct
    void create(Composite parent) {
        Composite box = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().margins(8, 3).applyTo(box);
        label = new Label(box, SWT.NONE);
        label.setData(PatientSearchPart.TEST_ID, "sandbox-banner");
        label.setText(Messages.get("sandbox.banner"));
        Color yellow = new Color(0xf9, 0xd6, 0x5c);
        box.setBackground(yellow);
        label.setBackground(yellow);
        label.setForeground(new Color(0x4a, 0x3b, 0x00));
        update();
    }

    private void update() {
        if (label != null && !label.isDisposed()) {
            boolean sandbox = installation == null || installation.sandbox();
            label.getParent().setVisible(sandbox);
        }
    }
}
