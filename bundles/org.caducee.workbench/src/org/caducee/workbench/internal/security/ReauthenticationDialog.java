package org.caducee.workbench.internal.security;

import java.util.Arrays;
import java.util.function.Consumer;

import org.caducee.security.SessionGuard;
import org.caducee.workbench.internal.Messages;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;

/**
 * Forced re-authentication before a sensitive action: asks the logged-in user's password, checks it on a background
 * thread ({@link SessionGuard#reauthenticate}, audited with the reason) and runs {@code then} on the UI thread once
 * confirmed. The UI thread never waits.
 */
public final class ReauthenticationDialog {

    private ReauthenticationDialog() {
    }

    public static void ask(Shell parent, SessionGuard guard, String reason, Runnable then) {
        Shell shell = new Shell(parent, SWT.TITLE | SWT.BORDER | SWT.CLOSE | SWT.APPLICATION_MODAL);
        shell.setText(Messages.get("reauth.title"));
        GridLayoutFactory.swtDefaults().numColumns(2).margins(14, 14).spacing(8, 8).applyTo(shell);
        Label info = new Label(shell, SWT.WRAP);
        info.setText(Messages.get("reauth.info", reason, guard.user().map(u -> u.displayName()).orElse("?")));
        GridDataFactory.fillDefaults().span(2, 1).hint(360, SWT.DEFAULT).applyTo(info);
        new Label(shell, SWT.NONE).setText(Messages.get("login.password"));
        Text password = new Text(shell, SWT.BORDER | SWT.PASSWORD);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(password);
        Label message = new Label(shell, SWT.WRAP);
        GridDataFactory.fillDefaults().span(2, 1).hint(360, SWT.DEFAULT).applyTo(message);
        Button cancel = new Button(shell, SWT.PUSH);
        cancel.setText(Messages.get("reauth.cancel"));
        cancel.addListener(SWT.Selection, e -> shell.close());
        Button confirm = new Button(shell, SWT.PUSH);
        confirm.setText(Messages.get("reauth.confirm"));
        GridDataFactory.swtDefaults().align(SWT.END, SWT.CENTER).applyTo(confirm);
        shell.setDefaultButton(confirm);
        confirm.addListener(SWT.Selection, e -> {
            char[] secret = password.getTextChars();
            confirm.setEnabled(false);
            message.setText(Messages.get("login.checking"));
            background(shell, () -> {
                try {
                    return guard.reauthenticate(reason, secret) ? null : Messages.get("reauth.failed");
                } catch (RuntimeException ex) {
                    return ex.getMessage();
                } finally {
                    Arrays.fill(secret, '\0');
                }
            }, problem -> {
                if (problem == null) {
                    shell.dispose();
                    then.run();
                } else {
                    message.setText(problem);
                    password.setText("");
                    password.setFocus();
                    confirm.setEnabled(true);
                    shell.layout(true);
                }
            });
        });
        shell.pack();
        shell.setLocation(parent.getLocation().x + 80, parent.getLocation().y + 80);
        shell.open();
        password.setFocus();
    }

    /** Runs {@code work} on a daemon thread and hands its result to {@code done} on the UI thread (if still open). */
    static <T> void background(Shell shell, java.util.function.Supplier<T> work, Consumer<T> done) {
        Thread thread = new Thread(() -> {
            T result = work.get();
            if (!shell.isDisposed()) {
                shell.getDisplay().asyncExec(() -> {
                    if (!shell.isDisposed()) {
                        done.accept(result);
                    }
                });
            }
        }, "caducee-securite");
        thread.setDaemon(true);
        thread.start();
    }
}
