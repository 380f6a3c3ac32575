package org.caducee.ins.tests;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;

import javax.sql.DataSource;

import org.caducee.store.Database;
import org.caducee.store.Dialect;
import org.caducee.store.SchemaMigrations;
import org.caducee.store.SchemaReady;
import org.caducee.store.SqlWork;
import org.caducee.store.StoreException;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Assumptions;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Test-only {@link Database}, migrated as the store does: H2 file database in a temporary directory, or a fresh schema
 * (dropped by {@link #close()}) on the PostgreSQL server of {@code caducee.test.pg.url} (tests/run.sh starts one).
 */
final class TestDatabase implements Database, AutoCloseable {

    private final DataSource dataSource;
    private final Dialect dialect;
    private final Connection keepAlive;
    private final Runnable cleanup;

    private TestDatabase(DataSource dataSource, Dialect dialect, Runnable cleanup) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.cleanup = cleanup;
        try {
            keepAlive = dataSource.getConnection();
        } catch (SQLException e) {
            throw new StoreException(dialect + " : " + e.getMessage(), e);
        }
    }

    static TestDatabase h2(Path directory) {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:file:" + directory.resolve("caducee").toAbsolutePath() + ";LOCK_TIMEOUT=10000");
        h2.setUser("sa");
        h2.setPassword("");
        return new TestDatabase(h2, Dialect.H2, () -> {
        });
    }

    static TestDatabase postgresql() {
        String url = System.getProperty("caducee.test.pg.url", "");
        Assumptions.assumeTrue(!url.isBlank() && !url.startsWith("${"), "PostgreSQL non configuré (-Dcaducee.test.pg.url=...)");
        String schema = "t_ins_" + Long.toHexString(System.nanoTime());
        PGSimpleDataSource admin = new PGSimpleDataSource();
        admin.setURL(url);
        try (Connection c = admin.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new StoreException("PostgreSQL : " + e.getMessage(), e);
        }
        PGSimpleDataSource pg = new PGSimpleDataSource();
        pg.setURL(url);
        pg.setCurrentSchema(schema);
        return new TestDatabase(pg, Dialect.POSTGRESQL, () -> {
            try (Connection c = admin.getConnection(); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA " + schema + " CASCADE");
            } catch (SQLException e) {
                // test clean-up
            }
        });
    }

    /** Applies the steps of a module in version order and returns the marker DS would give. */
    SchemaReady migrate(SchemaMigrations migrations) {
        migrations.steps().stream().sorted(Comparator.comparingInt(SchemaMigrations.Step::version)).forEach(step -> inTransaction(c -> {
            try (Statement s = c.createStatement()) {
                for (String sql : step.sql(dialect).split(";\\s*\\n")) {
                    if (!sql.isBlank()) {
                        s.execute(sql);
                    }
                }
            }
            return null;
        }));
        int version = migrations.steps().stream().mapToInt(SchemaMigrations.Step::version).max().orElse(0);
        return new SchemaReady() {
            @Override
            public String module() {
                return migrations.module();
            }

            @Override
            public int version() {
                return version;
            }
        };
    }

    int execute(String sql) {
        return withConnection(c -> {
            try (Statement s = c.createStatement()) {
                return s.executeUpdate(sql);
            }
        });
    }

    @Override
    public Connection connection() throws SQLException {
        return dataSource.getConnection();
    }

    @Override
    public Dialect dialect() {
        return dialect;
    }

    @Override
    public String url() {
        return dialect.name();
    }

    @Override
    public <T> T inTransaction(SqlWork<T> work) {
        try (Connection c = connection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("Erreur de base de données : " + e.getMessage(), e);
        }
    }

    @Override
    public <T> T withConnection(SqlWork<T> work) {
        try (Connection c = connection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new StoreException("Erreur de base de données : " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            keepAlive.close();
        } catch (SQLException e) {
            // test clean-up
        }
        cleanup.run();
    }
}
