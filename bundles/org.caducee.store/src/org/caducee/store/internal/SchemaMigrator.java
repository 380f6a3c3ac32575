package org.caducee.store.internal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

import org.caducee.store.AppliedMigration;
import org.caducee.store.Database;
import org.caducee.store.DatabaseMaintenance;
import org.caducee.store.Dialect;
import org.caducee.store.SchemaMigrations;
import org.caducee.store.SchemaMigrations.Step;
import org.caducee.store.SchemaReady;
import org.caducee.store.StoreException;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * Migration whiteboard: tracks every {@link SchemaMigrations} service, applies its pending steps in version order
 * (each in its own transaction), records them in {@code caducee_schema_history} and registers a {@link SchemaReady}
 * service with {@code module=<name>}; unregisters it when the migrations service goes away. Also the
 * {@link DatabaseMaintenance} service.
 */
@Component(service = DatabaseMaintenance.class, immediate = true)
public final class SchemaMigrator implements DatabaseMaintenance {

    static final String HISTORY = "caducee_schema_history";
    private static final Pattern MODULE = Pattern.compile("[a-z0-9.]{1,64}");
    private static final Pattern STATEMENT_END = Pattern.compile(";[ \\t]*(\\r?\\n|$)");
    private static final Logger LOG = Logger.getLogger(SchemaMigrator.class.getName());

    private final Database database;
    private final BundleContext context;
    private final Object lock = new Object();
    private final List<SchemaMigrations> modules = new CopyOnWriteArrayList<>();
    private final Map<String, ServiceRegistration<SchemaReady>> registrations = new ConcurrentHashMap<>();
    private final Map<String, String> problems = new ConcurrentHashMap<>();
    private final Backups backups;

    /**
     * @param context where {@link SchemaReady} services are registered; null outside OSGi (tests)
     */
    @Activate
    public SchemaMigrator(@Reference(name = "database") Database database, BundleContext context) {
        this.database = database;
        this.context = context;
        this.backups = new Backups(database);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    public void addMigrations(SchemaMigrations migrations) {
        modules.add(migrations);
        try {
            SchemaReady ready = apply(migrations);
            register(ready);
        } catch (StoreException e) {
            LOG.log(Level.SEVERE, e.getMessage(), e);
        }
    }

    public void removeMigrations(SchemaMigrations migrations) {
        modules.remove(migrations);
        String module = migrations.module();
        if (modules.stream().noneMatch(m -> m.module().equals(module))) {
            unregister(module);
            problems.remove(module);
        }
    }

    @Deactivate
    void deactivate() {
        for (String module : List.copyOf(registrations.keySet())) {
            unregister(module);
        }
    }

    private void register(SchemaReady ready) {
        if (context == null) {
            return;
        }
        var props = new java.util.Hashtable<String, Object>();
        props.put(SchemaReady.PROPERTY_MODULE, ready.module());
        props.put("version", ready.version());
        ServiceRegistration<SchemaReady> previous = registrations.get(ready.module());
        if (previous != null) {
            try {
                previous.setProperties(props);
                return;
            } catch (IllegalStateException e) {
                registrations.remove(ready.module());
            }
        }
        registrations.put(ready.module(), context.registerService(SchemaReady.class, ready, props));
    }

    private void unregister(String module) {
        ServiceRegistration<SchemaReady> registration = registrations.remove(module);
        if (registration != null) {
            try {
                registration.unregister();
            } catch (IllegalStateException e) {
                // already gone with the bundle
            }
        }
    }

    /** The readiness of a module, as registered. */
    public record Ready(String module, int version) implements SchemaReady {
    }

    /**
     * Applies the pending steps of one module; returns its readiness. A refusal (foreign database, changed step,
     * failing step) is remembered for {@link #problem()} and thrown.
     */
    public SchemaReady apply(SchemaMigrations migrations) {
        String module = migrations.module();
        try {
            if (module == null || !MODULE.matcher(module).matches()) {
                throw new StoreException(Messages.get("schema.module.invalid", module));
            }
            int version;
            synchronized (lock) {
                ensureHistory();
                version = applySteps(module, migrations.steps(), new ArrayList<>());
            }
            problems.remove(module);
            return new Ready(module, version);
        } catch (StoreException e) {
            problems.put(module == null ? "?" : module, e.getMessage());
            throw e;
        }
    }

    @Override
    public List<AppliedMigration> migrate() {
        List<AppliedMigration> applied = new ArrayList<>();
        synchronized (lock) {
            ensureHistory();
            for (SchemaMigrations m : modules) {
                try {
                    applySteps(m.module(), m.steps(), applied);
                    problems.remove(m.module());
                } catch (StoreException e) {
                    problems.put(m.module(), e.getMessage());
                    throw e;
                }
            }
        }
        for (SchemaMigrations m : modules) {
            register(new Ready(m.module(), currentVersion(m.module())));
        }
        return applied;
    }

    @Override
    public List<AppliedMigration> history() {
        return database.withConnection(c -> {
            if (!historyExists(c)) {
                return List.of();
            }
            List<AppliedMigration> out = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT module, version, description, checksum, applied_at FROM " + HISTORY + " ORDER BY module, version")) {
                while (rs.next()) {
                    out.add(new AppliedMigration(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4),
                            rs.getObject(5, OffsetDateTime.class).toInstant()));
                }
            }
            return out;
        });
    }

    @Override
    public Optional<String> problem() {
        return problems.values().stream().findFirst();
    }

    @Override
    public Path backup(Path file) {
        return backups.backup(file);
    }

    @Override
    public void restore(Path file) {
        synchronized (lock) {
            backups.restore(file);
        }
        migrate();
    }

    /** Names of the registered modules. */
    List<SchemaMigrations> modules() {
        return List.copyOf(modules);
    }

    private int currentVersion(String module) {
        return database.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT MAX(version) FROM " + HISTORY + " WHERE module = ?")) {
                ps.setString(1, module);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getInt(1) : 0;
                }
            }
        });
    }

    /** Creates the history table, after refusing a database that holds tables but no Caducée history. */
    private void ensureHistory() {
        database.withConnection(c -> {
            if (historyExists(c)) {
                return null;
            }
            List<String> foreign = tables(c);
            if (!foreign.isEmpty()) {
                String shown = String.join(", ", foreign.subList(0, Math.min(5, foreign.size()))) + (foreign.size() > 5 ? "…" : "");
                throw new StoreException(Messages.get("schema.foreign", database.url(), shown));
            }
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS " + HISTORY + " (module VARCHAR(64) NOT NULL, version INTEGER NOT NULL, "
                        + "description VARCHAR(200) NOT NULL, checksum VARCHAR(64) NOT NULL, applied_at TIMESTAMP WITH TIME ZONE NOT NULL, "
                        + "PRIMARY KEY (module, version))");
            }
            return null;
        });
    }

    static boolean historyExists(Connection c) throws SQLException {
        return tables(c).stream().anyMatch(t -> t.equalsIgnoreCase(HISTORY));
    }

    /** Base tables of the connection's current schema. */
    static List<String> tables(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = ? AND table_type = 'BASE TABLE' ORDER BY table_name")) {
            ps.setString(1, c.getSchema());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    private int applySteps(String module, List<Step> steps, List<AppliedMigration> appliedNow) {
        List<Step> ordered = new ArrayList<>(steps);
        ordered.sort(Comparator.comparingInt(Step::version));
        Map<Integer, String> recorded = recorded(module);
        // every recorded step still provided must be unchanged, before anything new is applied
        for (Step step : ordered) {
            String known = recorded.get(step.version());
            if (known != null && !known.equals(checksum(step))) {
                throw new StoreException(Messages.get("schema.checksum", module, step.version(), step.description(), database.url()));
            }
        }
        int version = recorded.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
        for (Step step : ordered) {
            if (recorded.containsKey(step.version())) {
                continue;
            }
            AppliedMigration done = applyStep(module, step);
            if (done != null) {
                appliedNow.add(done);
            }
            version = Math.max(version, step.version());
        }
        return version;
    }

    private Map<Integer, String> recorded(String module) {
        return database.withConnection(c -> {
            Map<Integer, String> out = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT version, checksum FROM " + HISTORY + " WHERE module = ?")) {
                ps.setString(1, module);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getInt(1), rs.getString(2));
                    }
                }
            }
            return out;
        });
    }

    /** One step in one transaction; null when another process applied it in the meantime. */
    private AppliedMigration applyStep(String module, Step step) {
        String sql = step.sql(database.dialect());
        try {
            return database.inTransaction(c -> {
                if (database.dialect() == Dialect.POSTGRESQL) {
                    try (Statement s = c.createStatement()) {
                        // serialises workstations migrating the same server at the same time
                        s.execute("LOCK TABLE " + HISTORY + " IN EXCLUSIVE MODE");
                    }
                    try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM " + HISTORY + " WHERE module = ? AND version = ?")) {
                        ps.setString(1, module);
                        ps.setInt(2, step.version());
                        try (ResultSet rs = ps.executeQuery()) {
                            if (rs.next()) {
                                return null;
                            }
                        }
                    }
                }
                try (Statement s = c.createStatement()) {
                    for (String statement : statements(sql)) {
                        s.execute(statement);
                    }
                }
                Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
                AppliedMigration done = new AppliedMigration(module, step.version(), step.description(), checksum(step), now);
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO " + HISTORY + " (module, version, description, checksum, applied_at) VALUES (?, ?, ?, ?, ?)")) {
                    ps.setString(1, module);
                    ps.setInt(2, step.version());
                    String description = step.description() == null ? "" : step.description();
                    ps.setString(3, description.length() > 200 ? description.substring(0, 200) : description);
                    ps.setString(4, done.checksum());
                    ps.setObject(5, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
                    ps.executeUpdate();
                }
                LOG.info(() -> "Migration " + module + " " + step.version() + " appliquée : " + step.description());
                return done;
            });
        } catch (StoreException e) {
            Throwable cause = e.getCause();
            String detail = cause instanceof SQLException sqe ? SqlErrors.describe(sqe) : e.getMessage();
            throw new StoreException(Messages.get("schema.step.failed", module, step.version(), step.description(), detail), e);
        }
    }

    /** Splits a step into statements at {@code ;} ending a line. */
    static List<String> statements(String sql) {
        List<String> out = new ArrayList<>();
        for (String part : STATEMENT_END.split(sql == null ? "" : sql)) {
            String s = part.strip();
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }

    /** SHA-256 of the step's SQL for the current dialect, ignoring blank lines and indentation. */
    String checksum(Step step) {
        StringBuilder canonical = new StringBuilder();
        for (String line : (step.sql(database.dialect()) == null ? "" : step.sql(database.dialect())).split("\\R")) {
            String l = line.strip();
            if (!l.isEmpty()) {
                canonical.append(l).append('\n');
            }
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
