package org.caducee.security.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.caducee.core.audit.AuditEvent;
import org.caducee.core.audit.AuditQuery;
import org.caducee.core.audit.AuditTrail;
import org.caducee.core.audit.AuditVerification;
import org.caducee.store.Database;
import org.caducee.store.SchemaReady;
import org.caducee.store.StoreException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Append-only, hash-chained audit trail in table {@code caducee_audit}.
 * <p>
 * Each row stores {@code hash = SHA-256(previous hash (32 bytes) || canonical(row))} where the canonical form is the
 * concatenation, for the fields sequence, timestamp (epoch milliseconds), actor, action, subject and detail, of a
 * 4-byte big-endian length followed by the UTF-8 bytes of the field's decimal or text value. The first row's previous
 * hash is 32 zero bytes. Appends are serialised across workstations by locking the single row of
 * {@code caducee_audit_head} (an {@code UPDATE} of it that changes nothing, then a read); a unique constraint on {@code prev_hash} makes a fork
 * impossible even if that lock were bypassed. There is no update or delete API.
 */
@Component(service = AuditTrail.class)
public class JdbcAuditTrail implements AuditTrail {

    public static final String GENESIS = "0".repeat(64);
    private static final HexFormat HEX = HexFormat.of();
    private static final int MAX_RETRIES = 8;

    private final Database database;
    private final Clock clock;

    @Activate
    public JdbcAuditTrail(@Reference Database database, @Reference(target = "(module=security)") SchemaReady schema) {
        this(database, Clock.systemUTC());
    }

    /** An audit trail on {@code database} with its own clock (tests); DS uses the constructor above. */
    public static JdbcAuditTrail create(Database database, Clock clock) {
        return new JdbcAuditTrail(database, clock);
    }

    // not public: Felix SCR inspects every public constructor of the component's arity and logs the others as errors
    private JdbcAuditTrail(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    @Override
    public AuditEvent record(String actor, String action, String subject, String detail) {
        if (action == null || action.isBlank()) {
            throw new IllegalArgumentException("action");
        }
        String a = cut(actor == null ? "system" : actor, 200);
        String act = cut(action, 200);
        String s = cut(subject == null ? "" : subject, 500);
        String d = cut(detail == null ? "" : detail, 4000);
        StoreException last = null;
        for (int attempt = 0; attempt < MAX_RETRIES; attempt++) {
            try {
                return database.inTransaction(c -> append(c, a, act, s, d));
            } catch (StoreException e) {
                if (!transientFailure(e)) {
                    throw e;
                }
                last = e;
                try {
                    Thread.sleep(5L + (long) (Math.random() * 20 * (attempt + 1)));
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
        throw last;
    }

    private AuditEvent append(Connection c, String actor, String action, String subject, String detail) throws SQLException {
        long lastSeq;
        String lastHash;
        // the head row is locked by an update that changes nothing, then read: the same lock as SELECT ... FOR UPDATE,
        // but H2 keeps both statements compiled (it parses and plans a FOR UPDATE query again at every use)
        try (PreparedStatement lock = c.prepareStatement("UPDATE caducee_audit_head SET last_seq = last_seq WHERE id = 1")) {
            lock.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT last_seq, last_hash FROM caducee_audit_head WHERE id = 1");
                ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                throw new SQLException("caducee_audit_head: ligne de tête absente");
            }
            lastSeq = rs.getLong(1);
            lastHash = rs.getString(2).trim();
        }
        long seq = lastSeq + 1;
        Instant at = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String hash = hash(lastHash, seq, at, actor, action, subject, detail);
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO caducee_audit (seq, recorded_at, actor, action, subject, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setLong(1, seq);
            ps.setObject(2, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
            ps.setString(3, actor);
            ps.setString(4, action);
            ps.setString(5, subject);
            ps.setString(6, detail);
            ps.setString(7, lastHash);
            ps.setString(8, hash);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE caducee_audit_head SET last_seq = ?, last_hash = ? WHERE id = 1")) {
            ps.setLong(1, seq);
            ps.setString(2, hash);
            ps.executeUpdate();
        }
        return new AuditEvent(seq, at, actor, action, subject, detail);
    }

    @Override
    public List<AuditEvent> latest(int max) {
        if (max <= 0) {
            return List.of();
        }
        return database.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT seq, recorded_at, actor, action, subject, detail FROM caducee_audit ORDER BY seq DESC")) {
                ps.setMaxRows(max);
                return events(ps);
            }
        });
    }

    @Override
    public List<AuditEvent> forSubject(String subject) {
        return database.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT seq, recorded_at, actor, action, subject, detail FROM caducee_audit WHERE subject = ? ORDER BY seq")) {
                ps.setString(1, subject == null ? "" : subject);
                return events(ps);
            }
        });
    }

    @Override
    public List<AuditEvent> search(AuditQuery query) {
        StringBuilder sql = new StringBuilder("SELECT seq, recorded_at, actor, action, subject, detail FROM caducee_audit WHERE 1 = 1");
        List<Object> values = new java.util.ArrayList<>();
        query.subject().ifPresent(v -> {
            sql.append(" AND subject = ?");
            values.add(v);
        });
        query.actionPrefix().ifPresent(p -> {
            sql.append(" AND action LIKE ? ESCAPE '!'");
            values.add(p.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%");
        });
        query.from().ifPresent(f -> {
            sql.append(" AND recorded_at >= ?");
            values.add(OffsetDateTime.ofInstant(f, ZoneOffset.UTC));
        });
        query.to().ifPresent(t -> {
            sql.append(" AND recorded_at < ?");
            values.add(OffsetDateTime.ofInstant(t, ZoneOffset.UTC));
        });
        sql.append(" ORDER BY seq");
        return database.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                for (int i = 0; i < values.size(); i++) {
                    ps.setObject(i + 1, values.get(i));
                }
                return events(ps);
            }
        });
    }

    @Override
    public AuditVerification verify() {
        return database.inTransaction(c -> {
            long headSeq;
            String headHash;
            try (PreparedStatement ps = c.prepareStatement("SELECT last_seq, last_hash FROM caducee_audit_head WHERE id = 1");
                    ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return new AuditVerification(0, 1, Messages.get("audit.truncated", "?", 0));
                }
                headSeq = rs.getLong(1);
                headHash = rs.getString(2).trim();
            }
            long expected = 1;
            long checked = 0;
            String previous = GENESIS;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT seq, recorded_at, actor, action, subject, detail, prev_hash, hash FROM caducee_audit ORDER BY seq")) {
                ps.setFetchSize(500);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        AuditEvent e = event(rs);
                        String storedPrev = rs.getString(7).trim();
                        String storedHash = rs.getString(8).trim();
                        if (e.sequence() < expected) {
                            return new AuditVerification(checked, e.sequence(), Messages.get("audit.duplicate", e.sequence()));
                        }
                        if (e.sequence() > expected) {
                            return new AuditVerification(checked, expected, Messages.get("audit.gap", expected, e.sequence()));
                        }
                        String recomputed = hash(storedPrev, e.sequence(), e.at(), e.actor(), e.action(), e.subject(), e.detail());
                        if (!MessageDigest.isEqual(recomputed.getBytes(StandardCharsets.US_ASCII),
                                storedHash.getBytes(StandardCharsets.US_ASCII))) {
                            return new AuditVerification(checked, e.sequence(), Messages.get("audit.contentChanged", e.sequence()));
                        }
                        if (!storedPrev.equals(previous)) {
                            return new AuditVerification(checked, e.sequence(), Messages.get("audit.linkBroken", e.sequence()));
                        }
                        previous = storedHash;
                        expected++;
                        checked++;
                    }
                }
            }
            if (headSeq > expected - 1) {
                return new AuditVerification(checked, expected, Messages.get("audit.truncated", headSeq, expected - 1));
            }
            if (headSeq == expected - 1 && !headHash.equals(previous)) {
                return new AuditVerification(checked, headSeq, Messages.get("audit.linkBroken", headSeq));
            }
            return AuditVerification.ok(checked);
        });
    }

    /** The chain hash of one entry, as lower-case hex. Public for tests and external verifiers. */
    public static String hash(String previousHex, long seq, Instant at, String actor, String action, String subject, String detail) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] previous;
        try {
            previous = HEX.parseHex(previousHex);
        } catch (IllegalArgumentException e) {
            previous = previousHex.getBytes(StandardCharsets.UTF_8);
        }
        sha.update(previous);
        field(sha, Long.toString(seq));
        field(sha, Long.toString(at.toEpochMilli()));
        field(sha, actor);
        field(sha, action);
        field(sha, subject);
        field(sha, detail);
        return HEX.formatHex(sha.digest());
    }

    private static void field(MessageDigest sha, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        sha.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
        sha.update(bytes);
    }

    private static List<AuditEvent> events(PreparedStatement ps) throws SQLException {
        List<AuditEvent> events = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                events.add(event(rs));
            }
        }
        return events;
    }

    private static AuditEvent event(ResultSet rs) throws SQLException {
        OffsetDateTime at = rs.getObject(2, OffsetDateTime.class);
        return new AuditEvent(rs.getLong(1), at.toInstant(), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6));
    }

    private static String cut(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max);
    }

    /** Lock timeouts, serialisation failures and deadlocks (SQLSTATE 40xxx, H2 HYT00) or a lost race on the chain. */
    static boolean transientFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                for (SQLException s = sql; s != null; s = s.getNextException()) {
                    String state = s.getSQLState();
                    if (state != null && (state.startsWith("40") || state.equals("HYT00") || state.equals("23505"))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
