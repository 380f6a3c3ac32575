package org.caducee.store;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The installation's relational database: embedded H2 by default, PostgreSQL for a practice with several
 * workstations. Same SQL for both wherever possible; {@link #dialect()} tells the rest.
 */
public interface Database {

    /** A new connection in auto-commit mode; the caller closes it. */
    Connection connection() throws SQLException;

    Dialect dialect();

    /** JDBC URL without credentials, for display. */
    String url();

    /** Runs the work in one transaction: committed when it returns, rolled back when it throws. */
    <T> T inTransaction(SqlWork<T> work);

    /** Runs the work on an auto-commit connection. */
    <T> T withConnection(SqlWork<T> work);
}
