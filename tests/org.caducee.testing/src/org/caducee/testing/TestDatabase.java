package org.caducee.testing;

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
import org.junit.jupiter.api.Assumptions;

/**
 * Test-only {@link Database}: H2 in a temporary directory ({@link H2TestDatabase}), or a fresh schema dropped at close on
 * the PostgreSQL server of {@code caducee.test.pg.url} ({@link PgTestDatabase}; tests/run.sh starts one).
 */
public abstract class TestDatabase implements Database, AutoCloseable {

    /** JDBC URL of a PostgreSQL database for the compatibility runs, e.g. {@code jdbc:postgresql://127.0.0.1:5432/test?user=u}. */
    public static final String PG_URL_PROPERTY = "caducee.test.pg.url";

    private final Dialect dialect;

    protected TestDatabase(Dialect dialect) {
        this.dialect = dialect;
    }

    protected abstract DataSource dataSource();

    /** The PostgreSQL URL of {@value #PG_URL_PROPERTY}, or {@code null} when it is not set. */
    public static String postgresUrl() {
        String url = System.getProperty(PG_URL_PROPERTY, "");
        return url.isBlank() || url.startsWith("${") ? null : url;
    }

    /** An H2 file database in {@code directory}. */
    public static TestDatabase h2(Path directory) {
        return new H2TestDatabase(directory);
    }

    /** A fresh schema on the PostgreSQL server of {@value #PG_URL_PROPERTY}; the calling test is skipped when it is not set. */
    public static TestDatabase postgresql() {
        String url = postgresUrl();
        Assumptions.assumeTrue(url != null, "caducee.test.pg.url non renseigné : tests PostgreSQL ignorés");
        return new PgTestDatabase(url);
    }

    /** The marker the store registers once {@code migrations} are applied (its module, at its highest version). */
    public static SchemaReady schemaReady(SchemaMigrations migrations) {
        return schemaReady(migrations.module(), migrations.steps().stream().mapToInt(SchemaMigrations.Step::version).max().orElse(0));
    }

    /** The marker the store registers once the schema of {@code module} is at {@code version}. */
    public static SchemaReady schemaReady(String module, int version) {
        return new SchemaReady() {
            @Override
            public String module() {
                return module;
            }

            @Override
            public int version() {
                return version;
            }
        };
    }

    /** Applies the steps of a module in version order, as the store does; see {@link #schemaReady} for the marker. */
    public TestDatabase migrate(SchemaMigrations migrations) {
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
        return this;
    }

    /** Runs plain SQL (to tamper with tables in tests). */
    public int execute(String sql) {
        return withConnection(c -> {
            try (Statement s = c.createStatement()) {
                return s.executeUpdate(sql);
            }
        });
    }

    @Override
    public Connection connection() throws SQLException {
        return dataSource().getConnection();
    }

    @Override
    public Dialect dialect() {
        return dialect;
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
    public abstract void close();
}
