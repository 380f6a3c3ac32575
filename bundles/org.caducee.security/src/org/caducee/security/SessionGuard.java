package org.caducee.security;

import java.time.Duration;
import java.util.Optional;

/**
 * The session of the user working in this process (workbench or command line): login and logout (posting
 * {@code CaduceeTopics.USER_LOGGED_IN / USER_LOGGED_OUT}), lock after inactivity and unlock with the password, and
 * forced re-authentication before sensitive actions (account administration, restore). Every step is audited, never
 * with a secret. Methods may do I/O (database, Argon2): never call them on the UI thread.
 */
public interface SessionGuard {

    /**
     * Opens the session after checking the password with {@link AccountService#authenticate}.
     *
     * @throws AccountLockedException while the account is locked
     * @throws IllegalArgumentException with a French message when the login or password is wrong
     */
    UserAccount login(String login, char[] password);

    /** Opens the session of a user authenticated by another means (e.g. Pro Santé Connect); audited. */
    void open(UserAccount account, String method);

    /** The logged-in user, if any (also while locked). */
    Optional<UserAccount> user();

    /** Closes the session; audited and posted. No effect without a session. */
    void logout();

    /** Locks the session (inactivity or on request): the user must give their password again. Audited. */
    void lock(String reason);

    boolean locked();

    /**
     * Unlocks with the password of the logged-in user.
     *
     * @return false (audited) when the password is wrong
     * @throws AccountLockedException when too many failures locked the account
     */
    boolean unlock(char[] password);

    /**
     * Forced re-authentication of the logged-in user before a sensitive action: checks the password, audits the
     * reason and the outcome.
     *
     * @return false when the password is wrong (or no session)
     * @throws AccountLockedException when too many failures locked the account
     */
    boolean reauthenticate(String reason, char[] password);

    /**
     * Checks that {@code login}/{@code password} belong to an active administrator (re-authentication of an
     * administrator from the command line), audited with the reason.
     *
     * @return the administrator
     * @throws SecurityException with a French message when the credentials are wrong or the account is not an administrator
     * @throws AccountLockedException when the account is locked
     */
    UserAccount requireAdministrator(String login, char[] password, String reason);

    /** Inactivity after which a user interface locks the session (from {@link AccountService#policy()}); zero = never. */
    Duration idleTimeout();
}
