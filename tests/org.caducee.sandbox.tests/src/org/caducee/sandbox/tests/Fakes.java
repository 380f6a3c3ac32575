package org.caducee.sandbox.tests;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.caducee.core.installation.Installation;
import org.caducee.core.patient.Patient;
import org.caducee.core.patient.PatientQuery;
import org.caducee.core.patient.PatientRepository;
import org.caducee.core.practice.PracticeRepository;
import org.caducee.core.practice.Practitioner;
import org.caducee.core.practice.Structure;
import org.caducee.core.text.Names;
import org.caducee.security.AccountService;
import org.caducee.security.Role;
import org.caducee.security.UserAccount;

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

    static final class Patients implements PatientRepository {
        final Map<UUID, Patient> byId = new LinkedHashMap<>();

        @Override
        public synchronized Patient save(Patient patient) {
            Patient stored = new Patient(patient.id(), patient.identity(), patient.address(), patient.contact(),
                    patient.treatingDoctorRpps(), patient.version() + 1);
            byId.put(stored.id(), stored);
            return stored;
        }

        @Override
        public synchronized Optional<Patient> find(UUID id) {
            return Optional.ofNullable(byId.get(id));
        }

        @Override
        public synchronized List<Patient> search(PatientQuery query) {
            List<Patient> out = new ArrayList<>();
            for (Patient p : byId.values()) {
                var id = p.identity();
                if (query.insNumber() != null && (id.ins() == null || !id.ins().number().equals(query.insNumber()))) {
                    continue;
                }
                if (query.birthDate() != null && !query.birthDate().equals(id.traits().birthDate())) {
                    continue;
                }
                List<String> keys = new ArrayList<>();
                keys.add(Names.searchKey(id.traits().birthName()));
                if (id.usedName() != null) {
                    keys.add(Names.searchKey(id.usedName()));
                }
                id.traits().birthFirstNames().forEach(f -> keys.add(Names.searchKey(f)));
                if (query.namePrefixes().stream().allMatch(prefix -> keys.stream().anyMatch(k -> k.startsWith(prefix)))) {
                    out.add(p);
                }
            }
            out.sort(Comparator.comparing((Patient p) -> p.identity().traits().birthName())
                    .thenComparing(p -> p.identity().traits().firstBirthFirstName()));
            return out.stream().limit(query.limit()).toList();
        }

        @Override
        public synchronized List<Patient> findByIns(String insNumber) {
            return byId.values().stream().filter(p -> p.identity().ins() != null && p.identity().ins().number().equals(insNumber)).toList();
        }

        @Override
        public synchronized long count() {
            return byId.size();
        }
    }

    static final class Practice implements PracticeRepository {
        final Map<String, Practitioner> practitioners = new LinkedHashMap<>();
        final Map<String, Structure> structures = new LinkedHashMap<>();

        @Override
        public Practitioner save(Practitioner practitioner) {
            practitioners.put(practitioner.rpps(), practitioner);
            return practitioner;
        }

        @Override
        public Optional<Practitioner> findPractitioner(String rpps) {
            return Optional.ofNullable(practitioners.get(rpps));
        }

        @Override
        public List<Practitioner> practitioners() {
            return List.copyOf(practitioners.values());
        }

        @Override
        public Structure save(Structure structure) {
            structures.put(structure.id(), structure);
            return structure;
        }

        @Override
        public Optional<Structure> findStructure(String id) {
            return Optional.ofNullable(structures.get(id));
        }

        @Override
        public List<Structure> structures() {
            return List.copyOf(structures.values());
        }
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
