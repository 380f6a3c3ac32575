package org.caducee.security;

import java.util.List;
import java.util.Optional;

/** Local user accounts; passwords are hashed with Argon2id and never stored or logged in clear. */
public interface AccountService {

    /**
     * Creates an account; the password must satisfy {@link #passwordProblems(String, String)}.
     *
     * @throws IllegalArgumentException with a French message when the login, roles, RPPS or password are not acceptable
     * @throws IllegalStateException when the login is taken
     */
    UserAccount create(String login, String displayName, java.util.Set<Role> roles, String rpps, char[] password);

    /**
     * The account when login and password match an active account; every attempt is audited (never the password).
     * After {@code 5} consecutive failures the account is locked for a short time (1 minute by default).
     *
     * @throws AccountLockedException while the account is locked, and on the failure that locks it; its message says
     *         until when, in French
     */
    Optional<UserAccount> authenticate(String login, char[] password);

    /** @throws IllegalArgumentException with the policy's French messages when the password is too weak */
    void changePassword(String login, char[] newPassword);

    Optional<UserAccount> find(String login);

    List<UserAccount> list();

    /** French messages describing why a password is too weak; empty when it is acceptable. */
    List<String> passwordProblems(String password);

    /** As {@link #passwordProblems(String)}, also refusing a password that contains the login. */
    List<String> passwordProblems(String login, String password);

    /** Activates or deactivates an account (a deactivated account cannot log in); audited. */
    void setActive(String login, boolean active);

    /** Lifts a temporary lockout and resets the failure counter; audited. */
    void unlock(String login);
    // ---- administration with the acting user (every change audited with who, when, what; never a secret) ----
    // Default methods keep older implementations (test fakes) compiling; the real service implements them all.

    /** As {@link #create(String, String, java.util.Set, String, char[])}, audited with {@code actor} as author. */
    default UserAccount create(String actor, String login, String displayName, java.util.Set<Role> roles, String rpps, char[] password) {
        return create(login, displayName, roles, rpps, password);
    }

    /** Changes the display name and RPPS of an account; audited with the old and new values. */
    default UserAccount updateAttributes(String actor, String login, String displayName, String rpps) {
        throw new UnsupportedOperationException("updateAttributes");
    }

    /** Replaces the roles of an account; audited with the old and new roles. Refuses to remove the last active administrator. */
    default UserAccount setRoles(String actor, String login, java.util.Set<Role> roles) {
        throw new UnsupportedOperationException("setRoles");
    }

    /**
     * The user changes their own password: the current one is checked, the new one must follow the policy and differ
     * from the previous ones ({@link PasswordPolicySettings#history()}).
     *
     * @throws IllegalArgumentException with a French message when the current password is wrong or the new one refused
     */
    default void changeOwnPassword(String login, char[] currentPassword, char[] newPassword) {
        throw new UnsupportedOperationException("changeOwnPassword");
    }

    /** An administrator sets a temporary password; the user must change it at the next login. Audited. */
    default void resetPassword(String actor, String login, char[] temporaryPassword) {
        throw new UnsupportedOperationException("resetPassword");
    }

    /** Administrative lock: the account cannot log in until {@link #unlock(String, String)}. Audited. */
    default void lock(String actor, String login) {
        setActive(login, false);
    }

    /** Lifts an administrative or temporary lock and resets the failure counters. Audited. */
    default void unlock(String actor, String login) {
        unlock(login);
    }

    /** Security state of an account (locks, password age), without any secret. */
    default java.util.Optional<AccountStatus> status(String login) {
        return find(login).map(a -> new AccountStatus(a, 0, null, false, null, null, false));
    }

    /** The password and session policy in force. */
    default PasswordPolicySettings policy() {
        return PasswordPolicySettings.DEFAULTS;
    }

    /**
     * Replaces the policy; audited with the old and new values.
     *
     * @throws IllegalArgumentException with French messages when a value is out of bounds
     */
    default void updatePolicy(String actor, PasswordPolicySettings policy) {
        throw new UnsupportedOperationException("updatePolicy");
    }

    /** French messages describing why {@code password} is refused for this account under the policy; empty when acceptable. */
    default List<String> passwordProblems(String login, java.util.Set<Role> roles, String password) {
        return passwordProblems(login, password);
    }
}
