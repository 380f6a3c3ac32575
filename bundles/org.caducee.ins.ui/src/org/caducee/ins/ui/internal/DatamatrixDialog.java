package org.caducee.ins.ui.internal;

import java.nio.file.Path;

import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;

/**
 * "Scanner le Datamatrix": a field that receives what a keyboard-wedge 2D scanner types (focused at once), or an image
 * file of the document (scan, photo) read with ZXing by the caller. Only collects; decoding and the INSi check run in a
 * job of the caller.
 */
final class DatamatrixDialog extends Dialog {

    private Text scanned;
    private String text;
    private Path image;

    DatamatrixDialog(Shell parent) {
        super(parent);
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText(Messages.get("datamatrix.title"));
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        GridLayoutFactory.fillDefaults().margins(10, 8).numColumns(2).applyTo(area);
        Label prompt = new Label(area, SWT.WRAP);
        prompt.setText(Messages.get("datamatrix.prompt"));
        GridDataFactory.fillDefaults().span(2, 1).grab(true, false).hint(460, SWT.DEFAULT).applyTo(prompt);
        scanned = new Text(area, SWT.BORDER);
        scanned.setData(IdentityFormDialog.TEST_ID, "datamatrix-text");
        GridDataFactory.fillDefaults().span(2, 1).grab(true, false).applyTo(scanned);
        Label or = new Label(area, SWT.WRAP);
        or.setText(Messages.get("datamatrix.orImage"));
        GridDataFactory.fillDefaults().grab(true, false).applyTo(or);
        Button fromImage = new Button(area, SWT.PUSH);
        fromImage.setText(Messages.get("datamatrix.image"));
        fromImage.addListener(SWT.Selection, e -> chooseImage());
        scanned.setFocus();
        return area;
    }

    private void chooseImage() {
        FileDialog files = new FileDialog(getShell(), SWT.OPEN);
        files.setText(Messages.get("datamatrix.image"));
        files.setFilterExtensions(new String[] { "*.png;*.jpg;*.jpeg;*.gif;*.bmp", "*" });
        files.setFilterNames(new String[] { Messages.get("datamatrix.imageFilter"), Messages.get("datamatrix.allFiles") });
        String chosen = files.open();
        if (chosen != null) {
            image = Path.of(chosen);
            text = null;
            setReturnCode(IDialogConstants.OK_ID);
            close();
        }
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        createButton(parent, IDialogConstants.OK_ID, Messages.get("datamatrix.read.button"), true).setData(IdentityFormDialog.TEST_ID, "datamatrix-read");
        createButton(parent, IDialogConstants.CANCEL_ID, Messages.get("button.cancel"), false);
    }

    @Override
    protected void okPressed() {
        text = scanned.getText();
        image = null;
        super.okPressed();
    }

    /** What the scanner typed, or null when an image was chosen. */
    String text() {
        return text;
    }

    /** The image file chosen, or null. */
    Path image() {
        return image;
    }
}
