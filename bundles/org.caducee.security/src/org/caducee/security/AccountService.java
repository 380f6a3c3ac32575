package org.caducee.security;

import java.util.List;
import java.util.Optional;

/** Local user accounts; passwords are hashed with Argon2id and never stored or logged in clear. */
public interface AccountService {

    /** Creates an account; the password must satisfy {@link #passwordProblems(String)}. */
    UserAccount create(String login, String displayName, java.util.Set<Role> roles, String rpps, char[] password);

    /** The account when login and password match an active account; every attempt is audited. */
    Optional<UserAccount> authenticate(String login, char[] password);

    void changePassword(String login, char[] newPassword);

    Optional<UserAccount> find(String login);

    List<UserAccount> list();

    /** French messages describing why a password is too weak; empty when it is acceptable. */
    List<String> passwordProblems(String password);
}
