package org.caducee.psc.ui.internal;

import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.caducee.psc.CibaLogin;
import org.caducee.psc.PscAccountLinking;
import org.caducee.psc.PscException;
import org.caducee.psc.PscIdentity;
import org.caducee.psc.PscSession;
import org.caducee.security.UserAccount;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Font;
import org.eclipse.swt.graphics.FontData;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;

/**
 * The PSC login window: choice of CIBA (card or e-CPS, with the two-digit code shown while waiting, cancellable) or
 * the system browser, then the first-login account linking. Every PSC call runs on a background thread.
 */
final class PscLoginDialog {

    /** Data key of widgets for UI tests. */
    static final String TEST_ID = "caducee.test.id";

    private final Shell parent;
    private final PscSession session;
    private final PscAccountLinking linking;
    private final Consumer<Optional<UserAccount>> done;
    private final AtomicBoolean finished = new AtomicBoolean();
    private Display display;
    private Shell shell;
    private Label message;
    private volatile CibaLogin pending;

    PscLoginDialog(Shell parent, PscSession session, PscAccountLinking linking, Consumer<Optional<UserAccount>> done) {
        this.parent = parent;
        this.session = session;
        this.linking = linking;
        this.done = done;
    }

    void open() {
        display = parent.getDisplay();
        shell = new Shell(parent, SWT.TITLE | SWT.BORDER | SWT.CLOSE | SWT.APPLICATION_MODAL);
        shell.setText(Messages.get("dialog.title"));
        GridLayoutFactory.swtDefaults().numColumns(2).margins(16, 16).spacing(10, 8).applyTo(shell);
        shell.addListener(SWT.Dispose, e -> {
            CibaLogin p = pending;
            if (p != null) {
                p.cancel();
            }
            finish(Optional.empty());
        });
        choose();
        shell.open();
    }

    private void clear() {
        for (Control c : shell.getChildren()) {
            c.dispose();
        }
    }

    /** Fits the window to its content and centres it over the login dialog. */
    private void relayout() {
        shell.pack();
        shell.layout(true, true);
        org.eclipse.swt.graphics.Rectangle owner = parent.getBounds();
        org.eclipse.swt.graphics.Rectangle size = shell.getBounds();
        shell.setLocation(owner.x + (owner.width - size.width) / 2, owner.y + (owner.height - size.height) / 2);
    }

    private Label label(String text, int span) {
        Label l = new Label(shell, SWT.WRAP);
        l.setText(text);
        GridDataFactory.fillDefaults().span(span, 1).hint(380, SWT.DEFAULT).applyTo(l);
        return l;
    }

    /** Step 1: CIBA (national id, channel) or browser. */
    private void choose() {
        clear();
        label(Messages.get("dialog.intro"), 2);
        Button ciba = new Button(shell, SWT.RADIO);
        ciba.setText(Messages.get("dialog.ciba"));
        ciba.setSelection(true);
        GridDataFactory.fillDefaults().span(2, 1).applyTo(ciba);
        new Label(shell, SWT.NONE).setText(Messages.get("dialog.nationalId"));
        Text nationalId = new Text(shell, SWT.BORDER);
        nationalId.setData(TEST_ID, "psc-national-id");
        GridDataFactory.fillDefaults().grab(true, false).hint(200, SWT.DEFAULT).applyTo(nationalId);
        new Label(shell, SWT.NONE);
        Combo channel = new Combo(shell, SWT.READ_ONLY);
        channel.setItems(Messages.get("dialog.channel.mobile"), Messages.get("dialog.channel.card"));
        channel.select(0);
        Button browser = new Button(shell, SWT.RADIO);
        browser.setText(Messages.get("dialog.browser"));
        GridDataFactory.fillDefaults().span(2, 1).applyTo(browser);
        message = label("", 2);
        Button cancel = new Button(shell, SWT.PUSH);
        cancel.setText(Messages.get("dialog.cancel"));
        cancel.addListener(SWT.Selection, e -> shell.dispose());
        Button go = new Button(shell, SWT.PUSH);
        go.setText(Messages.get("dialog.continue"));
        go.setData(TEST_ID, "psc-continue");
        GridDataFactory.swtDefaults().align(SWT.END, SWT.CENTER).applyTo(go);
        shell.setDefaultButton(go);
        go.addListener(SWT.Selection, e -> {
            go.setEnabled(false);
            if (ciba.getSelection()) {
                startCiba(nationalId.getText().trim(), channel.getSelectionIndex() == 1 ? PscSession.Channel.CARD : PscSession.Channel.MOBILE);
            } else {
                startBrowser();
            }
        });
        relayout();
        nationalId.setFocus();
    }

    private void startCiba(String nationalId, PscSession.Channel channel) {
        message.setText(Messages.get("dialog.waiting"));
        background(() -> {
            try {
                CibaLogin login = session.loginWithCiba(nationalId, channel);
                pending = login;
                ui(() -> showCode(login, channel));
                PscIdentity identity = login.result().toCompletableFuture().join();
                pending = null;
                link(identity);
            } catch (PscException e) {
                ui(() -> failed(e.getMessage()));
            } catch (CompletionException e) {
                pending = null;
                ui(() -> failed(e.getCause() instanceof PscException p ? p.getMessage() : String.valueOf(e.getCause())));
            }
        });
    }

    /** The waiting step: the two-digit code in large type, cancellable. */
    private void showCode(CibaLogin login, PscSession.Channel channel) {
        clear();
        Label code = new Label(shell, SWT.CENTER);
        code.setData(TEST_ID, "psc-binding-code");
        code.setText(Messages.get("dialog.code", login.bindingMessage()));
        FontData[] data = code.getFont().getFontData();
        for (FontData d : data) {
            d.setHeight(d.getHeight() * 2);
            d.setStyle(SWT.BOLD);
        }
        Font big = new Font(display, data);
        code.setFont(big);
        code.addListener(SWT.Dispose, e -> big.dispose());
        GridDataFactory.fillDefaults().span(2, 1).applyTo(code);
        label(Messages.get(channel == PscSession.Channel.CARD ? "dialog.codeHint.card" : "dialog.codeHint.mobile"), 2);
        message = label(Messages.get("dialog.waiting"), 2);
        Button cancel = new Button(shell, SWT.PUSH);
        cancel.setText(Messages.get("dialog.cancel"));
        cancel.addListener(SWT.Selection, e -> {
            login.cancel();
            pending = null;
            choose();
        });
        GridDataFactory.swtDefaults().span(2, 1).align(SWT.END, SWT.CENTER).applyTo(cancel);
        relayout();
    }

    private void startBrowser() {
        message.setText(Messages.get("dialog.browserWaiting"));
        relayout();
        background(() -> {
            try {
                link(session.loginWithBrowser());
            } catch (PscException e) {
                ui(() -> failed(e.getMessage()));
            }
        });
    }

    /** After PSC: the linked account, or confirmation of the account with the same RPPS, or creation. */
    private void link(PscIdentity identity) {
        Optional<UserAccount> linked = linking.linkedAccount(identity);
        if (linked.isPresent()) {
            ui(() -> {
                finish(linked);
                shell.dispose();
            });
            return;
        }
        Optional<UserAccount> candidate = linking.candidate(identity);
        ui(() -> askLink(identity, candidate.orElse(null)));
    }

    private void askLink(PscIdentity identity, UserAccount candidate) {
        clear();
        label(candidate != null ? Messages.get("dialog.link", candidate.login()) : Messages.get("dialog.create"), 2);
        new Label(shell, SWT.NONE).setText(Messages.get("dialog.login"));
        Text login = new Text(shell, SWT.BORDER);
        login.setText(candidate != null ? candidate.login() : "");
        login.setEditable(candidate == null);
        GridDataFactory.fillDefaults().grab(true, false).hint(200, SWT.DEFAULT).applyTo(login);
        new Label(shell, SWT.NONE).setText(Messages.get("dialog.password"));
        Text password = new Text(shell, SWT.BORDER | SWT.PASSWORD);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(password);
        message = label("", 2);
        Button cancel = new Button(shell, SWT.PUSH);
        cancel.setText(Messages.get("dialog.cancel"));
        cancel.addListener(SWT.Selection, e -> shell.dispose());
        Button confirm = new Button(shell, SWT.PUSH);
        confirm.setText(Messages.get("dialog.confirm"));
        GridDataFactory.swtDefaults().align(SWT.END, SWT.CENTER).applyTo(confirm);
        shell.setDefaultButton(confirm);
        confirm.addListener(SWT.Selection, e -> {
            String user = login.getText().trim();
            char[] secret = password.getTextChars();
            confirm.setEnabled(false);
            background(() -> {
                try {
                    UserAccount account = candidate != null ? linking.confirmLink(identity, user, secret) : linking.createAccount(identity, user, secret);
                    ui(() -> {
                        finish(Optional.of(account));
                        shell.dispose();
                    });
                } catch (PscException ex) {
                    ui(() -> {
                        message.setText(ex.getMessage());
                        confirm.setEnabled(true);
                        relayout();
                    });
                } finally {
                    Arrays.fill(secret, '\0');
                }
            });
        });
        relayout();
        password.setFocus();
    }

    private void failed(String text) {
        if (shell.isDisposed()) {
            return;
        }
        choose();
        message.setText(text);
        relayout();
    }

    private void finish(Optional<UserAccount> account) {
        if (finished.compareAndSet(false, true)) {
            done.accept(account);
        }
    }

    private void ui(Runnable r) {
        display.asyncExec(() -> {
            if (!shell.isDisposed()) {
                r.run();
            }
        });
    }

    private static void background(Runnable r) {
        Thread t = new Thread(r, "caducee-psc-login");
        t.setDaemon(true);
        t.start();
    }
}
