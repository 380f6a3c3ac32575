package org.caducee.outbox.tests;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;

import javax.sql.DataSource;

import org.caducee.store.Database;
import org.caducee.store.Dialect;
import org.caducee.store.SchemaMigrations;
import org.caducee.store.SqlWork;
import org.caducee.store.StoreException;

/** Test-only {@link Database}: H2 in a temporary directory, or PostgreSQL when {@code caducee.test.pg.url} is set. */
public abstract class TestDatabase implements Database, AutoCloseable {

    /** JDBC URL of a PostgreSQL database for the compatibility runs, e.g. {@code jdbc:postgresql://127.0.0.1:5432/test?user=u}. */
    public static final String PG_URL_PROPERTY = "caducee.test.pg.url";

    private final Dialect dialect;

    protected TestDatabase(Dialect dialect) {
        this.dialect = dialect;
    }

    protected abstract DataSource dataSource();

    public static String postgresUrl() {
        String url = System.getProperty(PG_URL_PROPERTY, "");
        return url.isBlank() || url.startsWith("${") ? null : url;
    }

    /** Applies the steps of a module in version order, as the store does. */
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
