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
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.caducee.core.audit.AuditTrail;
import org.caducee.security.AccountLockedException;
import org.caducee.security.AccountService;
import org.caducee.security.Role;
import org.caducee.security.UserAccount;
import org.caducee.store.Database;
import org.caducee.store.SchemaReady;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Accounts in table {@code caducee_user}; lockout state is in the database, so it holds across workstations. */
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
    public static final String PASSWORD_CHANGED = "PASSWORD_CHANGED";

    private static final Pattern LOGIN = Pattern.compile("[a-z0-9._-]{3,64}");
    private static final Pattern RPPS = Pattern.compile("\\d{11}");
    private static final String COLUMNS = "login, display_name, roles, rpps, active, password_hash, failed_attempts, locked_until";

    private final Database database;
    private final AuditTrail audit;
    private final Argon2PasswordHasher hasher;
    private final Clock clock;
    private final int maxFailures;
    private final Duration lockout;

    @Activate
    public AccountServiceImpl(@Reference Database database, @Reference(target = "(module=security)") SchemaReady schema,
            @Reference AuditTrail audit, AccountConfig config) {
        this(database, audit, new Argon2PasswordHasher(config.argon2MemoryKib(), config.argon2Iterations(), config.argon2Parallelism()),
                Clock.systemUTC(), config.maxFailures(), Duration.ofSeconds(config.lockoutSeconds()));
    }

    public AccountServiceImpl(Database database, AuditTrail audit, Argon2PasswordHasher hasher, Clock clock, int maxFailures,
            Duration lockout) {
        this.database = database;
        this.audit = audit;
        this.hasher = hasher;
        this.clock = clock;
        this.maxFailures = Math.max(1, maxFailures);
        this.lockout = lockout;
    }

    @Override
    public UserAccount create(String login, String displayName, Set<Role> roles, String rpps, char[] password) {
        String l = normalise(login);
        if (!LOGIN.matcher(l).matches()) {
            throw new IllegalArgumentException(Messages.get("account.loginInvalid"));
        }
        if (displayName == null || displayName.isBlank()) {
            throw new IllegalArgumentException(Messages.get("account.displayName"));
        }
        if (roles == null || roles.isEmpty()) {
            throw new IllegalArgumentException(Messages.get("account.noRole"));
        }
        String r = rpps == null || rpps.isBlank() ? null : rpps.strip();
        if (r != null && !RPPS.matcher(r).matches()) {
            throw new IllegalArgumentException(Messages.get("account.rpps"));
        }
        checkPolicy(l, password);
        String phc = hasher.hash(password);
        Instant now = now();
        UserAccount account = new UserAccount(l, displayName.strip(), Set.copyOf(EnumSet.copyOf(roles)), r, true);
        database.inTransaction(c -> {
            if (load(c, l, false) != null) {
                throw new IllegalStateException(Messages.get("account.exists", l));
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO caducee_user (login, display_name, roles, rpps, active,"
                    + " password_hash, failed_attempts, locked_until, created_at, password_changed_at) VALUES (?, ?, ?, ?, ?, ?, 0, NULL, ?, ?)")) {
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
            return null;
        });
        audit.record(null, ACCOUNT_CREATED, l, "rôles=" + rolesText(account.roles()));
        return account;
    }

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
        if (row.lockedUntil != null && now.isBefore(row.lockedUntil)) {
            audit.record(l, LOGIN_REFUSED_LOCKED, l, "verrouillé jusqu'à " + row.lockedUntil);
            throw locked(l, row.lockedUntil, now);
        }
        boolean matches = hasher.verify(password, row.passwordHash);
        if (matches && row.account.active()) {
            String rehash = hasher.needsRehash(row.passwordHash) ? hasher.hash(password) : null;
            database.withConnection(c -> {
                try (PreparedStatement ps = c.prepareStatement(rehash == null
                        ? "UPDATE caducee_user SET failed_attempts = 0, locked_until = NULL WHERE login = ?"
                        : "UPDATE caducee_user SET failed_attempts = 0, locked_until = NULL, password_hash = ? WHERE login = ?")) {
                    int i = 1;
                    if (rehash != null) {
                        ps.setString(i++, rehash);
                    }
                    ps.setString(i, l);
                    return ps.executeUpdate();
                }
            });
            audit.record(l, LOGIN_SUCCEEDED, l, "");
            return Optional.of(row.account);
        }
        if (matches) {
            audit.record(l, LOGIN_FAILED, l, "compte désactivé");
            return Optional.empty();
        }
        Failure failure = database.inTransaction(c -> {
            Row current = load(c, l, true);
            if (current == null) {
                return new Failure(0, null);
            }
            int failures = current.failedAttempts + 1;
            Instant until = failures >= maxFailures ? now.plus(lockout).truncatedTo(ChronoUnit.MILLIS) : null;
            try (PreparedStatement ps = c.prepareStatement("UPDATE caducee_user SET failed_attempts = ?, locked_until = ? WHERE login = ?")) {
                ps.setInt(1, until == null ? failures : 0);
                if (until == null) {
                    ps.setNull(2, Types.TIMESTAMP_WITH_TIMEZONE);
                } else {
                    ps.setObject(2, odt(until));
                }
                ps.setString(3, l);
                ps.executeUpdate();
            }
            return new Failure(failures, until);
        });
        audit.record(l, LOGIN_FAILED, l, "mot de passe incorrect (échec " + failure.count + "/" + maxFailures + ")");
        if (failure.lockedUntil != null) {
            audit.record(l, ACCOUNT_LOCKED, l, "verrouillé jusqu'à " + failure.lockedUntil + " après " + maxFailures + " échecs");
            throw locked(l, failure.lockedUntil, now);
        }
        return Optional.empty();
    }

    @Override
    public void changePassword(String login, char[] newPassword) {
        String l = normalise(login);
        checkPolicy(l, newPassword);
        String phc = hasher.hash(newPassword);
        int updated = database.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE caducee_user SET password_hash = ?, password_changed_at = ?, failed_attempts = 0 WHERE login = ?")) {
                ps.setString(1, phc);
                ps.setObject(2, odt(now()));
                ps.setString(3, l);
                return ps.executeUpdate();
            }
        });
        if (updated == 0) {
            throw new IllegalArgumentException(Messages.get("account.unknown", l));
        }
        audit.record(null, PASSWORD_CHANGED, l, "");
    }

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
    public List<String> passwordProblems(String password) {
        return PasswordPolicy.problems(null, password);
    }

    @Override
    public List<String> passwordProblems(String login, String password) {
        return PasswordPolicy.problems(login, password);
    }

    @Override
    public void setActive(String login, boolean active) {
        String l = normalise(login);
        update(l, "UPDATE caducee_user SET active = ? WHERE login = ?", active);
        audit.record(null, active ? ACCOUNT_ACTIVATED : ACCOUNT_DEACTIVATED, l, "");
    }

    @Override
    public void unlock(String login) {
        String l = normalise(login);
        update(l, "UPDATE caducee_user SET failed_attempts = 0, locked_until = NULL WHERE login = ?", null);
        audit.record(null, ACCOUNT_UNLOCKED, l, "");
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

    private void checkPolicy(String login, char[] password) {
        List<String> problems = PasswordPolicy.problems(login, password == null ? null : new String(password));
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
        UserAccount account = new UserAccount(rs.getString(1), rs.getString(2), Set.copyOf(roles), rs.getString(4), rs.getBoolean(5));
        return new Row(account, rs.getString(6), rs.getInt(7), locked == null ? null : locked.toInstant());
    }

    private record Failure(int count, Instant lockedUntil) {
    }

    private record Row(UserAccount account, String passwordHash, int failedAttempts, Instant lockedUntil) {
    }
}
