package org.caducee.workbench.internal.security;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.caducee.security.AccountService;
import org.caducee.security.AccountStatus;
import org.caducee.security.Role;
import org.caducee.security.SessionGuard;
import org.caducee.security.UserAccount;
import org.caducee.workbench.internal.Messages;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.preference.PreferencePage;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;

/**
 * Account administration (administrators only): list with roles and state, creation, lock and unlock, temporary
 * password, roles. Every change asks the administrator's password again and is audited by the account service.
 */
final class AccountsPreferencePage extends PreferencePage {

    private final AccountService accounts;
    private final SessionGuard guard;
    private Table table;
    private Label status;
    private final List<AccountStatus> rows = new ArrayList<>();

    AccountsPreferencePage(AccountService accounts, SessionGuard guard) {
        super(Messages.get("accounts.title"));
        this.accounts = accounts;
        this.guard = guard;
        noDefaultAndApplyButton();
    }

    @Override
    protected Control createContents(Composite parent) {
        Composite box = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(2).applyTo(box);
        boolean admin = guard.user().map(u -> u.has(Role.ADMINISTRATEUR)).orElse(false);
        if (!admin) {
            Label only = new Label(box, SWT.WRAP);
            only.setText(Messages.get("accounts.adminOnly"));
            GridDataFactory.fillDefaults().grab(true, false).hint(400, SWT.DEFAULT).applyTo(only);
            return box;
        }
        table = new Table(box, SWT.BORDER | SWT.FULL_SELECTION | SWT.SINGLE);
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        for (String key : List.of("accounts.login", "accounts.name", "accounts.roles", "accounts.state")) {
            TableColumn c = new TableColumn(table, SWT.LEFT);
            c.setText(Messages.get(key));
            c.setWidth(key.equals("accounts.state") ? 190 : 120);
        }
        GridDataFactory.fillDefaults().grab(true, true).hint(560, 220).applyTo(table);
        Composite buttons = new Composite(box, SWT.NONE);
        GridLayoutFactory.fillDefaults().applyTo(buttons);
        GridDataFactory.fillDefaults().align(SWT.FILL, SWT.BEGINNING).applyTo(buttons);
        button(buttons, "accounts.add", this::add);
        button(buttons, "accounts.lock", () -> selected(a -> change(Messages.get("accounts.reason.lock", a.login()),
                () -> accounts.lock(actor(), a.login()))));
        button(buttons, "accounts.unlock", () -> selected(a -> change(Messages.get("accounts.reason.unlock", a.login()),
                () -> accounts.unlock(actor(), a.login()))));
        button(buttons, "accounts.reset", () -> selected(this::reset));
        button(buttons, "accounts.roles.edit", () -> selected(this::roles));
        status = new Label(box, SWT.WRAP);
        GridDataFactory.fillDefaults().span(2, 1).grab(true, false).hint(560, SWT.DEFAULT).applyTo(status);
        refresh();
        return box;
    }

    private String actor() {
        return guard.user().map(UserAccount::login).orElse(null);
    }

    private static void button(Composite parent, String key, Runnable action) {
        Button b = new Button(parent, SWT.PUSH);
        b.setText(Messages.get(key));
        GridDataFactory.fillDefaults().applyTo(b);
        b.addListener(SWT.Selection, e -> action.run());
    }

    private void selected(Consumer<UserAccount> action) {
        int i = table.getSelectionIndex();
        if (i < 0 || i >= rows.size()) {
            status.setText(Messages.get("accounts.selectFirst"));
            return;
        }
        action.accept(rows.get(i).account());
    }

    private void refresh() {
        ReauthenticationDialog.background(getShell(), () -> accounts.list().stream().map(a -> accounts.status(a.login()).orElseThrow()).toList(),
                list -> {
                    if (table.isDisposed()) {
                        return;
                    }
                    rows.clear();
                    rows.addAll(list);
                    table.removeAll();
                    Instant now = Instant.now();
                    for (AccountStatus s : list) {
                        TableItem item = new TableItem(table, SWT.NONE);
                        UserAccount a = s.account();
                        List<String> state = new ArrayList<>();
                        state.add(Messages.get(!a.active() ? "accounts.state.inactive" : s.lockedAt(now) ? "accounts.state.locked" : "accounts.state.active"));
                        if (s.passwordChangeRequiredAt(now)) {
                            state.add(Messages.get("accounts.state.change"));
                        }
                        item.setText(new String[] { a.login(), a.displayName(),
                                a.roles().stream().map(Role::name).sorted().collect(Collectors.joining(", ")), String.join(", ", state) });
                    }
                });
    }

    /** Re-authenticates, then runs {@code work} off the UI thread and shows the outcome. */
    private void change(String reason, Runnable work) {
        Shell shell = getShell();
        ReauthenticationDialog.ask(shell, guard, reason, () -> ReauthenticationDialog.background(shell, () -> {
            try {
                work.run();
                return null;
            } catch (RuntimeException e) {
                return e.getMessage();
            }
        }, problem -> {
            status.setText(problem == null ? Messages.get("accounts.done") : problem);
            box().layout(true);
            refresh();
        }));
    }

    private Composite box() {
        return status.getParent();
    }

    private void add() {
        FormShell form = new FormShell(getShell(), Messages.get("accounts.add.title"));
        Text login = form.text(Messages.get("accounts.login"), false);
        Text name = form.text(Messages.get("accounts.name"), false);
        Text rpps = form.text(Messages.get("accounts.rpps"), false);
        Button[] roleButtons = form.roles(Set.of(Role.MEDECIN));
        Text password = form.text(Messages.get("accounts.password"), true);
        Text again = form.text(Messages.get("accounts.passwordAgain"), true);
        form.open(() -> {
            char[] p = password.getTextChars();
            if (!Arrays.equals(p, again.getTextChars())) {
                return Messages.get("accounts.mismatch");
            }
            Set<Role> roles = FormShell.roles(roleButtons);
            String l = login.getText();
            String n = name.getText();
            String r = rpps.getText();
            change(Messages.get("accounts.reason.add", l), () -> accounts.create(actor(), l, n, roles, r, p));
            return null;
        });
    }

    private void reset(UserAccount account) {
        FormShell form = new FormShell(getShell(), Messages.get("accounts.reset.title", account.login()));
        Text password = form.text(Messages.get("accounts.password"), true);
        Text again = form.text(Messages.get("accounts.passwordAgain"), true);
        form.open(() -> {
            char[] p = password.getTextChars();
            if (!Arrays.equals(p, again.getTextChars())) {
                return Messages.get("accounts.mismatch");
            }
            change(Messages.get("accounts.reason.reset", account.login()), () -> accounts.resetPassword(actor(), account.login(), p));
            return null;
        });
    }

    private void roles(UserAccount account) {
        FormShell form = new FormShell(getShell(), Messages.get("accounts.roles.title", account.login()));
        Button[] roleButtons = form.roles(account.roles());
        form.open(() -> {
            Set<Role> roles = FormShell.roles(roleButtons);
            change(Messages.get("accounts.reason.roles", account.login()), () -> accounts.setRoles(actor(), account.login(), roles));
            return null;
        });
    }

    /** A small modal form: fields, then "Valider" runs a check returning a French problem or null. */
    static final class FormShell {
        private final Shell shell;

        FormShell(Shell parent, String title) {
            shell = new Shell(parent, SWT.TITLE | SWT.BORDER | SWT.CLOSE | SWT.APPLICATION_MODAL);
            shell.setText(title);
            GridLayoutFactory.swtDefaults().numColumns(2).margins(12, 12).spacing(8, 6).applyTo(shell);
        }

        Text text(String label, boolean secret) {
            new Label(shell, SWT.NONE).setText(label);
            Text t = new Text(shell, SWT.BORDER | (secret ? SWT.PASSWORD : SWT.NONE));
            GridDataFactory.fillDefaults().grab(true, false).hint(240, SWT.DEFAULT).applyTo(t);
            return t;
        }

        Button[] roles(Set<Role> checked) {
            new Label(shell, SWT.NONE).setText(Messages.get("accounts.roles"));
            Composite box = new Composite(shell, SWT.NONE);
            GridLayoutFactory.fillDefaults().numColumns(3).applyTo(box);
            Role[] all = Role.values();
            Button[] buttons = new Button[all.length];
            for (int i = 0; i < all.length; i++) {
                buttons[i] = new Button(box, SWT.CHECK);
                buttons[i].setText(all[i].name());
                buttons[i].setData(all[i]);
                buttons[i].setSelection(checked.contains(all[i]));
            }
            return buttons;
        }

        static Set<Role> roles(Button[] buttons) {
            Set<Role> roles = EnumSet.noneOf(Role.class);
            for (Button b : buttons) {
                if (b.getSelection()) {
                    roles.add((Role) b.getData());
                }
            }
            return roles;
        }

        void open(java.util.function.Supplier<String> submit) {
            Label message = new Label(shell, SWT.WRAP);
            GridDataFactory.fillDefaults().span(2, 1).hint(340, SWT.DEFAULT).applyTo(message);
            Button cancel = new Button(shell, SWT.PUSH);
            cancel.setText(Messages.get("reauth.cancel"));
            cancel.addListener(SWT.Selection, e -> shell.close());
            Button ok = new Button(shell, SWT.PUSH);
            ok.setText(Messages.get("accounts.validate"));
            GridDataFactory.swtDefaults().align(SWT.END, SWT.CENTER).applyTo(ok);
            shell.setDefaultButton(ok);
            ok.addListener(SWT.Selection, e -> {
                String problem = submit.get();
                if (problem == null) {
                    shell.dispose();
                } else {
                    message.setText(problem);
                    shell.layout(true);
                }
            });
            shell.pack();
            shell.open();
        }
    }
}
