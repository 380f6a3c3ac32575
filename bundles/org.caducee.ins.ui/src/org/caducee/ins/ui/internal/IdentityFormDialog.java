package org.caducee.ins.ui.internal;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.caducee.core.identity.BirthTraits;
import org.caducee.core.identity.Identity;
import org.caducee.core.identity.Sex;
import org.caducee.core.text.Names;
import org.caducee.ins.cog.CogLookup;
import org.caducee.ins.cog.CogReferential;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.IMessageProvider;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;

/**
 * The identity form: birth traits (birth name, first birth first name, the list of birth first names, birth date, sex,
 * birthplace chosen in the COG with a search as you type run in a job) and used traits (used name and first name).
 * The input is checked when "Enregistrer" is pressed; a mistake is shown in French at the top and the input is kept.
 * The birthplace is never prefilled: "INCONNU" (99999) only when typed. The dialog only collects; the caller saves
 * through {@code InsQualification.updateIdentity} in a job.
 */
final class IdentityFormDialog extends TitleAreaDialog {

    /** Widget data key of the UI tests (same as the workbench's). */
    static final String TEST_ID = "org.caducee.test.id";

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/uuuu").withResolverStyle(ResolverStyle.STRICT);
    private static final Sex[] SEXES = { Sex.FEMALE, Sex.MALE, Sex.UNDETERMINED };

    private final Identity identity;
    private final CogReferential cog;
    private final UISynchronize ui;

    private Text birthName;
    private Text firstFirstName;
    private Text firstNames;
    private Text birthDate;
    private Combo sex;
    private Text birthplaceQuery;
    private org.eclipse.swt.widgets.List birthplaceResults;
    private Label birthplaceChosen;
    private Text usedName;
    private Text usedFirstName;
    private final List<String> resultCodes = new ArrayList<>();
    private String birthplaceCode;
    private Job searching;

    private BirthTraits traits;
    private String savedUsedName;
    private String savedUsedFirstName;

    IdentityFormDialog(Shell parent, Identity identity, CogReferential cog, UISynchronize ui) {
        super(parent);
        this.identity = identity;
        this.cog = cog;
        this.ui = ui;
        this.birthplaceCode = identity.traits().birthplaceCode();
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText(Messages.get("form.title"));
    }

    @Override
    protected boolean isResizable() {
        return true;
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        setTitle(Messages.get("form.title"));
        if (identity.status().hasInsFromInsi()) {
            setMessage(Messages.get("form.warnRecovered"), IMessageProvider.WARNING);
        } else {
            setMessage(Messages.get("form.message"));
        }
        Composite body = new Composite(area, SWT.NONE);
        GridLayoutFactory.fillDefaults().margins(10, 8).applyTo(body);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(body);

        Group birth = group(body, Messages.get("form.birth"));
        BirthTraits t = identity.traits();
        birthName = field(birth, Messages.get("form.birthName"), t.birthName(), "form-birth-name");
        firstFirstName = field(birth, Messages.get("form.firstFirstName"), t.firstBirthFirstName(), "form-first-first-name");
        firstNames = field(birth, Messages.get("form.firstNames"), t.firstNamesList(), "form-first-names");
        firstNames.setMessage(Messages.get("form.firstNames.hint"));
        birthDate = field(birth, Messages.get("form.birthDate"), DATE.format(t.birthDate()), "form-birth-date");
        birthDate.setMessage("JJ/MM/AAAA");
        label(birth, Messages.get("form.sex"));
        sex = new Combo(birth, SWT.READ_ONLY);
        for (Sex s : SEXES) {
            sex.add(Messages.get("sex." + s.code()));
        }
        sex.select(Arrays.asList(SEXES).indexOf(t.sex()));
        sex.setData(TEST_ID, "form-sex");

        label(birth, Messages.get("form.birthplace"));
        birthplaceQuery = new Text(birth, SWT.BORDER | SWT.SEARCH);
        birthplaceQuery.setMessage(Messages.get("cog.hint"));
        birthplaceQuery.setData(TEST_ID, "form-birthplace-search");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(birthplaceQuery);
        new Label(birth, SWT.NONE);
        birthplaceResults = new org.eclipse.swt.widgets.List(birth, SWT.BORDER | SWT.V_SCROLL | SWT.SINGLE);
        birthplaceResults.setData(TEST_ID, "form-birthplace-results");
        GridDataFactory.fillDefaults().grab(true, false).hint(360, 80).applyTo(birthplaceResults);
        new Label(birth, SWT.NONE);
        birthplaceChosen = new Label(birth, SWT.WRAP);
        birthplaceChosen.setData(TEST_ID, "form-birthplace");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(birthplaceChosen);
        showBirthplace(birthplaceCode, null);
        describeBirthplace(birthplaceCode, t.birthDate());
        birthplaceQuery.addListener(SWT.Modify, e -> search(birthplaceQuery.getText()));
        birthplaceResults.addListener(SWT.Selection, e -> {
            int i = birthplaceResults.getSelectionIndex();
            if (i >= 0 && i < resultCodes.size()) {
                birthplaceCode = resultCodes.get(i);
                showBirthplace(birthplaceCode, birthplaceResults.getItem(i));
            }
        });

        Group used = group(body, Messages.get("form.used"));
        usedName = field(used, Messages.get("form.usedName"), identity.usedName(), "form-used-name");
        usedFirstName = field(used, Messages.get("form.usedFirstName"), identity.usedFirstName(), "form-used-first-name");
        birthName.setFocus();
        return area;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        createButton(parent, IDialogConstants.OK_ID, Messages.get("form.save"), true).setData(TEST_ID, "form-save");
        createButton(parent, IDialogConstants.CANCEL_ID, Messages.get("button.cancel"), false);
    }

    private void showBirthplace(String code, String shown) {
        if (code == null) {
            birthplaceChosen.setText(Messages.get("form.birthplace.none"));
        } else {
            birthplaceChosen.setText(Messages.get("form.birthplace.chosen", shown == null ? code : shown));
        }
        birthplaceChosen.getParent().layout(true, true);
    }

    /** The name of the recorded birthplace, looked up in a job (the code alone is shown until then). */
    private void describeBirthplace(String code, LocalDate at) {
        CogReferential referential = cog;
        if (referential == null || code == null) {
            return;
        }
        Job job = Job.create(Messages.get("job.cog"), monitor -> {
            try {
                CogLookup l = referential.lookup(code, at);
                if (l.place() != null) {
                    String shown = code + "  " + l.place().displayName();
                    ui.asyncExec(() -> {
                        if (!birthplaceChosen.isDisposed() && code.equals(birthplaceCode)) {
                            showBirthplace(code, shown);
                        }
                    });
                }
            } catch (RuntimeException e) {
                // referential unavailable: the code stays shown alone
            }
            return Status.OK_STATUS;
        });
        job.setSystem(true);
        job.schedule();
    }

    @Override
    protected org.eclipse.swt.graphics.Point getInitialSize() {
        org.eclipse.swt.graphics.Point size = super.getInitialSize();
        return new org.eclipse.swt.graphics.Point(Math.min(size.x, 760), size.y);
    }

    /** Search as you type in the COG at the birth date typed (if valid), in a job; only the latest query is shown. */
    private void search(String text) {
        if (searching != null) {
            searching.cancel();
        }
        CogReferential referential = cog;
        if (referential == null || text.isBlank()) {
            birthplaceResults.removeAll();
            resultCodes.clear();
            if (referential == null && !text.isBlank()) {
                birthplaceResults.add(Messages.get("form.cog.unavailable"));
            }
            return;
        }
        LocalDate at = parseDate(birthDate.getText());
        Job job = Job.create(Messages.get("job.cog"), monitor -> {
            List<CogLookup> found;
            try {
                found = referential.search(text, at, 15);
            } catch (RuntimeException e) {
                String error = Messages.get("error", e.getMessage());
                ui.asyncExec(() -> {
                    if (!birthplaceResults.isDisposed()) {
                        birthplaceResults.removeAll();
                        resultCodes.clear();
                        birthplaceResults.add(error);
                    }
                });
                return Status.OK_STATUS;
            }
            ui.asyncExec(() -> {
                if (birthplaceResults.isDisposed() || !birthplaceQuery.getText().equals(text)) {
                    return;
                }
                birthplaceResults.removeAll();
                resultCodes.clear();
                for (CogLookup l : found) {
                    resultCodes.add(l.code());
                    birthplaceResults.add(l.code() + "  " + l.place().displayName() + (l.changedSince() ? " → " + l.current().displayName() : ""));
                }
                if (found.isEmpty()) {
                    birthplaceResults.add(Messages.get("form.cog.nothing", text));
                }
            });
            return Status.OK_STATUS;
        });
        job.setSystem(true);
        searching = job;
        job.schedule();
    }

    @Override
    protected void okPressed() {
        LocalDate date = parseDate(birthDate.getText());
        if (date == null) {
            refuse(Messages.get("form.badDate", birthDate.getText().trim()), birthDate);
            return;
        }
        String first = Names.normalize(firstFirstName.getText());
        List<String> all = new ArrayList<>(List.of(Names.normalize(firstNames.getText()).split(" ")));
        all.removeIf(String::isEmpty);
        if (all.isEmpty() && !first.isEmpty()) {
            all.add(first);
        }
        if (!first.isEmpty() && !all.get(0).equals(first)) {
            refuse(Messages.get("form.firstNotFirst", first, String.join(" ", all)), firstNames);
            return;
        }
        if (first.isEmpty() && !all.isEmpty()) {
            refuse(Messages.get("form.firstMissing"), firstFirstName);
            return;
        }
        try {
            traits = new BirthTraits(birthName.getText(), all, SEXES[sex.getSelectionIndex()], date, birthplaceCode);
        } catch (IllegalArgumentException | NullPointerException e) {
            refuse(e.getMessage(), birthName);
            return;
        }
        savedUsedName = usedName.getText();
        savedUsedFirstName = usedFirstName.getText();
        super.okPressed();
    }

    private void refuse(String message, Text field) {
        setErrorMessage(message);
        field.setFocus();
        field.selectAll();
    }

    private static LocalDate parseDate(String text) {
        try {
            return LocalDate.parse(text.trim(), DATE);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The birth traits saved, after OK. */
    BirthTraits traits() {
        return traits;
    }

    String usedName() {
        return savedUsedName;
    }

    String usedFirstName() {
        return savedUsedFirstName;
    }

    private static Group group(Composite parent, String title) {
        Group g = new Group(parent, SWT.NONE);
        g.setText(title);
        GridLayoutFactory.fillDefaults().numColumns(2).margins(8, 6).applyTo(g);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(g);
        return g;
    }

    private static void label(Composite parent, String text) {
        Label l = new Label(parent, SWT.NONE);
        l.setText(text);
    }

    private static Text field(Composite parent, String label, String value, String testId) {
        label(parent, label);
        Text t = new Text(parent, SWT.BORDER);
        t.setText(value == null ? "" : value);
        t.setData(TEST_ID, testId);
        GridDataFactory.fillDefaults().grab(true, false).hint(320, SWT.DEFAULT).applyTo(t);
        return t;
    }
}
