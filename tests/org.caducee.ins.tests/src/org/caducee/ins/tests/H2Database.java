package org.caducee.ins.tests;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;

import org.caducee.store.Database;
import org.caducee.store.Dialect;
import org.caducee.store.SchemaMigrations;
import org.caducee.store.SchemaReady;
import org.caducee.store.SqlWork;
import org.caducee.store.StoreException;
import org.h2.jdbcx.JdbcDataSource;

/** Test-only {@link Database}: H2 file database in a temporary directory, migrated as the store does. */
final class H2Database implements Database, AutoCloseable {

    private final JdbcDataSource dataSource = new JdbcDataSource();
    private final Connection keepAlive;

    H2Database(Path directory) {
        dataSource.setURL("jdbc:h2:file:" + directory.resolve("caducee").toAbsolutePath() + ";LOCK_TIMEOUT=10000");
        dataSource.setUser("sa");
        dataSource.setPassword("");
        try {
            keepAlive = dataSource.getConnection();
        } catch (SQLException e) {
            throw new StoreException("H2 : " + e.getMessage(), e);
        }
    }

    /** Applies the steps of a module in version order and returns the marker DS would give. */
    SchemaReady migrate(SchemaMigrations migrations) {
        migrations.steps().stream().sorted(Comparator.comparingInt(SchemaMigrations.Step::version)).forEach(step -> inTransaction(c -> {
            try (Statement s = c.createStatement()) {
                for (String sql : step.sql(Dialect.H2).split(";\\s*\\n")) {
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
        return Dialect.H2;
    }

    @Override
    public String url() {
        return dataSource.getURL();
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
    }
}
