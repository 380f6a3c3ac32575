package org.caducee.dmp.ui.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
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
import org.eclipse.swt.widgets.List;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;

/**
 * "Partager…": the feed "en Y". One document of the record goes to the patient's DMP (XDS, with its visibility and
 * when it leaves), to correspondents by MSSanté (PDF + IHE_XDM.zip of the same CDA), or both. MSSanté recipients are
 * typed addresses or picked in the patient's care team (the professionals his documents went to or came from).
 */
final class ShareDialog extends Dialog {

    private final String title;
    private final Optional<Instant> alreadySent;
    private final FeedTiming defaultTiming;
    private final java.util.List<String> careTeam;
    private final boolean mssAvailable;
    private Button dmp;
    private Button mss;
    private Text addresses;
    private List team;
    private Label problem;
    private Button invisible;
    private Button masked;
    private Combo timing;
    private Set<Visibility> visibility = EnumSet.noneOf(Visibility.class);
    private FeedTiming chosen;
    private boolean toDmp;
    private java.util.List<String> recipients = java.util.List.of();

    /** The display zone of the installation. */
    private final java.time.ZoneId zone;

    ShareDialog(Shell parent, String title, Optional<Instant> alreadySent, FeedTiming defaultTiming, boolean mssAvailable,
            java.util.List<String> careTeam, java.time.ZoneId zone) {
        super(parent);
        this.zone = zone;
        this.title = title;
        this.alreadySent = alreadySent;
        this.defaultTiming = defaultTiming;
        this.mssAvailable = mssAvailable;
        this.careTeam = java.util.List.copyOf(careTeam);
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
            sent.setText(Messages.get("share.alreadySent", DmpDocumentsPart.date(at, zone)));
            sent.setForeground(area.getDisplay().getSystemColor(SWT.COLOR_DARK_GREEN));
            GridDataFactory.fillDefaults().span(2, 1).applyTo(sent);
        });
        dmp = new Button(area, SWT.CHECK);
        dmp.setText(Messages.get("share.dmp"));
        dmp.setData(DmpBanner.TEST_ID, "share-dmp");
        dmp.setSelection(alreadySent.isEmpty());
        dmp.setEnabled(alreadySent.isEmpty());
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
        dmp.addListener(SWT.Selection, e -> updateDmp());
        updateDmp();

        mss = new Button(area, SWT.CHECK);
        mss.setText(Messages.get(mssAvailable ? "share.mss" : "share.mssUnavailable"));
        mss.setData(DmpBanner.TEST_ID, "share-mss");
        mss.setEnabled(mssAvailable);
        GridDataFactory.fillDefaults().span(2, 1).indent(0, 8).applyTo(mss);
        Label to = new Label(area, SWT.NONE);
        to.setText(Messages.get("share.mssAddress"));
        GridDataFactory.fillDefaults().indent(16, 0).applyTo(to);
        addresses = new Text(area, SWT.BORDER);
        addresses.setData(DmpBanner.TEST_ID, "share-mss-to");
        addresses.setMessage(Messages.get("share.mssAddress.hint"));
        GridDataFactory.fillDefaults().grab(true, false).applyTo(addresses);
        Label teamLabel = new Label(area, SWT.NONE);
        teamLabel.setText(Messages.get("share.careTeam"));
        GridDataFactory.fillDefaults().indent(16, 0).align(SWT.FILL, SWT.TOP).applyTo(teamLabel);
        team = new List(area, SWT.BORDER | SWT.MULTI | SWT.V_SCROLL);
        team.setData(DmpBanner.TEST_ID, "share-mss-team");
        if (careTeam.isEmpty()) {
            team.add(Messages.get("share.careTeam.empty"));
            team.setEnabled(false);
        } else {
            careTeam.forEach(team::add);
        }
        GridDataFactory.fillDefaults().grab(true, false).hint(SWT.DEFAULT, 70).applyTo(team);
        mss.addListener(SWT.Selection, e -> updateMss());
        addresses.addListener(SWT.Modify, e -> validate());
        team.addListener(SWT.Selection, e -> validate());
        updateMss();

        problem = new Label(area, SWT.WRAP);
        problem.setData(DmpBanner.TEST_ID, "share-problem");
        problem.setForeground(area.getDisplay().getSystemColor(SWT.COLOR_DARK_RED));
        GridDataFactory.fillDefaults().span(2, 1).hint(460, SWT.DEFAULT).applyTo(problem);
        return area;
    }

    private void updateDmp() {
        boolean on = dmp.getSelection();
        invisible.setEnabled(on);
        masked.setEnabled(on);
        timing.setEnabled(on);
        validate();
    }

    private void updateMss() {
        boolean on = mss.getSelection();
        addresses.setEnabled(on);
        team.setEnabled(on && !careTeam.isEmpty());
        validate();
    }

    /** The MSSanté recipients: typed addresses (separated by spaces, commas or semicolons) then the care team picked. */
    private java.util.List<String> chosenRecipients() {
        Set<String> all = new LinkedHashSet<>();
        for (String a : addresses.getText().split("[\\s,;]+")) {
            if (!a.isBlank()) {
                all.add(a.strip());
            }
        }
        if (!careTeam.isEmpty()) {
            for (int i : team.getSelectionIndices()) {
                all.add(careTeam.get(i));
            }
        }
        return new ArrayList<>(all);
    }

    /** The share button is enabled when at least one channel is chosen and every typed address looks like one. */
    private void validate() {
        if (problem == null || getButton(IDialogConstants.OK_ID) == null) {
            return;
        }
        String why = null;
        if (!dmp.getSelection() && !mss.getSelection()) {
            why = Messages.get("share.noChannel");
        } else if (mss.getSelection()) {
            java.util.List<String> to = chosenRecipients();
            if (to.isEmpty()) {
                why = Messages.get("share.noRecipient");
            } else {
                for (String a : to) {
                    if (!a.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
                        why = Messages.get("share.badAddress", a);
                        break;
                    }
                }
            }
        }
        problem.setText(why == null ? "" : why);
        getButton(IDialogConstants.OK_ID).setEnabled(why == null);
        problem.getParent().layout(true, true);
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        createButton(parent, IDialogConstants.OK_ID, Messages.get("share.send"), true).setData(DmpBanner.TEST_ID, "share-send");
        createButton(parent, IDialogConstants.CANCEL_ID, Messages.get("share.cancel"), false);
        validate();
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
        toDmp = dmp.getSelection();
        recipients = mss.getSelection() ? chosenRecipients() : java.util.List.of();
        super.okPressed();
    }

    boolean toDmp() {
        return toDmp;
    }

    /** MSSanté addresses chosen; empty when MSSanté is not chosen. */
    java.util.List<String> recipients() {
        return recipients;
    }

    Set<Visibility> visibility() {
        return visibility;
    }

    FeedTiming timing() {
        return chosen;
    }
}
