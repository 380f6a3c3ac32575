package org.caducee.mss.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.caducee.core.audit.AuditTrail;
import org.caducee.core.text.Names;
import org.caducee.mss.MssDirectory.Entry;
import org.caducee.mss.MssDirectory.Query;
import org.caducee.mss.MssDirectoryExtract;
import org.caducee.mss.MssException;
import org.caducee.mss.MssException.Kind;
import org.caducee.store.Database;
import org.caducee.store.SchemaReady;
import org.caducee.store.StoreException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * The offline directory in the local database ({@code mss_directory_entry}): an import replaces every entry in one
 * transaction; searches use normalised keys (upper case, no accents, letters and digits only) so that they answer
 * from indexes. The file named by {@code mss.directory.extract.file} is imported again when its size or date changes.
 */
@Component(service = { MssDirectoryExtract.class, ExtractDirectory.class })
public class ExtractDirectory implements MssDirectoryExtract {

    /** Most entries returned by one search. */
    static final int LIMIT = 200;
    private static final int BATCH = 1000;
    private static final int EXAMPLES = 20;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy", Locale.FRANCE);

    private final Database db;
    private final MssConnections connections;
    private final AuditTrail audit;
    private final Clock clock;
    private final Object importing = new Object();
    /** The configured file as last looked at: a manual import wins until that file changes. */
    private volatile Seen seen;
    private final java.util.concurrent.atomic.AtomicReference<Seen> scheduled = new java.util.concurrent.atomic.AtomicReference<>();
    private final java.util.concurrent.ExecutorService background = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "mss-annuaire-import");
        t.setDaemon(true);
        return t;
    });

    private record Seen(Path path, Stamp stamp) {
    }

    @Activate
    public ExtractDirectory(@Reference Database db, @Reference(target = "(module=mss)") SchemaReady schema, @Reference MssConnections connections,
            @Reference AuditTrail audit) {
        this(db, connections, audit, Clock.systemUTC());
    }

    public ExtractDirectory(Database db, MssConnections connections, AuditTrail audit, Clock clock) {
        this.db = db;
        this.connections = connections;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public ImportReport importFile(Path file, String actor) throws MssException {
        if (file == null || !Files.isRegularFile(file)) {
            throw new MssException(Kind.INVALID, Messages.get("extract.missing", file));
        }
        synchronized (importing) {
            seen = configuredNow();
            ImportReport report;
            try (ExtractFile extract = ExtractFile.open(file)) {
                report = db.inTransaction(c -> replace(c, extract, file));
            } catch (UncheckedIOException e) {
                throw new MssException(Kind.INVALID, Messages.get("extract.unreadable", file, e.getCause().getMessage()), e);
            } catch (IOException e) {
                throw new MssException(Kind.INVALID, Messages.get("extract.unreadable", file, e.getMessage()), e);
            } catch (StoreException e) {
                throw new MssException(Kind.CONFIGURATION, e.getMessage(), e);
            }
            audit.record(actor == null ? "mss" : actor, "mss.directory.import", report.fileName(),
                    Messages.get("extract.audit", report.imported(), report.skipped(), DAY.format(report.extractDate())));
            return report;
        }
    }

    private ImportReport replace(Connection c, ExtractFile extract, Path file) throws SQLException {
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM mss_directory_entry")) {
            delete.executeUpdate();
        }
        int imported = 0;
        int skipped = 0;
        List<String> examples = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO mss_directory_entry (line_no, mailbox, mailbox_type, rpps, national_id, last_name,"
                + " first_name, profession, specialty, organisation, city, postal_code, k_last_name, k_first_name, k_profession, k_specialty,"
                + " k_organisation, k_city) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
            ExtractFile.Line line;
            int pending = 0;
            while ((line = nextLine(extract)) != null) {
                if (line.entry() == null) {
                    skipped++;
                    if (examples.size() < EXAMPLES) {
                        examples.add(Messages.get("extract.skipped", line.number(), line.skipped()));
                    }
                    continue;
                }
                Entry e = line.entry();
                ps.setLong(1, line.number());
                ps.setString(2, e.mailbox());
                ps.setString(3, e.mailboxType());
                ps.setString(4, OutgoingMessages.cut(e.rpps(), 30));
                ps.setString(5, OutgoingMessages.cut(line.nationalId(), 30));
                ps.setString(6, OutgoingMessages.cut(e.lastName(), 200));
                ps.setString(7, OutgoingMessages.cut(e.firstName(), 200));
                ps.setString(8, OutgoingMessages.cut(e.profession(), 200));
                ps.setString(9, OutgoingMessages.cut(e.specialty(), 300));
                ps.setString(10, OutgoingMessages.cut(e.organisation(), 600));
                ps.setString(11, OutgoingMessages.cut(e.city(), 200));
                ps.setString(12, OutgoingMessages.cut(e.postalCode(), 10));
                ps.setString(13, key(e.lastName(), 200));
                ps.setString(14, key(e.firstName(), 200));
                ps.setString(15, key(e.profession(), 200));
                ps.setString(16, key(e.specialty(), 300));
                ps.setString(17, key(e.organisation(), 600));
                ps.setString(18, key(e.city(), 200));
                ps.addBatch();
                imported++;
                if (++pending == BATCH) {
                    ps.executeBatch();
                    pending = 0;
                }
            }
            if (pending > 0) {
                ps.executeBatch();
            }
        }
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM mss_directory_extract")) {
            delete.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO mss_directory_extract (id, file_name, extract_date, imported_at, entries, skipped,"
                + " source_path, source_size, source_modified) VALUES (1,?,?,?,?,?,?,?,?)")) {
            ps.setString(1, OutgoingMessages.cut(extract.fileName(), 500));
            ps.setDate(2, Date.valueOf(extract.extractDate()));
            ps.setTimestamp(3, Timestamp.from(clock.instant()));
            ps.setInt(4, imported);
            ps.setInt(5, skipped);
            Stamp stamp = stamp(file);
            ps.setString(6, OutgoingMessages.cut(file.toAbsolutePath().toString(), 2000));
            if (stamp == null) {
                ps.setNull(7, Types.BIGINT);
                ps.setNull(8, Types.TIMESTAMP_WITH_TIMEZONE);
            } else {
                ps.setLong(7, stamp.size());
                ps.setTimestamp(8, Timestamp.from(stamp.modified()));
            }
            ps.executeUpdate();
        }
        return new ImportReport(extract.fileName(), extract.extractDate(), imported, skipped, List.copyOf(examples));
    }

    private static ExtractFile.Line nextLine(ExtractFile extract) {
        try {
            return extract.next();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Stamp(long size, Instant modified) {
    }

    private static Stamp stamp(Path file) {
        try {
            return new Stamp(Files.size(file), Files.getLastModifiedTime(file).toInstant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public Optional<ExtractInfo> info() {
        refreshFromSetting();
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT file_name, extract_date, imported_at, entries, skipped FROM mss_directory_extract WHERE id = 1");
                    ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new ExtractInfo(rs.getString(1), rs.getDate(2).toLocalDate(), rs.getTimestamp(3).toInstant(), rs.getInt(4), rs.getInt(5)));
            }
        });
    }

    @Override
    public String sourceLabel(ExtractInfo info) {
        return Messages.get("extract.source", DAY.format(info.extractDate()));
    }

    /**
     * Imports the file named by {@code mss.directory.extract.file} (or given by the account provider) when it differs
     * (path, size, date) from the one imported: in the background when an index already answers (a real extract takes
     * a minute or more), at once for the very first one. A failure keeps the previous index and is only logged.
     */
    void refreshFromSetting() {
        Seen now = configuredNow();
        if (now == null || now.equals(seen) || now.equals(scheduled.get())) {
            return;
        }
        boolean indexed = db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM mss_directory_extract WHERE id = 1"); ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        });
        if (!indexed) {
            importIfChanged(now);
        } else {
            scheduled.set(now);
            try {
                background.execute(() -> {
                    try {
                        importIfChanged(now);
                    } finally {
                        scheduled.compareAndSet(now, null);
                    }
                });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                scheduled.set(null); // stopping
            }
        }
    }

    /** Imports the configured file unless it was seen since (a manual import meanwhile wins) or is the one imported. */
    private void importIfChanged(Seen now) {
        synchronized (importing) {
            if (now.equals(seen)) {
                return;
            }
            seen = now;
            Path file = now.path();
            boolean current = db.withConnection(c -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT source_path, source_size, source_modified FROM mss_directory_extract WHERE id = 1");
                        ResultSet rs = ps.executeQuery()) {
                    if (!rs.next() || now.stamp() == null) {
                        return false;
                    }
                    Timestamp modified = rs.getTimestamp(3);
                    return file.toString().equals(rs.getString(1)) && rs.getLong(2) == now.stamp().size() && modified != null
                            && modified.toInstant().equals(now.stamp().modified());
                }
            });
            if (!current) {
                try {
                    importFile(file, "mss");
                } catch (MssException e) {
                    System.getLogger(ExtractDirectory.class.getName()).log(System.Logger.Level.WARNING, e.getMessage());
                }
            }
        }
    }

    /** Stops the background import (an import under way is rolled back by the closing database). */
    @Deactivate
    void stop() {
        background.shutdownNow();
    }

    private Seen configuredNow() {
        Optional<Path> configured = connections.directoryExtract();
        if (configured.isEmpty() || !Files.isRegularFile(configured.get())) {
            return null;
        }
        return new Seen(configured.get().toAbsolutePath(), stamp(configured.get()));
    }

    @Override
    public List<Entry> search(Query q) throws MssException {
        if (q.isEmpty()) {
            throw new MssException(Kind.INVALID, Messages.get("extract.criteria"));
        }
        refreshFromSetting();
        StringBuilder where = new StringBuilder();
        List<String> args = new ArrayList<>();
        prefix(where, args, "k_last_name", key(q.name()));
        prefix(where, args, "k_first_name", key(q.firstName()));
        prefix(where, args, "k_city", key(q.city()));
        prefix(where, args, "postal_code", digits(q.postalCode()));
        contains(where, args, "k_profession", key(q.profession()));
        contains(where, args, "k_specialty", key(q.specialty()));
        contains(where, args, "k_organisation", key(q.organisation()));
        if (!blank(q.rpps())) {
            String id = q.rpps().replaceAll("\\s+", "");
            where.append(" AND (rpps = ? OR national_id = ?)");
            args.add(id);
            args.add(id);
        }
        if (!blank(q.mailboxType())) {
            where.append(" AND mailbox_type = ?");
            args.add(q.mailboxType().strip().toUpperCase(Locale.ROOT));
        }
        String sql = "SELECT rpps, last_name, first_name, profession, specialty, organisation, city, postal_code, mailbox, mailbox_type FROM mss_directory_entry"
                + " WHERE 1 = 1" + where + " ORDER BY k_last_name, k_first_name, mailbox, line_no FETCH FIRST " + LIMIT + " ROWS ONLY";
        try {
            return db.withConnection(c -> {
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    for (int i = 0; i < args.size(); i++) {
                        ps.setString(i + 1, args.get(i));
                    }
                    List<Entry> out = new ArrayList<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.add(new Entry(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                                    rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10)));
                        }
                    }
                    return out;
                }
            });
        } catch (StoreException e) {
            throw new MssException(Kind.CONFIGURATION, e.getMessage(), e);
        }
    }

    /** A criterion that no entry can match (only punctuation) leaves its column empty: nothing is found. */
    private static void prefix(StringBuilder where, List<String> args, String column, String key) {
        if (key != null && key.isEmpty()) {
            where.append(" AND 1 = 0");
        } else if (key != null) {
            where.append(" AND ").append(column).append(" LIKE ?");
            args.add(key + "%");
        }
    }

    private static void contains(StringBuilder where, List<String> args, String column, String key) {
        if (key != null && key.isEmpty()) {
            where.append(" AND 1 = 0");
        } else if (key != null) {
            where.append(" AND ").append(column).append(" LIKE ?");
            args.add("%" + key + "%");
        }
    }

    private static String digits(String postal) {
        return blank(postal) ? null : postal.toUpperCase(Locale.ROOT).replaceAll("[^0-9AB]", "");
    }

    /** The search key of a criterion; null when the criterion is not given. */
    private static String key(String criterion) {
        return blank(criterion) ? null : Names.searchKey(criterion);
    }

    private static String key(String value, int max) {
        String k = Names.searchKey(value);
        return k.length() > max ? k.substring(0, max) : k;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
