package org.caducee.security.internal;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.caducee.core.audit.AuditTrail;
import org.caducee.core.event.CaduceeTopics;
import org.caducee.security.AccountService;
import org.caducee.security.Role;
import org.caducee.security.SessionGuard;
import org.caducee.security.UserAccount;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/** One session per process; state guarded by {@code this}. */
@Component(service = SessionGuard.class)
public class SessionGuardImpl implements SessionGuard {

    public static final String SESSION_OPENED = "SESSION_OPENED";
    public static final String SESSION_CLOSED = "SESSION_CLOSED";
    public static final String SESSION_LOCKED = "SESSION_LOCKED";
    public static final String SESSION_UNLOCKED = "SESSION_UNLOCKED";
    public static final String SESSION_UNLOCK_FAILED = "SESSION_UNLOCK_FAILED";
    public static final String REAUTHENTICATED = "REAUTHENTICATED";
    public static final String REAUTHENTICATION_FAILED = "REAUTHENTICATION_FAILED";

    private final AccountService accounts;
    private final AuditTrail audit;
    private volatile EventAdmin events;
    private UserAccount user;
    private boolean locked;

    @Activate
    public SessionGuardImpl(@Reference AccountService accounts, @Reference AuditTrail audit) {
        this.accounts = accounts;
        this.audit = audit;
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    public void setEvents(EventAdmin events) {
        this.events = events;
    }

    public void unsetEvents(EventAdmin events) {
        if (this.events == events) {
            this.events = null;
        }
    }

    @Override
    public UserAccount login(String login, char[] password) {
        UserAccount account = accounts.authenticate(login, password)
                .orElseThrow(() -> new IllegalArgumentException(Messages.get("session.loginFailed")));
        open(account, "mot de passe");
        return account;
    }

    @Override
    public void open(UserAccount account, String method) {
        UserAccount previous;
        synchronized (this) {
            previous = user;
            user = account;
            locked = false;
        }
        if (previous != null) {
            closed(previous, "changement d'utilisateur");
        }
        audit.record(account.login(), SESSION_OPENED, account.login(), "méthode : " + method);
        post(CaduceeTopics.USER_LOGGED_IN, account.login());
    }

    @Override
    public synchronized Optional<UserAccount> user() {
        return Optional.ofNullable(user);
    }

    @Override
    public void logout() {
        UserAccount previous;
        synchronized (this) {
            previous = user;
            user = null;
            locked = false;
        }
        if (previous != null) {
            closed(previous, "déconnexion");
        }
    }

    private void closed(UserAccount account, String why) {
        audit.record(account.login(), SESSION_CLOSED, account.login(), why);
        post(CaduceeTopics.USER_LOGGED_OUT, account.login());
    }

    @Override
    public void lock(String reason) {
        UserAccount current;
        synchronized (this) {
            current = user;
            if (current == null || locked) {
                return;
            }
            locked = true;
        }
        audit.record(current.login(), SESSION_LOCKED, current.login(), reason == null ? "" : reason);
    }

    @Override
    public synchronized boolean locked() {
        return locked;
    }

    @Override
    public boolean unlock(char[] password) {
        UserAccount current = user().orElse(null);
        if (current == null) {
            return false;
        }
        if (accounts.authenticate(current.login(), password).isEmpty()) {
            audit.record(current.login(), SESSION_UNLOCK_FAILED, current.login(), "");
            return false;
        }
        synchronized (this) {
            locked = false;
        }
        audit.record(current.login(), SESSION_UNLOCKED, current.login(), "");
        return true;
    }

    @Override
    public boolean reauthenticate(String reason, char[] password) {
        UserAccount current = user().orElse(null);
        if (current == null) {
            return false;
        }
        boolean ok = accounts.authenticate(current.login(), password).isPresent();
        audit.record(current.login(), ok ? REAUTHENTICATED : REAUTHENTICATION_FAILED, current.login(), "motif : " + reason);
        return ok;
    }

    @Override
    public UserAccount requireAdministrator(String login, char[] password, String reason) {
        Optional<UserAccount> account = accounts.authenticate(login, password);
        if (account.isEmpty()) {
            audit.record(login, REAUTHENTICATION_FAILED, login == null ? "" : login, "motif : " + reason);
            throw new SecurityException(Messages.get("session.adminFailed"));
        }
        if (!account.get().has(Role.ADMINISTRATEUR)) {
            audit.record(account.get().login(), REAUTHENTICATION_FAILED, account.get().login(), "pas administrateur ; motif : " + reason);
            throw new SecurityException(Messages.get("session.notAdmin", account.get().login()));
        }
        audit.record(account.get().login(), REAUTHENTICATED, account.get().login(), "motif : " + reason);
        return account.get();
    }

    @Override
    public Duration idleTimeout() {
        return Duration.ofMinutes(Math.max(0, accounts.policy().sessionLockMinutes()));
    }

    private void post(String topic, String login) {
        EventAdmin admin = events;
        if (admin != null) {
            admin.postEvent(new Event(topic, Map.of(CaduceeTopics.PROP_USER, login)));
        }
    }
}
