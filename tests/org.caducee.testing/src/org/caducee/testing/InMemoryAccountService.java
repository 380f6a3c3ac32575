package org.caducee.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.caducee.security.AccountService;
import org.caducee.security.AccountStatus;
import org.caducee.security.PasswordPolicySettings;
import org.caducee.security.Role;
import org.caducee.security.UserAccount;

/**
 * Accounts in memory for tests of bundles that use {@link AccountService} (the real service is tested in the security
 * bundle). Passwords are kept in clear text; the policy asks for 12 characters, both cases, a digit and a symbol.
 * Administration operations that tests do not need throw {@link UnsupportedOperationException}.
 */
public class InMemoryAccountService implements AccountService {

    public final Map<String, UserAccount> accounts = new LinkedHashMap<>();
    public final Map<String, String> passwords = new LinkedHashMap<>();

    @Override
    public UserAccount create(String login, String displayName, Set<Role> roles, String rpps, char[] password) {
        if (accounts.containsKey(login)) {
            throw new IllegalStateException("identifiant déjà pris : " + login);
        }
        if (!passwordProblems(new String(password)).isEmpty()) {
            throw new IllegalArgumentException("mot de passe refusé");
        }
        UserAccount account = new UserAccount(login, displayName, Set.copyOf(roles), rpps, true);
        accounts.put(login, account);
        passwords.put(login, new String(password));
        return account;
    }

    @Override
    public UserAccount create(String actor, String login, String displayName, Set<Role> roles, String rpps, char[] password) {
        return create(login, displayName, roles, rpps, password);
    }

    @Override
    public Optional<UserAccount> authenticate(String login, char[] password) {
        return new String(password).equals(passwords.get(login)) ? Optional.ofNullable(accounts.get(login)) : Optional.empty();
    }

    @Override
    public void changePassword(String login, char[] newPassword) {
        passwords.put(login, new String(newPassword));
    }

    @Override
    public Optional<UserAccount> find(String login) {
        return Optional.ofNullable(accounts.get(login));
    }

    @Override
    public List<UserAccount> list() {
        return List.copyOf(accounts.values());
    }

    @Override
    public List<String> passwordProblems(String password) {
        List<String> problems = new ArrayList<>();
        if (password.length() < 12) {
            problems.add("12 caractères au moins");
        }
        if (password.chars().noneMatch(Character::isUpperCase) || password.chars().noneMatch(Character::isLowerCase)) {
            problems.add("majuscules et minuscules");
        }
        if (password.chars().noneMatch(Character::isDigit)) {
            problems.add("un chiffre");
        }
        if (password.chars().allMatch(Character::isLetterOrDigit)) {
            problems.add("un caractère spécial");
        }
        return problems;
    }

    @Override
    public List<String> passwordProblems(String login, String password) {
        return passwordProblems(password);
    }

    @Override
    public List<String> passwordProblems(String login, Set<Role> roles, String password) {
        return passwordProblems(password);
    }

    @Override
    public void setActive(String login, boolean active) {
        accounts.computeIfPresent(login, (k, a) -> new UserAccount(a.login(), a.displayName(), a.roles(), a.rpps(), active));
    }

    @Override
    public void unlock(String login) {
    }

    @Override
    public void unlock(String actor, String login) {
    }

    @Override
    public void lock(String actor, String login) {
        setActive(login, false);
    }

    @Override
    public UserAccount updateAttributes(String actor, String login, String displayName, String rpps) {
        throw new UnsupportedOperationException();
    }

    @Override
    public UserAccount setRoles(String actor, String login, Set<Role> roles) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void changeOwnPassword(String login, char[] currentPassword, char[] newPassword) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void resetPassword(String actor, String login, char[] temporaryPassword) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<AccountStatus> status(String login) {
        return Optional.empty();
    }

    @Override
    public PasswordPolicySettings policy() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void updatePolicy(String actor, PasswordPolicySettings policy) {
        throw new UnsupportedOperationException();
    }
}
