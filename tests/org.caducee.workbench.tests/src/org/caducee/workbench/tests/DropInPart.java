package org.caducee.workbench.tests;

import jakarta.annotation.PostConstruct;

import org.caducee.testing.ui.WorkbenchDriver;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;

/** A part contributed by a bundle installed while the workbench runs (see {@link DropInBundle}). */
public class DropInPart {

    @PostConstruct
    void create(Composite parent) {
        parent.setLayout(new FillLayout());
        Label label = new Label(parent, SWT.NONE);
        label.setText("Contribution chargée à chaud");
        label.setData(WorkbenchDriver.TEST_ID, "dropin-part");
    }
}
