package org.caducee.workbench.internal;

import java.util.concurrent.TimeUnit;

import org.caducee.core.installation.Installation;
import java.time.Duration;

import org.caducee.security.AccountService;
import org.caducee.security.PasswordPolicySettings;
import org.caducee.security.SessionGuard;
import org.caducee.workbench.internal.security.SessionLock;
import org.eclipse.e4.ui.workbench.IWorkbench;
import org.caducee.security.UserAccount;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.e4.ui.workbench.lifecycle.PostContextCreate;
import org.eclipse.swt.widgets.Display;

/**
 * Application life cycle: the user logs in before the main window opens. In sandbox mode only, the system
 * property {@code caducee.autologin=<login>} opens the session of that demo account without a password
 * (used by demos and UI tests).
 */
public class LifeCycle {

    /** System property naming a demo account to open without password, honoured in sandbox mode only. */
    public static final String AUTOLOGIN = "caducee.autologin";

    @PostContextCreate
    void login(IEclipseContext context) {
        Display display = Display.getDefault();
        LoginDialog dialog = new LoginDialog(display, this::services, System.getProperty(AUTOLOGIN));
        UserAccount user = dialog.open();
        if (user == null) {
            // The user chose to quit at the login screen: no window is ever shown.
            System.exit(0);
        }
        context.set(UserAccount.class, user);
        SessionGuard guard = dialog.guard();
        SessionLock lock = new SessionLock(display, guard, Duration.ofMinutes(PasswordPolicySettings.DEFAULTS.sessionLockMinutes()), () -> {
            IWorkbench workbench = context.get(IWorkbench.class);
            if (workbench != null) {
                workbench.restart();
            }
        });
        context.set(SessionLock.class, lock);
        lock.start();
        Thread policy = new Thread(() -> {
            try {
                Duration timeout = guard.idleTimeout();
                display.asyncExec(() -> lock.timeout(timeout));
            } catch (RuntimeException e) {
                // the default applies
            }
        }, "caducee-politique-session");
        policy.setDaemon(true);
        policy.start();
    }

    /** Looks the services up, waiting for the database to open; called off the UI thread. */
    LoginDialog.Services services() throws InterruptedException {
        Installation installation = ServiceWaiter.await(Installation.class, 60, TimeUnit.SECONDS);
        AccountService accounts = ServiceWaiter.await(AccountService.class, 60, TimeUnit.SECONDS);
        SessionGuard guard = ServiceWaiter.await(SessionGuard.class, 60, TimeUnit.SECONDS);
        return new LoginDialog.Services(installation, accounts, guard);
    }
}
