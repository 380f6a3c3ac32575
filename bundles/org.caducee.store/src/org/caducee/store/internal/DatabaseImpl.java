package org.caducee.store.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.ConnectionPoolDataSource;

import org.caducee.core.installation.Installation;
import org.caducee.store.Database;
import org.caducee.store.Dialect;
import org.caducee.store.SqlWork;
import org.caducee.store.StoreException;
import org.h2.jdbcx.JdbcConnectionPool;
import org.h2.jdbcx.JdbcDataSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.postgresql.ds.PGConnectionPoolDataSource;

/**
 * The installation's database. Embedded H2 file {@code <dataDir>/db/caducee} by default; PostgreSQL when the
 * setting {@code db.url} starts with {@code jdbc:postgresql:} (credentials {@code db.user}, {@code db.password}).
 * Connections come from a small pool; nothing is opened before the first use, so a broken database shows up as
 * a {@link StoreException} with a French message at the first call, never as a failed component.
 */
@Component(service = Database.class)
public final class DatabaseImpl implements Database {

    private static final int MAX_CONNECTIONS = 16;
    /**
     * Prepared statements H2 keeps compiled per connection (H2's default: 8). The modules run a few dozen distinct
     * statements; with 8 most prepares parsed and planned the SQL again, the largest cost of a small insert.
     */
    private static final String H2_QUERY_CACHE = "QUERY_CACHE_SIZE=128";

    private final Dialect dialect;
    private final String url;
    private final String displayUrl;
    /** The H2 database file, for messages; null with PostgreSQL. */
    private final Path h2File;
    /** PostgreSQL's pool; null with H2. */
    private final JdbcConnectionPool pool;
    /** H2's pool (ADR 0018); null with PostgreSQL. */
    private final H2Connections h2Pool;
    private volatile boolean closed;

    @Activate
    public DatabaseImpl(@Reference(name = "installation") Installation installation) {
        String configured = installation.setting("db.url").orElse(null);
        String user = installation.setting("db.user").orElse(null);
        String password = installation.setting("db.password").orElse("");
        ConnectionPoolDataSource source = null;
        JdbcDataSource h2Source = null;
        if (configured == null) {
            Path dir = installation.dataDir().resolve("db");
            try {
                Files.createDirectories(dir);
            } catch (java.io.IOException e) {
                throw new IllegalStateException(Messages.get("data.dir.failed", dir, e.getMessage()), e);
            }
            Path base = dir.resolve("caducee").toAbsolutePath();
            configured = "jdbc:h2:file:" + base + ";DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=10000";
            h2File = Path.of(base + ".mv.db");
        } else if (configured.startsWith("jdbc:h2:")) {
            String spec = configured.substring("jdbc:h2:".length()).split(";", 2)[0];
            h2File = spec.startsWith("mem:") ? null : Path.of(spec.replaceFirst("^file:", "") + ".mv.db");
        } else {
            h2File = null;
        }
        this.url = configured;
        this.displayUrl = configured.replaceAll("(?i)([?&;]password=)[^&;]*", "$1***");
        if (configured.startsWith("jdbc:h2:")) {
            dialect = Dialect.H2;
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL(configured.toUpperCase(java.util.Locale.ROOT).contains("QUERY_CACHE_SIZE=") ? configured
                    : configured.replaceAll(";+$", "") + ";" + H2_QUERY_CACHE);
            h2.setUser(user == null ? "caducee" : user);
            h2.setPassword(password);
            h2Source = h2;
        } else if (configured.startsWith("jdbc:postgresql:")) {
            dialect = Dialect.POSTGRESQL;
            PGConnectionPoolDataSource pg = new PGConnectionPoolDataSource();
            pg.setUrl(configured);
            if (user != null) {
                pg.setUser(user);
            }
            if (!password.isEmpty()) {
                pg.setPassword(password);
            }
            pg.setConnectTimeout(10);
            pg.setApplicationName("Caducée");
            source = pg;
        } else {
            throw new StoreException(Messages.get("db.url.unsupported", displayUrl));
        }
        if (h2Source != null) {
            pool = null;
            h2Pool = new H2Connections(h2Source, MAX_CONNECTIONS, 30);
        } else {
            h2Pool = null;
            pool = JdbcConnectionPool.create(source);
            pool.setMaxConnections(MAX_CONNECTIONS);
            pool.setLoginTimeout(30);
        }
    }

    @Deactivate
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (dialect == Dialect.H2) {
            try (Connection c = take(); Statement s = c.createStatement()) {
                s.execute("SHUTDOWN");
            } catch (SQLException e) {
                // already closed or never opened: nothing to flush
            }
        }
        if (h2Pool != null) {
            h2Pool.dispose();
        } else {
            pool.dispose();
        }
    }

    private Connection take() throws SQLException {
        return h2Pool != null ? h2Pool.getConnection() : pool.getConnection();
    }

    @Override
    public Connection connection() throws SQLException {
        if (closed) {
            throw new StoreException(Messages.get("db.closed", displayUrl));
        }
        Connection c;
        try {
            c = take();
        } catch (SQLException e) {
            throw openFailure(e);
        }
        if (!c.getAutoCommit()) {
            c.setAutoCommit(true);
        }
        return c;
    }

    @Override
    public Dialect dialect() {
        return dialect;
    }

    @Override
    public String url() {
        return displayUrl;
    }

    /** The database file of an embedded H2 database, if any. */
    public java.util.Optional<Path> h2File() {
        return java.util.Optional.ofNullable(h2File);
    }

    @Override
    public <T> T inTransaction(SqlWork<T> work) {
        try (Connection c = connection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                rollbackQuietly(c, e);
                throw e;
            } finally {
                try {
                    c.setAutoCommit(true);
                } catch (SQLException e) {
                    // the pool discards broken connections
                }
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    @Override
    public <T> T withConnection(SqlWork<T> work) {
        try (Connection c = connection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private static void rollbackQuietly(Connection c, Throwable cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    /** A failure during work on an open connection. */
    public StoreException failure(SQLException e) {
        return new StoreException(Messages.get("db.error", displayUrl, SqlErrors.describe(e)), e);
    }

    /** A failure to obtain a connection: the database cannot be opened. */
    StoreException openFailure(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        int code = e.getErrorCode();
        String where = h2File != null ? h2File.toString() : displayUrl;
        if (state.startsWith("28") || code == 28000) {
            return new StoreException(Messages.get("db.open.auth", where), e);
        }
        if (dialect == Dialect.H2) {
            if (code == 90020) {
                return new StoreException(Messages.get("db.open.locked", where), e);
            }
            if (h2File != null) {
                return new StoreException(Messages.get("db.open.corrupt", where, SqlErrors.describe(e)), e);
            }
            return new StoreException(Messages.get("db.open.failed", where, SqlErrors.describe(e)), e);
        }
        if (state.startsWith("08")) {
            return new StoreException(Messages.get("db.open.unreachable", where, SqlErrors.describe(e)), e);
        }
        if (state.equals("3D000")) {
            return new StoreException(Messages.get("db.open.unknown", where, SqlErrors.describe(e)), e);
        }
        return new StoreException(Messages.get("db.open.failed", where, SqlErrors.describe(e)), e);
    }
}
