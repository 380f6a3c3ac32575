package org.caducee.security.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.caducee.core.audit.AuditTrail;
import org.caducee.security.AccountLockedException;
import org.caducee.security.AccountService;
import org.caducee.security.AccountStatus;
import org.caducee.security.PasswordPolicySettings;
import org.caducee.security.Role;
import org.caducee.security.UserAccount;
import org.caducee.store.Database;
import org.caducee.store.SchemaReady;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Accounts in table {@code caducee_user}; lock-out state, password history ({@code caducee_password_history}) and the
 * policy ({@code caducee_security_setting}) are in the database, so they hold across workstations. Every life-cycle
 * event is appended to the audit trail with its author; no password or hash ever goes there.
 */
@Component(service = AccountService.class, configurationPid = "org.caducee.security.accounts")
public class AccountServiceImpl implements AccountService {

    /** Audit actions. */
    public static final String LOGIN_SUCCEEDED = "LOGIN_SUCCEEDED";
    public static final String LOGIN_FAILED = "LOGIN_FAILED";
    public static final String LOGIN_REFUSED_LOCKED = "LOGIN_REFUSED_LOCKED";
    public static final String ACCOUNT_LOCKED = "ACCOUNT_LOCKED";
    public static final String ACCOUNT_UNLOCKED = "ACCOUNT_UNLOCKED";
    public static final String ACCOUNT_CREATED = "ACCOUNT_CREATED";
    public static final String ACCOUNT_ACTIVATED = "ACCOUNT_ACTIVATED";
    public static final String ACCOUNT_DEACTIVATED = "ACCOUNT_DEACTIVATED";
    public static final String ACCOUNT_ATTRIBUTES_CHANGED = "ACCOUNT_ATTRIBUTES_CHANGED";
    public static final String ACCOUNT_ROLES_CHANGED = "ACCOUNT_ROLES_CHANGED";
    public static final String PASSWORD_CHANGED = "PASSWORD_CHANGED";
    public static final String PASSWORD_CHANGE_FAILED = "PASSWORD_CHANGE_FAILED";
    public static final String PASSWORD_RESET = "PASSWORD_RESET";
    public static final String POLICY_CHANGED = "SECURITY_POLICY_CHANGED";
    /** Subject of the policy audit entries. */
    public static final String POLICY_SUBJECT = "politique-securite";

    private static final Pattern LOGIN = Pattern.compile("[a-z0-9._-]{3,64}");
    private static final Pattern RPPS = Pattern.compile("\\d{11}");
    private static final int HISTORY_KEPT = 24;
    private static final String COLUMNS = "login, display_name, roles, rpps, active, password_hash, failed_attempts, locked_until,"
            + " password_changed_at, must_change, lockouts, admin_locked";

    private final Database database;
    private final AuditTrail audit;
    private final Argon2PasswordHasher hasher;
    private final Clock clock;
    private final PasswordPolicySettings defaults;

    @Activate
    public AccountServiceImpl(@Reference Database database, @Reference(target = "(module=security)") SchemaReady schema,
            @Reference AuditTrail audit, AccountConfig config) {
        this(database, audit, new Argon2PasswordHasher(config.argon2MemoryKib(), config.argon2Iterations(), config.argon2Parallelism()),
                Clock.systemUTC(), config.maxFailures(), Duration.ofSeconds(config.lockoutSeconds()));
    }

    public AccountServiceImpl(Database database, AuditTrail audit, Argon2PasswordHasher hasher, Clock clock, int maxFailures,
            Duration lockout) {
        this(database, audit, hasher, clock, withLockout(maxFailures, lockout));
    }

    public AccountServiceImpl(Database database, AuditTrail audit, Argon2PasswordHasher hasher, Clock clock, PasswordPolicySettings defaults) {
        this.database = database;
        this.audit = audit;
        this.hasher = hasher;
        this.clock = clock;
        this.defaults = defaults;
    }

    private static PasswordPolicySettings withLockout(int maxFailures, Duration lockout) {
        PasswordPolicySettings d = PasswordPolicySettings.DEFAULTS;
        long seconds = Math.max(1, lockout.toSeconds());
        return new PasswordPolicySettings(d.minLength(), d.privilegedMinLength(), d.minClasses(), d.passphraseLength(), d.expiryDays(),
                d.privilegedExpiryDays(), d.history(), Math.max(1, maxFailures), seconds, Math.max(seconds, d.maxLockoutSeconds()),
                d.sessionLockMinutes());
    }

    // ---------------------------------------------------------------- creation

    @Override
    public UserAccount create(String login, String displayName, Set<Role> roles, String rpps, char[] password) {
        return create(null, login, displayName, roles, rpps, password);
    }

    @Override
    public UserAccount create(String actor, String login, String displayName, Set<Role> roles, String rpps, char[] password) {
        String l = normalise(login);
        if (!LOGIN.matcher(l).matches()) {
            throw new IllegalArgumentException(Messages.get("account.loginInvalid"));
        }
        String name = displayName(displayName);
        checkRoles(roles);
        String r = rpps(rpps);
        checkPolicy(policy(), l, roles, password);
        String phc = hasher.hash(password);
        Instant now = now();
        UserAccount account = new UserAccount(l, name, Set.copyOf(EnumSet.copyOf(roles)), r, true);
        database.inTransaction(c -> {
            if (load(c, l, false) != null) {
                throw new IllegalStateException(Messages.get("account.exists", l));
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO caducee_user (login, display_name, roles, rpps, active,"
                    + " password_hash, failed_attempts, locked_until, created_at, password_changed_at, must_change, lockouts, admin_locked)"
                    + " VALUES (?, ?, ?, ?, ?, ?, 0, NULL, ?, ?, FALSE, 0, FALSE)")) {
                ps.setString(1, l);
                ps.setString(2, account.displayName());
                ps.setString(3, rolesText(account.roles()));
                ps.setString(4, r);
                ps.setBoolean(5, true);
                ps.setString(6, phc);
                ps.setObject(7, odt(now));
                ps.setObject(8, odt(now));
                ps.executeUpdate();
            } catch (SQLException e) {
                if ("23505".equals(e.getSQLState())) {
                    throw new IllegalStateException(Messages.get("account.exists", l), e);
                }
                throw e;
            }
            remember(c, l, phc, now);
            return null;
        });
        audit.record(actor, ACCOUNT_CREATED, l, "nom=« " + account.displayName() + " », rôles=" + rolesText(account.roles())
                + ", rpps=" + (r == null ? "aucun" : r));
        return account;
    }

    // ---------------------------------------------------------------- authentication

    @Override
    public Optional<UserAccount> authenticate(String login, char[] password) {
        String l = normalise(login);
        Row row = LOGIN.matcher(l).matches() ? database.withConnection(c -> load(c, l, false)) : null;
        Instant now = now();
        if (row == null) {
            hasher.dummyVerify(password);
            audit.record(l, LOGIN_FAILED, l, "compte inconnu");
            return Optional.empty();
        }
        if (row.adminLocked) {
            hasher.dummyVerify(password);
            audit.record(l, LOGIN_REFUSED_LOCKED, l, "verrouillé par un administrateur");
            throw new AccountLockedException(l, null, Messages.get("account.adminLocked", l));
        }
        if (row.lockedUntil != null && now.isBefore(row.lockedUntil)) {
            audit.record(l, LOGIN_REFUSED_LOCKED, l, "verrouillé jusqu'à " + row.lockedUntil);
            throw locked(l, row.lockedUntil, now);
        }
        boolean matches = hasher.verify(password, row.passwordHash);
        if (matches && row.account.active()) {
            String rehash = hasher.needsRehash(row.passwordHash) ? hasher.hash(password) : null;
            database.withConnection(c -> {
                try (PreparedStatement ps = c.prepareStatement(rehash == null
                        ? "UPDATE caducee_user SET failed_attempts = 0, locked_until = NULL, lockouts = 0 WHERE login = ?"
                        : "UPDATE caducee_user SET failed_attempts = 0, locked_until = NULL, lockouts = 0, password_hash = ? WHERE login = ?")) {
                    int i = 1;
                    if (rehash != null) {
                        ps.setString(i++, rehash);
                    }
                    ps.setString(i, l);
                    return ps.executeUpdate();
                }
            });
            AccountStatus status = status(row, policy());
            audit.record(l, LOGIN_SUCCEEDED, l, status.passwordChangeRequiredAt(now) ? "changement de mot de passe exigé" : "");
            return Optional.of(row.account);
        }
        if (matches) {
            audit.record(l, LOGIN_FAILED, l, "compte désactivé");
            return Optional.empty();
        }
        PasswordPolicySettings policy = policy();
        Failure failure = database.inTransaction(c -> {
            Row current = load(c, l, true);
            if (current == null) {
                return new Failure(0, null, 0);
            }
            int failures = current.failedAttempts + 1;
            Instant until = null;
            int lockouts = current.lockouts;
            if (failures >= policy.maxFailures()) {
                until = now.plus(lockDuration(policy, lockouts)).truncatedTo(ChronoUnit.MILLIS);
                lockouts++;
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE caducee_user SET failed_attempts = ?, locked_until = ?, lockouts = ? WHERE login = ?")) {
                ps.setInt(1, until == null ? failures : 0);
                if (until == null) {
                    ps.setNull(2, Types.TIMESTAMP_WITH_TIMEZONE);
                } else {
                    ps.setObject(2, odt(until));
                }
                ps.setInt(3, lockouts);
                ps.setString(4, l);
                ps.executeUpdate();
            }
            return new Failure(failures, until, lockouts);
        });
        audit.record(l, LOGIN_FAILED, l, "mot de passe incorrect (échec " + failure.count + "/" + policy.maxFailures() + ")");
        if (failure.lockedUntil != null) {
            audit.record(l, ACCOUNT_LOCKED, l, "verrouillé jusqu'à " + failure.lockedUntil + " après " + policy.maxFailures()
                    + " échecs (verrouillage n° " + failure.lockouts + ")");
            throw locked(l, failure.lockedUntil, now);
        }
        return Optional.empty();
    }

    /** The lock duration after {@code previousLocks} locks since the last successful login: doubles each time, bounded. */
    static Duration lockDuration(PasswordPolicySettings policy, int previousLocks) {
        long seconds = policy.lockoutSeconds();
        for (int i = 0; i < previousLocks && seconds < policy.maxLockoutSeconds(); i++) {
            seconds *= 2;
        }
        return Duration.ofSeconds(Math.min(seconds, Math.max(policy.lockoutSeconds(), policy.maxLockoutSeconds())));
    }

    // ---------------------------------------------------------------- passwords

    @Override
    public void changePassword(String login, char[] newPassword) {
        setPassword(null, normalise(login), newPassword, false, PASSWORD_CHANGED, "");
    }

    @Override
    public void changeOwnPassword(String login, char[] currentPassword, char[] newPassword) {
        String l = normalise(login);
        Row row = database.withConnection(c -> load(c, l, false));
        if (row == null) {
            hasher.dummyVerify(currentPassword);
            throw new IllegalArgumentException(Messages.get("account.unknown", l));
        }
        if (!hasher.verify(currentPassword, row.passwordHash)) {
            audit.record(l, PASSWORD_CHANGE_FAILED, l, "mot de passe actuel incorrect");
            throw new IllegalArgumentException(Messages.get("password.currentWrong"));
        }
        try {
            setPassword(l, l, newPassword, false, PASSWORD_CHANGED, "par l'utilisateur");
        } catch (IllegalArgumentException e) {
            audit.record(l, PASSWORD_CHANGE_FAILED, l, "nouveau mot de passe refusé par la politique");
            throw e;
        }
    }

    @Override
    public void resetPassword(String actor, String login, char[] temporaryPassword) {
        setPassword(actor, normalise(login), temporaryPassword, true, PASSWORD_RESET, "changement exigé à la prochaine connexion");
    }

    private void setPassword(String actor, String l, char[] password, boolean mustChange, String action, String detail) {
        Row row = database.withConnection(c -> load(c, l, false));
        if (row == null) {
            throw new IllegalArgumentException(Messages.get("account.unknown", l));
        }
        PasswordPolicySettings policy = policy();
        checkPolicy(policy, l, row.account.roles(), password);
        if (policy.history() > 0) {
            List<String> previous = database.withConnection(c -> history(c, l, policy.history()));
            for (String old : previous) {
                if (hasher.verify(password, old)) {
                    throw new IllegalArgumentException(Messages.get("password.rejected", Messages.get("password.reused", policy.history())));
                }
            }
        }
        String phc = hasher.hash(password);
        Instant now = now();
        database.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE caducee_user SET password_hash = ?, password_changed_at = ?,"
                    + " failed_attempts = 0, must_change = ? WHERE login = ?")) {
                ps.setString(1, phc);
                ps.setObject(2, odt(now));
                ps.setBoolean(3, mustChange);
                ps.setString(4, l);
                ps.executeUpdate();
            }
            remember(c, l, phc, now);
            return null;
        });
        audit.record(actor, action, l, detail);
    }

    private static void remember(Connection c, String login, String phc, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO caducee_password_history (login, changed_at, password_hash) VALUES (?, ?, ?)")) {
            ps.setString(1, login);
            ps.setObject(2, odt(at));
            ps.setString(3, phc);
            ps.executeUpdate();
        }
        List<Instant> dates = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT changed_at FROM caducee_password_history WHERE login = ? ORDER BY changed_at DESC")) {
            ps.setString(1, login);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    dates.add(rs.getObject(1, OffsetDateTime.class).toInstant());
                }
            }
        }
        if (dates.size() > HISTORY_KEPT) {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM caducee_password_history WHERE login = ? AND changed_at < ?")) {
                ps.setString(1, login);
                ps.setObject(2, odt(dates.get(HISTORY_KEPT - 1)));
                ps.executeUpdate();
            }
        }
    }

    private static List<String> history(Connection c, String login, int max) throws SQLException {
        List<String> hashes = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT password_hash FROM caducee_password_history WHERE login = ? ORDER BY changed_at DESC")) {
            ps.setString(1, login);
            ps.setMaxRows(max);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    hashes.add(rs.getString(1));
                }
            }
        }
        return hashes;
    }

    // ---------------------------------------------------------------- attributes, roles, locks

    @Override
    public UserAccount updateAttributes(String actor, String login, String displayName, String rpps) {
        String l = normalise(login);
        String name = displayName(displayName);
        String r = rpps(rpps);
        Row before = existing(l);
        database.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE caducee_user SET display_name = ?, rpps = ? WHERE login = ?")) {
                ps.setString(1, name);
                ps.setString(2, r);
                ps.setString(3, l);
                return ps.executeUpdate();
            }
        });
        audit.record(actor, ACCOUNT_ATTRIBUTES_CHANGED, l, "nom : « " + before.account.displayName() + " » → « " + name + " » ; rpps : "
                + Objects.toString(before.account.rpps(), "aucun") + " → " + Objects.toString(r, "aucun"));
        return find(l).orElseThrow();
    }

    @Override
    public UserAccount setRoles(String actor, String login, Set<Role> roles) {
        String l = normalise(login);
        checkRoles(roles);
        Row before = existing(l);
        Set<Role> next = Set.copyOf(EnumSet.copyOf(roles));
        if (before.account.has(Role.ADMINISTRATEUR) && !next.contains(Role.ADMINISTRATEUR) && activeAdministrators(l) == 0) {
            throw new IllegalStateException(Messages.get("account.lastAdmin"));
        }
        boolean promoted = !before.account.has(Role.ADMINISTRATEUR) && next.contains(Role.ADMINISTRATEUR);
        database.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(promoted
                    ? "UPDATE caducee_user SET roles = ?, must_change = TRUE WHERE login = ?"
                    : "UPDATE caducee_user SET roles = ? WHERE login = ?")) {
                ps.setString(1, rolesText(next));
                ps.setString(2, l);
                return ps.executeUpdate();
            }
        });
        audit.record(actor, ACCOUNT_ROLES_CHANGED, l, "rôles : " + rolesText(before.account.roles()) + " → " + rolesText(next)
                + (promoted ? " (compte à privilèges : nouveau mot de passe exigé)" : ""));
        return find(l).orElseThrow();
    }

    private int activeAdministrators(String except) {
        return database.withConnection(c -> {
            int n = 0;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT roles FROM caducee_user WHERE active = TRUE AND admin_locked = FALSE AND login <> ?")) {
                ps.setString(1, except);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (("," + rs.getString(1) + ",").contains("," + Role.ADMINISTRATEUR.name() + ",")) {
                            n++;
                        }
                    }
                }
            }
            return n;
        });
    }

    @Override
    public void setActive(String login, boolean active) {
        String l = normalise(login);
        update(l, "UPDATE caducee_user SET active = ? WHERE login = ?", active);
        audit.record(null, active ? ACCOUNT_ACTIVATED : ACCOUNT_DEACTIVATED, l, "");
    }

    @Override
    public void unlock(String login) {
        unlock(null, login);
    }

    @Override
    public void lock(String actor, String login) {
        String l = normalise(login);
        Row row = existing(l);
        if (row.account.has(Role.ADMINISTRATEUR) && activeAdministrators(l) == 0) {
            throw new IllegalStateException(Messages.get("account.lastAdmin"));
        }
        update(l, "UPDATE caducee_user SET admin_locked = ? WHERE login = ?", true);
        audit.record(actor, ACCOUNT_LOCKED, l, "verrouillage administratif");
    }

    @Override
    public void unlock(String actor, String login) {
        String l = normalise(login);
        update(l, "UPDATE caducee_user SET failed_attempts = 0, locked_until = NULL, lockouts = 0, admin_locked = ? WHERE login = ?", false);
        audit.record(actor, ACCOUNT_UNLOCKED, l, "");
    }

    // ---------------------------------------------------------------- queries and policy

    @Override
    public Optional<UserAccount> find(String login) {
        String l = normalise(login);
        return Optional.ofNullable(database.withConnection(c -> load(c, l, false))).map(Row::account);
    }

    @Override
    public List<UserAccount> list() {
        return database.withConnection(c -> {
            List<UserAccount> accounts = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM caducee_user ORDER BY login");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    accounts.add(row(rs).account);
                }
            }
            return accounts;
        });
    }

    @Override
    public Optional<AccountStatus> status(String login) {
        String l = normalise(login);
        Row row = database.withConnection(c -> load(c, l, false));
        return row == null ? Optional.empty() : Optional.of(status(row, policy()));
    }

    private static AccountStatus status(Row row, PasswordPolicySettings policy) {
        int days = row.account.has(Role.ADMINISTRATEUR) ? policy.privilegedExpiryDays() : policy.expiryDays();
        Instant expires = days <= 0 || row.passwordChangedAt == null ? null : row.passwordChangedAt.plus(Duration.ofDays(days));
        return new AccountStatus(row.account, row.failedAttempts, row.lockedUntil, row.adminLocked, row.passwordChangedAt, expires,
                row.mustChange);
    }

    @Override
    public List<String> passwordProblems(String password) {
        return PasswordPolicy.problems(policy(), null, false, password);
    }

    @Override
    public List<String> passwordProblems(String login, String password) {
        String l = login == null ? null : normalise(login);
        Set<Role> roles = l == null ? Set.of() : find(l).map(UserAccount::roles).orElse(Set.of());
        return passwordProblems(l, roles, password);
    }

    @Override
    public List<String> passwordProblems(String login, Set<Role> roles, String password) {
        return PasswordPolicy.problems(policy(), login, roles != null && roles.contains(Role.ADMINISTRATEUR), password);
    }

    @Override
    public PasswordPolicySettings policy() {
        Map<String, String> stored = database.withConnection(c -> {
            Map<String, String> values = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT name, setting_value FROM caducee_security_setting WHERE name LIKE 'policy.%'");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    values.put(rs.getString(1).substring("policy.".length()), rs.getString(2));
                }
            }
            return values;
        });
        PasswordPolicySettings d = defaults;
        try {
            return new PasswordPolicySettings(i(stored, "minLength", d.minLength()), i(stored, "privilegedMinLength", d.privilegedMinLength()),
                    i(stored, "minClasses", d.minClasses()), i(stored, "passphraseLength", d.passphraseLength()),
                    i(stored, "expiryDays", d.expiryDays()), i(stored, "privilegedExpiryDays", d.privilegedExpiryDays()),
                    i(stored, "history", d.history()), i(stored, "maxFailures", d.maxFailures()),
                    Long.parseLong(stored.getOrDefault("lockoutSeconds", Long.toString(d.lockoutSeconds()))),
                    Long.parseLong(stored.getOrDefault("maxLockoutSeconds", Long.toString(d.maxLockoutSeconds()))),
                    i(stored, "sessionLockMinutes", d.sessionLockMinutes()));
        } catch (NumberFormatException e) {
            return d;
        }
    }

    private static int i(Map<String, String> values, String key, int fallback) {
        return Integer.parseInt(values.getOrDefault(key, Integer.toString(fallback)));
    }

    @Override
    public void updatePolicy(String actor, PasswordPolicySettings policy) {
        List<String> problems = policy.problems();
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(Messages.get("policy.rejected", String.join(" ", problems)));
        }
        PasswordPolicySettings before = policy();
        Map<String, String> values = new java.util.LinkedHashMap<>();
        values.put("minLength", Integer.toString(policy.minLength()));
        values.put("privilegedMinLength", Integer.toString(policy.privilegedMinLength()));
        values.put("minClasses", Integer.toString(policy.minClasses()));
        values.put("passphraseLength", Integer.toString(policy.passphraseLength()));
        values.put("expiryDays", Integer.toString(policy.expiryDays()));
        values.put("privilegedExpiryDays", Integer.toString(policy.privilegedExpiryDays()));
        values.put("history", Integer.toString(policy.history()));
        values.put("maxFailures", Integer.toString(policy.maxFailures()));
        values.put("lockoutSeconds", Long.toString(policy.lockoutSeconds()));
        values.put("maxLockoutSeconds", Long.toString(policy.maxLockoutSeconds()));
        values.put("sessionLockMinutes", Integer.toString(policy.sessionLockMinutes()));
        database.inTransaction(c -> {
            try (PreparedStatement del = c.prepareStatement("DELETE FROM caducee_security_setting WHERE name LIKE 'policy.%'");
                    PreparedStatement ins = c.prepareStatement("INSERT INTO caducee_security_setting (name, setting_value) VALUES (?, ?)")) {
                del.executeUpdate();
                for (Map.Entry<String, String> e : values.entrySet()) {
                    ins.setString(1, "policy." + e.getKey());
                    ins.setString(2, e.getValue());
                    ins.addBatch();
                }
                ins.executeBatch();
            }
            return null;
        });
        audit.record(actor, POLICY_CHANGED, POLICY_SUBJECT, before + " → " + policy);
    }

    // ---------------------------------------------------------------- helpers

    private Row existing(String login) {
        Row row = database.withConnection(c -> load(c, login, false));
        if (row == null) {
            throw new IllegalArgumentException(Messages.get("account.unknown", login));
        }
        return row;
    }

    private void update(String login, String sql, Boolean flag) {
        int updated = database.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int i = 1;
                if (flag != null) {
                    ps.setBoolean(i++, flag);
                }
                ps.setString(i, login);
                return ps.executeUpdate();
            }
        });
        if (updated == 0) {
            throw new IllegalArgumentException(Messages.get("account.unknown", login));
        }
    }

    private static String displayName(String displayName) {
        if (displayName == null || displayName.isBlank()) {
            throw new IllegalArgumentException(Messages.get("account.displayName"));
        }
        String name = displayName.strip();
        if (name.length() > 200 || name.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException(Messages.get("account.displayNameInvalid"));
        }
        return name;
    }

    private static void checkRoles(Set<Role> roles) {
        if (roles == null || roles.isEmpty()) {
            throw new IllegalArgumentException(Messages.get("account.noRole"));
        }
    }

    private static String rpps(String rpps) {
        String r = rpps == null || rpps.isBlank() ? null : rpps.strip();
        if (r != null && !RPPS.matcher(r).matches()) {
            throw new IllegalArgumentException(Messages.get("account.rpps"));
        }
        return r;
    }

    private static void checkPolicy(PasswordPolicySettings policy, String login, Set<Role> roles, char[] password) {
        List<String> problems = PasswordPolicy.problems(policy, login, roles != null && roles.contains(Role.ADMINISTRATEUR),
                password == null ? null : new String(password));
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(Messages.get("password.rejected", String.join(" ", problems)));
        }
    }

    private AccountLockedException locked(String login, Instant until, Instant now) {
        long millis = Duration.between(now, until).toMillis();
        long seconds = Math.max(1, (millis + 999) / 1000);
        String time = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.FRENCH).format(until.atZone(ZoneId.systemDefault()));
        return new AccountLockedException(login, until, Messages.get("account.locked", login, time, seconds));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static String normalise(String login) {
        return login == null ? "" : login.strip().toLowerCase(Locale.ROOT);
    }

    private static String rolesText(Set<Role> roles) {
        return roles.stream().map(Role::name).collect(Collectors.toCollection(TreeSet::new)).stream().collect(Collectors.joining(","));
    }

    private static OffsetDateTime odt(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Row load(Connection c, String login, boolean forUpdate) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM caducee_user WHERE login = ?" + (forUpdate ? " FOR UPDATE" : ""))) {
            ps.setString(1, login);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? row(rs) : null;
            }
        }
    }

    private static Row row(ResultSet rs) throws SQLException {
        EnumSet<Role> roles = EnumSet.noneOf(Role.class);
        for (String r : rs.getString(3).split(",")) {
            if (!r.isBlank()) {
                roles.add(Role.valueOf(r.strip()));
            }
        }
        OffsetDateTime locked = rs.getObject(8, OffsetDateTime.class);
        OffsetDateTime changed = rs.getObject(9, OffsetDateTime.class);
        UserAccount account = new UserAccount(rs.getString(1), rs.getString(2), Set.copyOf(roles), rs.getString(4), rs.getBoolean(5));
        return new Row(account, rs.getString(6), rs.getInt(7), locked == null ? null : locked.toInstant(),
                changed == null ? null : changed.toInstant(), rs.getBoolean(10), rs.getInt(11), rs.getBoolean(12));
    }

    private record Failure(int count, Instant lockedUntil, int lockouts) {
    }

    private record Row(UserAccount account, String passwordHash, int failedAttempts, Instant lockedUntil, Instant passwordChangedAt,
            boolean mustChange, int lockouts, boolean adminLocked) {
    }
}
