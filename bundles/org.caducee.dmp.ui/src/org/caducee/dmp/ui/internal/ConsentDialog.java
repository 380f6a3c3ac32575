package org.caducee.dmp.ui.internal;

import java.util.Optional;

import org.caducee.core.care.Consent;
import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;

/**
 * The patient's DMP choices for the current care episode (DSR SC.DMP/CONF.06): informed; no opposition to feeding
 * (ticked by default); consent to consultation (not ticked by default).
 */
final class ConsentDialog extends Dialog {

    private final String patientName;
    private final Optional<Consent> current;
    private Button informed;
    private Button feeding;
    private Button consultation;
    private boolean informedValue;
    private boolean feedingValue;
    private boolean consultationValue;

    ConsentDialog(Shell parent, String patientName, Optional<Consent> current) {
        super(parent);
        this.patientName = patientName;
        this.current = current;
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText(Messages.get("consent.title"));
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        GridLayoutFactory.swtDefaults().spacing(6, 8).applyTo(area);
        Label intro = new Label(area, SWT.WRAP);
        intro.setText(Messages.get("consent.intro", patientName));
        GridDataFactory.fillDefaults().hint(480, SWT.DEFAULT).applyTo(intro);
        informed = check(area, "consent.informed", current.map(Consent::patientInformed).orElse(false));
        feeding = check(area, "consent.feeding", current.map(Consent::feedingAllowed).orElse(true));
        consultation = check(area, "consent.consultation", current.map(Consent::consultationAllowed).orElse(false));
        return area;
    }

    private static Button check(Composite parent, String key, boolean value) {
        Button button = new Button(parent, SWT.CHECK);
        button.setText(Messages.get(key));
        button.setSelection(value);
        return button;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        createButton(parent, IDialogConstants.OK_ID, Messages.get("consent.save"), true);
        createButton(parent, IDialogConstants.CANCEL_ID, Messages.get("consent.cancel"), false);
    }

    @Override
    protected void okPressed() {
        informedValue = informed.getSelection();
        feedingValue = feeding.getSelection();
        consultationValue = consultation.getSelection();
        super.okPressed();
    }

    boolean informed() {
        return informedValue;
    }

    boolean feedingAllowed() {
        return feedingValue;
    }

    boolean consultationAllowed() {
        return consultationValue;
    }
}
