package org.caducee.testing;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.caducee.store.Dialect;
import org.caducee.store.StoreException;
import org.h2.jdbcx.JdbcDataSource;

/**
 * H2 file database in a temporary directory. A keep-alive connection keeps the database open between calls (H2
 * closes a file database with its last connection); {@link #close()} releases it.
 */
public final class H2TestDatabase extends TestDatabase {

    private final JdbcDataSource dataSource = new JdbcDataSource();
    private final Connection keepAlive;

    public H2TestDatabase(Path directory) {
        this(directory, "sa");
    }

    /**
     * The embedded database of an installation ({@code <dataDir>/db/caducee}, the store's user), e.g. to read what a
     * child process left there.
     */
    public static H2TestDatabase installation(Path dataDir) {
        return new H2TestDatabase(dataDir.resolve("db"), "caducee");
    }

    private H2TestDatabase(Path directory, String user) {
        super(Dialect.H2);
        dataSource.setURL("jdbc:h2:file:" + directory.resolve("caducee").toAbsolutePath() + ";LOCK_TIMEOUT=10000");
        dataSource.setUser(user);
        dataSource.setPassword("");
        try {
            keepAlive = dataSource.getConnection();
        } catch (SQLException e) {
            throw new StoreException("H2 : " + e.getMessage(), e);
        }
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
        try {
            keepAlive.close();
        } catch (SQLException e) {
            // test clean-up
        }
    }
}
