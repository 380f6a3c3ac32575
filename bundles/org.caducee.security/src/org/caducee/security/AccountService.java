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
}
