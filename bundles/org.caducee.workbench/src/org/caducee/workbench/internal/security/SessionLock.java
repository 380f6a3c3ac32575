package org.caducee.workbench.internal.security;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.caducee.security.SessionGuard;
import org.caducee.workbench.internal.Messages;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Listener;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;

/**
 * Locks the workbench after inactivity ({@link SessionGuard#idleTimeout()}, from the security policy): every window
 * of the workbench is hidden and a lock window asks for the user's password, or offers to change user (which restarts
 * the workbench on the login window). Activity is watched with display filters; the check runs on a display timer;
 * password checks run on a background thread.
 */
public final class SessionLock {

    private static final int CHECK_MILLIS = 5_000;
    /** Widget data key naming widgets for UI tests (same as the other parts). */
    private static final String TEST_ID = "org.caducee.test.id";

    private final Display display;
    private final SessionGuard guard;
    private final Runnable changeUser;
    private volatile Duration timeout;
    private long lastActivity = System.nanoTime();
    private Shell lockShell;
    private final List<Shell> hidden = new ArrayList<>();
    private final Listener activity = e -> lastActivity = System.nanoTime();

    /**
     * @param changeUser what "Changer d’utilisateur" does after the session is closed (restart on the login window)
     */
    public SessionLock(Display display, SessionGuard guard, Duration timeout, Runnable changeUser) {
        this.display = display;
        this.guard = guard;
        this.timeout = timeout;
        this.changeUser = changeUser;
    }

    /** Starts watching; call on the UI thread. */
    public void start() {
        for (int type : new int[] { SWT.KeyDown, SWT.MouseDown, SWT.MouseMove, SWT.MouseWheel }) {
            display.addFilter(type, activity);
        }
        display.timerExec(CHECK_MILLIS, this::check);
    }

    /** The policy may change while the workbench runs. */
    public void timeout(Duration value) {
        timeout = value;
    }

    private void check() {
        if (display.isDisposed()) {
            return;
        }
        Duration t = timeout;
        if (lockShell == null && !t.isZero() && Duration.ofNanos(System.nanoTime() - lastActivity).compareTo(t) >= 0) {
            lock(Messages.get("lock.reasonIdle", t.toMinutes()));
        }
        display.timerExec(CHECK_MILLIS, this::check);
    }

    /** Locks now (also from a menu action). */
    public void lock(String reason) {
        if (lockShell != null && !lockShell.isDisposed()) {
            return;
        }
        ReauthenticationDialog.background(display.getActiveShell() == null ? display.getShells()[0] : display.getActiveShell(), () -> {
            guard.lock(reason);
            return null;
        }, ignored -> { });
        for (Shell s : display.getShells()) {
            if (s.isVisible()) {
                hidden.add(s);
                s.setVisible(false);
            }
        }
        openLockWindow();
    }

    private void openLockWindow() {
        lockShell = new Shell(display, SWT.TITLE | SWT.BORDER | SWT.ON_TOP);
        lockShell.setText(Messages.get("lock.title"));
        GridLayoutFactory.swtDefaults().numColumns(2).margins(16, 16).spacing(10, 8).applyTo(lockShell);
        Label heading = new Label(lockShell, SWT.WRAP);
        heading.setText(Messages.get("lock.heading", guard.user().map(u -> u.displayName() + " (" + u.login() + ")").orElse("?")));
        GridDataFactory.fillDefaults().span(2, 1).hint(380, SWT.DEFAULT).applyTo(heading);
        new Label(lockShell, SWT.NONE).setText(Messages.get("login.password"));
        Text password = new Text(lockShell, SWT.BORDER | SWT.PASSWORD);
        password.setData(TEST_ID, "lock-password");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(password);
        Label message = new Label(lockShell, SWT.WRAP);
        message.setData(TEST_ID, "lock-message");
        GridDataFactory.fillDefaults().span(2, 1).hint(380, SWT.DEFAULT).applyTo(message);
        Button other = new Button(lockShell, SWT.PUSH);
        other.setText(Messages.get("lock.changeUser"));
        Button unlock = new Button(lockShell, SWT.PUSH);
        unlock.setText(Messages.get("lock.unlock"));
        unlock.setData(TEST_ID, "lock-unlock");
        GridDataFactory.swtDefaults().align(SWT.END, SWT.CENTER).applyTo(unlock);
        lockShell.setDefaultButton(unlock);
        Shell shell = lockShell;
        unlock.addListener(SWT.Selection, e -> {
            char[] secret = password.getTextChars();
            unlock.setEnabled(false);
            message.setText(Messages.get("login.checking"));
            ReauthenticationDialog.background(shell, () -> {
                try {
                    return guard.unlock(secret) ? null : Messages.get("login.failed");
                } catch (RuntimeException ex) {
                    return ex.getMessage();
                } finally {
                    Arrays.fill(secret, '\0');
                }
            }, problem -> {
                if (problem == null) {
                    unlocked();
                } else {
                    message.setText(problem);
                    password.setText("");
                    password.setFocus();
                    unlock.setEnabled(true);
                    shell.layout(true);
                }
            });
        });
        other.addListener(SWT.Selection, e -> {
            other.setEnabled(false);
            ReauthenticationDialog.background(shell, () -> {
                guard.logout();
                return null;
            }, ignored -> {
                shell.dispose();
                lockShell = null;
                changeUser.run();
            });
        });
        lockShell.addListener(SWT.Close, e -> e.doit = false);
        lockShell.pack();
        Rectangle screen = display.getPrimaryMonitor().getBounds();
        Rectangle size = lockShell.getBounds();
        lockShell.setLocation(screen.x + (screen.width - size.width) / 2, screen.y + (screen.height - size.height) / 3);
        lockShell.open();
        password.setFocus();
    }

    private void unlocked() {
        if (lockShell != null && !lockShell.isDisposed()) {
            lockShell.dispose();
        }
        lockShell = null;
        for (Shell s : hidden) {
            if (!s.isDisposed()) {
                s.setVisible(true);
            }
        }
        hidden.clear();
        lastActivity = System.nanoTime();
    }

    /** True while the lock window is shown. */
    public boolean isLocked() {
        return lockShell != null && !lockShell.isDisposed();
    }
}
