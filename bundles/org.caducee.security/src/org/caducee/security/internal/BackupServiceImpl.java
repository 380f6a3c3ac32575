package org.caducee.security.internal;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.caducee.core.audit.AuditEvent;
import org.caducee.core.audit.AuditTrail;
import org.caducee.security.backup.BackupException;
import org.caducee.security.backup.BackupException.Reason;
import org.caducee.security.backup.BackupReport;
import org.caducee.security.backup.BackupService;
import org.caducee.store.Database;
import org.caducee.store.Dialect;
import org.caducee.store.SchemaReady;
import org.caducee.store.StoreException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Encrypted backups ({@link BackupArchive}) of a portable JDBC export ({@link TableDump}). The plaintext inside the
 * archive is: {@code "base"} (UTF) + the dump in frames, {@code "manifeste"} + a properties file in frames,
 * {@code ""}; a frame is a length (int) and bytes, a zero length ends a part. Nothing is ever written in clear to disk.
 */
@Component(service = BackupService.class)
public class BackupServiceImpl implements BackupService {

    public static final String BACKUP_CREATED = "BACKUP_CREATED";
    public static final String BACKUP_FAILED = "BACKUP_FAILED";
    public static final String BACKUP_RESTORED = "BACKUP_RESTORED";
    public static final String RESTORE_REFUSED = "BACKUP_RESTORE_REFUSED";
    /** Subject of the backup audit entries. */
    public static final String SUBJECT = "base-de-donnees";

    private static final HexFormat HEX = HexFormat.of();

    private final Database database;
    private final AuditTrail audit;
    private final Clock clock;
    private final BackupArchive.Cost cost;

    @Activate
    public BackupServiceImpl(@Reference Database database, @Reference(target = "(module=security)") SchemaReady schema,
            @Reference AuditTrail audit) {
        this(database, audit, Clock.systemUTC(), BackupArchive.Cost.DEFAULT);
    }

    /** For tests: a cheaper key derivation. */
    public BackupServiceImpl(Database database, AuditTrail audit, Clock clock, int argon2MemoryKib, int argon2Iterations) {
        this(database, audit, clock, new BackupArchive.Cost(argon2MemoryKib, argon2Iterations, 1));
    }

    private BackupServiceImpl(Database database, AuditTrail audit, Clock clock, BackupArchive.Cost cost) {
        this.database = database;
        this.audit = audit;
        this.clock = clock;
        this.cost = cost;
    }

    // ------------------------------------------------------------------ backup

    @Override
    public BackupReport backup(Path file, char[] passphrase, String actor) {
        if (passphrase == null || passphrase.length < MIN_PASSPHRASE_LENGTH) {
            throw new BackupException(Reason.FAILED, Messages.get("backup.passphraseShort", MIN_PASSPHRASE_LENGTH));
        }
        Path target = file.toAbsolutePath().normalize();
        Path partial = target.resolveSibling(target.getFileName() + ".partiel");
        Instant createdAt = clock.instant();
        try {
            if (target.getParent() != null) {
                Files.createDirectories(target.getParent());
            }
            Files.deleteIfExists(partial);
            Files.createFile(partial);
            try {
                Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the folder's rights apply
            }
            BackupReport report;
            try (OutputStream raw = Files.newOutputStream(partial);
                    DataOutputStream payload = new DataOutputStream(new BufferedOutputStream(
                            BackupArchive.encrypt(new BufferedOutputStream(raw), passphrase, cost), 1 << 16))) {
                MessageDigest sha = sha256();
                payload.writeUTF("base");
                Framed framed = new Framed(payload);
                DataOutputStream dump = new DataOutputStream(new BufferedOutputStream(new DigestOutputStream(framed, sha), 1 << 16));
                Map<String, Long> rows = database.withConnection(c -> snapshot(c, dump));
                dump.flush();
                framed.finish();
                String hash = HEX.formatHex(sha.digest());
                Properties manifest = new Properties();
                manifest.setProperty("format", "1");
                manifest.setProperty("application", "Caducée");
                manifest.setProperty("created", createdAt.toString());
                manifest.setProperty("dialect", database.dialect().name());
                manifest.setProperty("part.base.sha256", hash);
                manifest.setProperty("part.base.bytes", Long.toString(framed.count));
                rows.forEach((t, n) -> manifest.setProperty("rows." + t, Long.toString(n)));
                ByteArrayOutputStream text = new ByteArrayOutputStream();
                manifest.store(new java.io.OutputStreamWriter(text, StandardCharsets.UTF_8), "Sauvegarde Caducée");
                payload.writeUTF("manifeste");
                Framed m = new Framed(payload);
                m.write(text.toByteArray());
                m.finish();
                payload.writeUTF("");
                report = new BackupReport(target, createdAt, database.dialect().name(), Map.copyOf(rows), framed.count, hash);
            }
            move(partial, target);
            audit.record(actor, BACKUP_CREATED, SUBJECT, "fichier " + target + ", " + report.rows() + " lignes, sha256 " + report.sha256());
            return report;
        } catch (IOException | UncheckedIOException | StoreException e) {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException ignored) {
                // best effort
            }
            audit.record(actor, BACKUP_FAILED, SUBJECT, "fichier " + target + " : " + e.getMessage());
            throw new BackupException(Reason.FAILED, Messages.get("backup.failed", target, e.getMessage()), e);
        }
    }

    /** Exports in one read-only transaction that sees a single snapshot of every table. */
    private Map<String, Long> snapshot(Connection c, DataOutputStream dump) throws SQLException {
        int isolation = c.getTransactionIsolation();
        c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        c.setAutoCommit(false);
        try {
            Map<String, Long> rows = TableDump.export(c, database.dialect().name(), dump);
            c.commit();
            return rows;
        } catch (IOException e) {
            c.rollback();
            throw new UncheckedIOException(e);
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
            c.setTransactionIsolation(isolation);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    // ------------------------------------------------------------------ verify and restore

    @Override
    public BackupReport verify(Path file, char[] passphrase) {
        Path source = existing(file);
        TableDump.Survey survey = new TableDump.Survey();
        return read(source, passphrase, survey, survey);
    }

    @Override
    public BackupReport restore(Path file, char[] passphrase, String actor) {
        Path source = existing(file);
        BackupReport report;
        TableDump.Survey survey = new TableDump.Survey();
        try {
            report = read(source, passphrase, survey, survey);
            compatible(survey);
        } catch (BackupException e) {
            audit.record(actor, RESTORE_REFUSED, SUBJECT, "fichier " + source + " : " + e.reason());
            throw e;
        }
        List<AuditEvent> head = audit.latest(1);
        String before = head.isEmpty() ? "vide" : head.get(0).sequence() + " entrées";
        // entries recorded since the backup would vanish with the restore: they are appended again afterwards
        long archived = survey.auditHead;
        List<AuditEvent> newer = head.isEmpty() || head.get(0).sequence() <= archived ? List.of()
                : audit.latest((int) Math.min(Integer.MAX_VALUE, head.get(0).sequence() - Math.max(0, archived))).reversed();
        try {
            database.inTransaction(c -> {
                Map<String, String> tables = TableDump.tables(c);
                TableDump.Loader loader = new TableDump.Loader(c, tables);
                loader.clear();
                read(c, source, passphrase, loader);
                return null;
            });
            database.withConnection(c -> {
                TableDump.resetIdentities(c, TableDump.tables(c), database.dialect() == Dialect.POSTGRESQL);
                return null;
            });
        } catch (StoreException | UncheckedIOException e) {
            audit.record(actor, RESTORE_REFUSED, SUBJECT, "fichier " + source + " : " + e.getMessage());
            throw new BackupException(Reason.FAILED, Messages.get("backup.restoreFailed", source, e.getMessage()), e);
        }
        for (AuditEvent e : newer) {
            audit.record(e.actor(), e.action(), e.subject(), "[entrée n° " + e.sequence() + " du " + e.at() + ", reprise après restauration] "
                    + e.detail());
        }
        audit.record(actor, BACKUP_RESTORED, SUBJECT, "fichier " + source + " du " + report.createdAt() + ", " + report.rows()
                + " lignes ; journal avant restauration : " + before + (newer.isEmpty() ? "" : ", dont " + newer.size()
                + " entrée(s) postérieure(s) à la sauvegarde reprise(s) ci-dessus"));
        return report;
    }

    private void read(Connection c, Path source, char[] passphrase, TableDump.Loader loader) {
        read(source, passphrase, loader, null);
    }

    private static Path existing(Path file) {
        Path source = file.toAbsolutePath().normalize();
        if (!Files.isRegularFile(source)) {
            throw new BackupException(Reason.FAILED, Messages.get("backup.missing", source));
        }
        return source;
    }

    /** The archive's tables and schema versions must be those of the current database. */
    private void compatible(TableDump.Survey survey) {
        database.withConnection(c -> {
            Map<String, String> tables = TableDump.tables(c);
            Set<String> current = TableDump.history(c, tables);
            if (!current.equals(survey.history)) {
                Set<String> missing = new TreeSet<>(current);
                missing.removeAll(survey.history);
                Set<String> extra = new TreeSet<>(survey.history);
                extra.removeAll(current);
                throw new BackupException(Reason.INCOMPATIBLE, Messages.get("backup.schema", String.join(", ", missing).isEmpty() ? "-" : String.join(", ", missing),
                        String.join(", ", extra).isEmpty() ? "-" : String.join(", ", extra)));
            }
            if (!tables.keySet().equals(survey.rows.keySet())) {
                Set<String> diff = new TreeSet<>(tables.keySet());
                diff.addAll(survey.rows.keySet());
                Set<String> common = new TreeSet<>(tables.keySet());
                common.retainAll(survey.rows.keySet());
                diff.removeAll(common);
                throw new BackupException(Reason.INCOMPATIBLE, Messages.get("backup.tables", String.join(", ", diff)));
            }
            return null;
        });
    }

    /** Decrypts and reads the whole archive into {@code sink}, checking the manifest; {@code survey} may be null. */
    private BackupReport read(Path source, char[] passphrase, TableDump.Sink sink, TableDump.Survey survey) {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(source), 1 << 16);
                DataInputStream payload = new DataInputStream(new BufferedInputStream(BackupArchive.decrypt(raw, passphrase), 1 << 16))) {
            expect(payload, "base");
            MessageDigest sha = sha256();
            Unframed base = new Unframed(payload);
            DigestInputStream digest = new DigestInputStream(base, sha);
            String dialect = TableDump.read(new DataInputStream(new BufferedInputStream(digest, 1 << 16)), sink);
            if (digest.read() >= 0 || base.count < 0) {
                throw new BackupException(Reason.TAMPERED, Messages.get("backup.tampered"));
            }
            String hash = HEX.formatHex(sha.digest());
            expect(payload, "manifeste");
            Properties manifest = new Properties();
            manifest.load(new java.io.InputStreamReader(new ByteArrayInputStream(new Unframed(payload).readAllBytes()), StandardCharsets.UTF_8));
            expect(payload, "");
            if (payload.read() >= 0) {
                throw new BackupException(Reason.TAMPERED, Messages.get("backup.trailing"));
            }
            if (!hash.equals(manifest.getProperty("part.base.sha256")) || !Long.toString(base.count).equals(manifest.getProperty("part.base.bytes"))) {
                throw new BackupException(Reason.TAMPERED, Messages.get("backup.manifest"));
            }
            Map<String, Long> rows = new TreeMap<>();
            manifest.stringPropertyNames().stream().filter(k -> k.startsWith("rows."))
                    .forEach(k -> rows.put(k.substring(5), Long.parseLong(manifest.getProperty(k))));
            if (survey != null && !rows.equals(survey.rows)) {
                throw new BackupException(Reason.TAMPERED, Messages.get("backup.manifest"));
            }
            return new BackupReport(source, Instant.parse(manifest.getProperty("created")), dialect, Map.copyOf(rows), base.count, hash);
        } catch (EOFException e) {
            throw new BackupException(Reason.TAMPERED, Messages.get("backup.tampered"), e);
        } catch (IOException | RuntimeException e) {
            if (e instanceof BackupException b) {
                throw b;
            }
            if (e instanceof StoreException s && s.getCause() instanceof BackupException b) {
                throw b;
            }
            if (e instanceof StoreException s) {
                throw s;
            }
            throw new BackupException(Reason.TAMPERED, Messages.get("backup.unreadable", e.getMessage()), e);
        } catch (SQLException e) {
            throw new StoreException(e.getMessage(), e);
        }
    }

    private static void expect(DataInputStream in, String part) throws IOException {
        if (!in.readUTF().equals(part)) {
            throw new BackupException(Reason.TAMPERED, Messages.get("backup.tampered"));
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes a part as frames: length (int) and bytes; {@link #finish} writes the zero length. */
    private static final class Framed extends OutputStream {
        private final DataOutputStream out;
        long count;

        Framed(DataOutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] { (byte) b }, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (len > 0) {
                out.writeInt(len);
                out.write(b, off, len);
                count += len;
            }
        }

        @Override
        public void close() {
            // the enclosing payload stays open
        }

        void finish() throws IOException {
            out.writeInt(0);
        }
    }

    /** Reads a part written by {@link Framed}; ends at the zero length. */
    private static final class Unframed extends InputStream {
        private final DataInputStream in;
        private int remaining;
        private boolean ended;
        long count;

        Unframed(DataInputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (ended) {
                return -1;
            }
            if (remaining == 0) {
                remaining = in.readInt();
                if (remaining == 0) {
                    ended = true;
                    return -1;
                }
                if (remaining < 0) {
                    throw new BackupException(Reason.TAMPERED, Messages.get("backup.tampered"));
                }
            }
            int n = in.read(b, off, Math.min(len, remaining));
            if (n < 0) {
                throw new EOFException();
            }
            remaining -= n;
            count += n;
            return n;
        }

        @Override
        public void close() {
            // the enclosing payload stays open
        }
    }
}
