package org.caducee.workbench.internal;

import java.util.Arrays;
import java.util.Optional;

import org.caducee.core.installation.Installation;
import org.caducee.security.AccountService;
import org.caducee.security.SessionGuard;
import org.caducee.security.UserAccount;
import org.caducee.workbench.LoginMethod;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Font;
import org.eclipse.swt.graphics.FontData;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;

/**
 * Login window shown before the workbench. Service look-up and password hashing run on a background thread;
 * the dialog stays responsive and shows what it waits for.
 */
final class LoginDialog {

    record Services(Installation installation, AccountService accounts, SessionGuard guard) {
    }

    interface ServiceSource {
        Services get() throws Exception;
    }

    private final Display display;
    private final ServiceSource source;
    private final String autologin;
    private volatile Services services;
    private UserAccount result;
    private Shell shell;
    private Text login;
    private Text password;
    private Button submit;
    private Label message;
    private org.eclipse.swt.widgets.Composite alternatives;

    LoginDialog(Display display, ServiceSource source, String autologin) {
        this.display = display;
        this.source = source;
        this.autologin = autologin;
    }

    /** The session guard found while connecting (null before). */
    SessionGuard guard() {
        Services current = services;
        return current == null ? null : current.guard();
    }

    UserAccount open() {
        shell = new Shell(display, SWT.TITLE | SWT.BORDER | SWT.CLOSE | SWT.APPLICATION_MODAL);
        shell.setText(Messages.get("login.title"));
        GridLayoutFactory.swtDefaults().numColumns(2).margins(16, 16).spacing(10, 8).applyTo(shell);
        Label heading = new Label(shell, SWT.NONE);
        heading.setText(Messages.get("login.heading"));
        FontData[] data = heading.getFont().getFontData();
        for (FontData d : data) {
            d.setHeight(d.getHeight() + 3);
            d.setStyle(SWT.BOLD);
        }
        Font bold = new Font(display, data);
        heading.setFont(bold);
        shell.addDisposeListener(e -> bold.dispose());
        GridDataFactory.fillDefaults().span(2, 1).applyTo(heading);
        new Label(shell, SWT.NONE).setText(Messages.get("login.user"));
        login = new Text(shell, SWT.BORDER);
        GridDataFactory.fillDefaults().grab(true, false).hint(220, SWT.DEFAULT).applyTo(login);
        new Label(shell, SWT.NONE).setText(Messages.get("login.password"));
        password = new Text(shell, SWT.BORDER | SWT.PASSWORD);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(password);
        message = new Label(shell, SWT.WRAP);
        message.setText(Messages.get("login.waiting"));
        GridDataFactory.fillDefaults().span(2, 1).hint(340, SWT.DEFAULT).applyTo(message);
        Button quit = new Button(shell, SWT.PUSH);
        quit.setText(Messages.get("login.cancel"));
        quit.addListener(SWT.Selection, e -> shell.close());
        submit = new Button(shell, SWT.PUSH);
        submit.setText(Messages.get("login.submit"));
        submit.setEnabled(false);
        GridDataFactory.swtDefaults().align(SWT.END, SWT.CENTER).applyTo(submit);
        submit.addListener(SWT.Selection, e -> authenticate());
        alternatives = new org.eclipse.swt.widgets.Composite(shell, SWT.NONE);
        GridLayoutFactory.fillDefaults().applyTo(alternatives);
        GridDataFactory.fillDefaults().span(2, 1).grab(true, false).exclude(true).applyTo(alternatives);
        shell.setDefaultButton(submit);
        shell.pack();
        Rectangle screen = display.getPrimaryMonitor().getBounds();
        Rectangle size = shell.getBounds();
        shell.setLocation(screen.x + (screen.width - size.width) / 2, screen.y + (screen.height - size.height) / 3);
        shell.open();
        connect();
        while (!shell.isDisposed()) {
            if (!display.readAndDispatch()) {
                display.sleep();
            }
        }
        return result;
    }

    private void connect() {
        Thread thread = new Thread(() -> {
            try {
                Services found = source.get();
                if (found.installation() == null || found.accounts() == null || found.guard() == null) {
                    throw new IllegalStateException(Messages.get("login.waiting"));
                }
                services = found;
                if (autologin != null && found.installation().sandbox()) {
                    Optional<UserAccount> account = found.accounts().find(autologin);
                    if (account.isPresent()) {
                        found.guard().open(account.get(), "connexion automatique (bac à sable)");
                        display.asyncExec(() -> finish(account.get()));
                        return;
                    }
                }
                java.util.List<LoginMethod> methods = LoginMethods.find();
                display.asyncExec(() -> {
                    if (!shell.isDisposed()) {
                        addAlternatives(methods);
                        submit.setEnabled(true);
                        message.setText(found.installation().sandbox() ? Messages.get("login.sandboxHint") : "");
                        shell.pack();
                        login.setFocus();
                    }
                });
            } catch (Exception e) {
                display.asyncExec(() -> {
                    if (!shell.isDisposed()) {
                        message.setText(Messages.get("login.unavailable", String.valueOf(e.getMessage())));
                    }
                });
            }
        }, "caducee-login");
        thread.setDaemon(true);
        thread.start();
    }

    /** Buttons of the {@link LoginMethod} services (e.g. Pro Santé Connect) under the password form. */
    private void addAlternatives(java.util.List<LoginMethod> methods) {
        for (LoginMethod method : methods) {
            Button button = new Button(alternatives, SWT.PUSH);
            button.setText(method.label());
            GridDataFactory.fillDefaults().grab(true, false).applyTo(button);
            button.addListener(SWT.Selection, e -> {
                button.setEnabled(false);
                method.start(shell, account -> display.asyncExec(() -> {
                    if (shell.isDisposed()) {
                        return;
                    }
                    button.setEnabled(true);
                    account.ifPresent(this::finish);
                }));
            });
        }
        ((GridData) alternatives.getLayoutData()).exclude = methods.isEmpty();
    }

    private void authenticate() {
        Services current = services;
        String user = login.getText().trim();
        char[] secret = password.getTextChars();
        submit.setEnabled(false);
        message.setText(Messages.get("login.checking"));
        Thread thread = new Thread(() -> {
            Optional<UserAccount> account;
            boolean changeRequired;
            try {
                account = Optional.of(current.guard().login(user, secret));
                changeRequired = current.accounts().status(account.get().login())
                        .map(s -> s.passwordChangeRequiredAt(java.time.Instant.now())).orElse(false);
            } catch (RuntimeException e) {
                Arrays.fill(secret, '\0');
                display.asyncExec(() -> failed(e.getMessage()));
                return;
            }
            if (changeRequired) {
                // expired or temporary password: the session opens only once it is changed
                display.asyncExec(() -> askNewPassword(current, account.get(), secret));
                return;
            }
            Arrays.fill(secret, '\0');
            display.asyncExec(() -> account.ifPresentOrElse(this::finish, () -> failed(Messages.get("login.failed"))));
        }, "caducee-authenticate");
        thread.setDaemon(true);
        thread.start();
    }

    /** Asks a new password (twice) and changes it with the current one before opening the session. */
    private void askNewPassword(Services current, UserAccount account, char[] currentPassword) {
        if (shell.isDisposed()) {
            Arrays.fill(currentPassword, '\0');
            return;
        }
        Shell change = new Shell(shell, SWT.TITLE | SWT.BORDER | SWT.APPLICATION_MODAL);
        change.setText(Messages.get("login.change.title"));
        GridLayoutFactory.swtDefaults().numColumns(2).margins(14, 14).spacing(8, 8).applyTo(change);
        Label info = new Label(change, SWT.WRAP);
        info.setText(Messages.get("login.change.info", account.displayName()));
        GridDataFactory.fillDefaults().span(2, 1).hint(380, SWT.DEFAULT).applyTo(info);
        new Label(change, SWT.NONE).setText(Messages.get("login.change.new"));
        Text first = new Text(change, SWT.BORDER | SWT.PASSWORD);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(first);
        new Label(change, SWT.NONE).setText(Messages.get("login.change.again"));
        Text second = new Text(change, SWT.BORDER | SWT.PASSWORD);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(second);
        Label problem = new Label(change, SWT.WRAP);
        GridDataFactory.fillDefaults().span(2, 1).hint(380, SWT.DEFAULT).applyTo(problem);
        Button cancel = new Button(change, SWT.PUSH);
        cancel.setText(Messages.get("login.cancel"));
        Button ok = new Button(change, SWT.PUSH);
        ok.setText(Messages.get("login.change.submit"));
        GridDataFactory.swtDefaults().align(SWT.END, SWT.CENTER).applyTo(ok);
        change.setDefaultButton(ok);
        cancel.addListener(SWT.Selection, e -> {
            Arrays.fill(currentPassword, '\0');
            change.dispose();
            Thread out = new Thread(current.guard()::logout, "caducee-logout");
            out.setDaemon(true);
            out.start();
            failed(Messages.get("login.change.cancelled"));
        });
        ok.addListener(SWT.Selection, e -> {
            char[] next = first.getTextChars();
            if (!Arrays.equals(next, second.getTextChars())) {
                problem.setText(Messages.get("login.change.mismatch"));
                change.layout(true);
                return;
            }
            ok.setEnabled(false);
            problem.setText(Messages.get("login.checking"));
            Thread thread = new Thread(() -> {
                String error = null;
                try {
                    current.accounts().changeOwnPassword(account.login(), currentPassword, next);
                } catch (RuntimeException ex) {
                    error = ex.getMessage();
                } finally {
                    Arrays.fill(next, '\0');
                }
                String failure = error;
                display.asyncExec(() -> {
                    if (change.isDisposed()) {
                        return;
                    }
                    if (failure == null) {
                        Arrays.fill(currentPassword, '\0');
                        change.dispose();
                        finish(account);
                    } else {
                        problem.setText(failure);
                        first.setText("");
                        second.setText("");
                        first.setFocus();
                        ok.setEnabled(true);
                        change.pack();
                    }
                });
            }, "caducee-change-password");
            thread.setDaemon(true);
            thread.start();
        });
        change.pack();
        change.setLocation(shell.getLocation().x + 20, shell.getLocation().y + 20);
        change.open();
        first.setFocus();
    }

    private void failed(String text) {
        if (!shell.isDisposed()) {
            message.setText(text);
            password.setText("");
            password.setFocus();
            submit.setEnabled(true);
            shell.layout(true);
        }
    }

    private void finish(UserAccount account) {
        result = account;
        if (!shell.isDisposed()) {
            shell.dispose();
        }
    }
}
