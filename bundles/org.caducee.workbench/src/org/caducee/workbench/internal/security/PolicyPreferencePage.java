package org.caducee.workbench.internal.security;

import java.util.LinkedHashMap;
import java.util.Map;

import org.caducee.security.AccountService;
import org.caducee.security.PasswordPolicySettings;
import org.caducee.security.Role;
import org.caducee.security.SessionGuard;
import org.caducee.workbench.internal.Messages;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.preference.PreferencePage;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Spinner;

/**
 * The password and session policy (administrators change it after re-authentication; others see it). "Appliquer"
 * saves; the account service checks the bounds and audits the change.
 */
final class PolicyPreferencePage extends PreferencePage {

    private static final String[] KEYS = { "minLength", "privilegedMinLength", "minClasses", "passphraseLength", "expiryDays",
            "privilegedExpiryDays", "history", "maxFailures", "lockoutSeconds", "maxLockoutSeconds", "sessionLockMinutes" };

    private final AccountService accounts;
    private final SessionGuard guard;
    private final Map<String, Spinner> spinners = new LinkedHashMap<>();
    private Label status;

    PolicyPreferencePage(AccountService accounts, SessionGuard guard) {
        super(Messages.get("policy.title"));
        this.accounts = accounts;
        this.guard = guard;
    }

    @Override
    protected Control createContents(Composite parent) {
        Composite box = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(2).applyTo(box);
        boolean admin = guard.user().map(u -> u.has(Role.ADMINISTRATEUR)).orElse(false);
        for (String key : KEYS) {
            new Label(box, SWT.NONE).setText(Messages.get("policy." + key));
            Spinner s = new Spinner(box, SWT.BORDER);
            s.setMinimum(0);
            s.setMaximum(604_800);
            s.setEnabled(admin);
            GridDataFactory.fillDefaults().hint(90, SWT.DEFAULT).applyTo(s);
            spinners.put(key, s);
        }
        status = new Label(box, SWT.WRAP);
        status.setText(admin ? "" : Messages.get("accounts.adminOnly"));
        GridDataFactory.fillDefaults().span(2, 1).hint(480, SWT.DEFAULT).applyTo(status);
        ReauthenticationDialog.background(parent.getShell(), accounts::policy, this::show);
        return box;
    }

    private void show(PasswordPolicySettings p) {
        long[] values = { p.minLength(), p.privilegedMinLength(), p.minClasses(), p.passphraseLength(), p.expiryDays(), p.privilegedExpiryDays(),
                p.history(), p.maxFailures(), p.lockoutSeconds(), p.maxLockoutSeconds(), p.sessionLockMinutes() };
        for (int i = 0; i < KEYS.length; i++) {
            spinners.get(KEYS[i]).setSelection((int) values[i]);
        }
    }

    private PasswordPolicySettings edited() {
        return new PasswordPolicySettings(v("minLength"), v("privilegedMinLength"), v("minClasses"), v("passphraseLength"), v("expiryDays"),
                v("privilegedExpiryDays"), v("history"), v("maxFailures"), v("lockoutSeconds"), v("maxLockoutSeconds"), v("sessionLockMinutes"));
    }

    private int v(String key) {
        return spinners.get(key).getSelection();
    }

    @Override
    protected void performApply() {
        if (!guard.user().map(u -> u.has(Role.ADMINISTRATEUR)).orElse(false)) {
            return;
        }
        PasswordPolicySettings next = edited();
        if (!next.problems().isEmpty()) {
            setErrorMessage(String.join(" ", next.problems()));
            return;
        }
        setErrorMessage(null);
        String actor = guard.user().map(u -> u.login()).orElse(null);
        ReauthenticationDialog.ask(getShell(), guard, Messages.get("policy.reason"), () -> ReauthenticationDialog.background(getShell(), () -> {
            try {
                accounts.updatePolicy(actor, next);
                return null;
            } catch (RuntimeException e) {
                return e.getMessage();
            }
        }, problem -> {
            if (problem == null) {
                status.setText(Messages.get("policy.saved"));
            } else {
                setErrorMessage(problem);
            }
            status.getParent().layout(true);
        }));
    }

    @Override
    protected void performDefaults() {
        show(PasswordPolicySettings.DEFAULTS);
        super.performDefaults();
    }
}
