package org.caducee.sandbox.tests;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.caducee.core.installation.Installation;
import org.caducee.security.AccountService;
import org.caducee.security.Role;
import org.caducee.security.UserAccount;
import org.caducee.testing.InMemoryPatientRepository;
import org.caducee.testing.InMemoryPracticeRepository;

/** In-memory stand-ins for the store and security implementations (developed in other branches). */
final class Fakes {

    private Fakes() {
    }

    record FakeInstallation(Path dataDir, boolean sandbox, Map<String, String> settings) implements Installation {
        @Override
        public Optional<String> setting(String key) {
            return Optional.ofNullable(settings.get(key));
        }
    }

    static final class Patients extends InMemoryPatientRepository {
    }

    static final class Practice extends InMemoryPracticeRepository {
    }

    static final class Accounts implements AccountService {
        final Map<String, UserAccount> accounts = new LinkedHashMap<>();
        final Map<String, String> passwords = new LinkedHashMap<>();

        @Override
        public UserAccount create(String login, String displayName, Set<Role> roles, String rpps, char[] password) {
            if (!passwordProblems(new String(password)).isEmpty()) {
                throw new IllegalArgumentException("mot de passe refusé");
            }
            UserAccount account = new UserAccount(login, displayName, Set.copyOf(roles), rpps, true);
            accounts.put(login, account);
            passwords.put(login, new String(password));
            return account;
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

        /** A reasonable policy: 12 characters, upper and lower case, a digit, a symbol. */
        @Override
        public List<String> passwordProblems(String login, String password) {
            return passwordProblems(password);
        }

        @Override
        public void setActive(String login, boolean active) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void unlock(String login) {
            throw new UnsupportedOperationException();
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
    }
}
