package org.caducee.dmp.ui.internal;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import org.caducee.dmp.FeedTiming;
import org.caducee.xds.Visibility;
import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;

/** "Partager…": send a document of the record to the patient's DMP, with its visibility and when it leaves. */
final class ShareDialog extends Dialog {

    private final String title;
    private final Optional<Instant> alreadySent;
    private final FeedTiming defaultTiming;
    private Button invisible;
    private Button masked;
    private Combo timing;
    private Set<Visibility> visibility = EnumSet.noneOf(Visibility.class);
    private FeedTiming chosen;

    ShareDialog(Shell parent, String title, Optional<Instant> alreadySent, FeedTiming defaultTiming) {
        super(parent);
        this.title = title;
        this.alreadySent = alreadySent;
        this.defaultTiming = defaultTiming;
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText(Messages.get("share.title"));
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        GridLayoutFactory.swtDefaults().numColumns(2).spacing(8, 6).applyTo(area);
        Label intro = new Label(area, SWT.WRAP);
        intro.setText(Messages.get("share.intro", title));
        GridDataFactory.fillDefaults().span(2, 1).hint(460, SWT.DEFAULT).applyTo(intro);
        alreadySent.ifPresent(at -> {
            Label sent = new Label(area, SWT.WRAP);
            sent.setText(Messages.get("share.alreadySent", DmpDocumentsPart.date(at)));
            sent.setForeground(area.getDisplay().getSystemColor(SWT.COLOR_DARK_GREEN));
            GridDataFactory.fillDefaults().span(2, 1).applyTo(sent);
        });
        Button dmp = new Button(area, SWT.CHECK);
        dmp.setText(Messages.get("share.dmp"));
        dmp.setSelection(true);
        dmp.setEnabled(false);
        GridDataFactory.fillDefaults().span(2, 1).applyTo(dmp);
        invisible = new Button(area, SWT.CHECK);
        invisible.setText(Messages.get("share.invisible"));
        GridDataFactory.fillDefaults().span(2, 1).indent(16, 0).applyTo(invisible);
        masked = new Button(area, SWT.CHECK);
        masked.setText(Messages.get("share.masked"));
        GridDataFactory.fillDefaults().span(2, 1).indent(16, 0).applyTo(masked);
        new Label(area, SWT.NONE).setText(Messages.get("share.timing"));
        timing = new Combo(area, SWT.READ_ONLY);
        for (FeedTiming t : FeedTiming.values()) {
            timing.add(Messages.get("share.timing." + t.name()));
        }
        timing.select(defaultTiming.ordinal());
        return area;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        createButton(parent, IDialogConstants.OK_ID, Messages.get("share.send"), true).setEnabled(alreadySent.isEmpty());
        createButton(parent, IDialogConstants.CANCEL_ID, Messages.get("share.cancel"), false);
    }

    @Override
    protected void okPressed() {
        if (invisible.getSelection()) {
            visibility.add(Visibility.INVISIBLE_PATIENT);
        }
        if (masked.getSelection()) {
            visibility.add(Visibility.MASQUE_PS);
        }
        chosen = FeedTiming.values()[Math.max(0, timing.getSelectionIndex())];
        super.okPressed();
    }

    Set<Visibility> visibility() {
        return visibility;
    }

    FeedTiming timing() {
        return chosen;
    }
}
