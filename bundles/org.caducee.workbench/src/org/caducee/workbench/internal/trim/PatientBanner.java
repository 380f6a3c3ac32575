package org.caducee.workbench.internal.trim;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

import org.caducee.core.patient.Patient;
import org.caducee.workbench.internal.IdentityPresentation;
import org.caducee.workbench.internal.Messages;
import org.caducee.workbench.internal.parts.PatientSearchPart;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;

/** The active patient, always visible at the top of the window, with the identity status. */
public class PatientBanner {

    private Label name;
    private Label status;
    private Patient patient;

    @PostConstruct
    void create(Composite parent) {
        Composite box = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(2).margins(8, 3).applyTo(box);
        name = new Label(box, SWT.NONE);
        name.setData(PatientSearchPart.TEST_ID, "banner-patient");
        status = new Label(box, SWT.NONE);
        status.setForeground(parent.getDisplay().getSystemColor(SWT.COLOR_WHITE));
        update();
    }

    @Inject
    void setPatient(@Optional Patient active) {
        this.patient = active;
        update();
    }

    private void update() {
        if (name == null || name.isDisposed()) {
            return;
        }
        if (patient == null) {
            name.setText(Messages.get("banner.noPatient"));
            status.setText("");
            status.setBackground(null);
        } else {
            name.setText(patient.displayName() + "  ·  " + IdentityPresentation.birthLine(patient.identity()));
            status.setText(" " + IdentityPresentation.shortStatus(patient.identity()) + " ");
            status.setBackground(new Color(IdentityPresentation.background(patient.identity().status())));
            status.setToolTipText(IdentityPresentation.tooltip(patient.identity()));
        }
        name.requestLayout();
    }
}
