package org.caducee.testing;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.caducee.store.Dialect;
import org.caducee.store.StoreException;
import org.postgresql.ds.PGSimpleDataSource;

/** PostgreSQL database of {@code caducee.test.pg.url}, in a fresh schema dropped by {@link #close()}. */
public final class PgTestDatabase extends TestDatabase {

    private final PGSimpleDataSource dataSource = new PGSimpleDataSource();
    private final String schema = "t_" + Long.toHexString(System.nanoTime()) + "_" + (int) (Math.random() * 1000);

    public PgTestDatabase(String url) {
        super(Dialect.POSTGRESQL);
        dataSource.setURL(url);
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new StoreException("PostgreSQL : " + e.getMessage(), e);
        }
        dataSource.setCurrentSchema(schema);
    }

    @Override
    protected DataSource dataSource() {
        return dataSource;
    }

    @Override
    public String url() {
        return dataSource.getURL();
    }

    @Override
    public void close() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA " + schema + " CASCADE");
        } catch (SQLException e) {
            // test clean-up
        }
    }
}
