package org.caducee.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

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

    /**
     * Makes the work committed so far survive the death of the process (SIGKILL, crash), before an acknowledgement to
     * the outside world that cannot be taken back: an IMAP flag saying "received", a server told "done". Embedded H2
     * writes its commits to the file in the background, up to its write delay (about 0.5 s) later, so a process killed
     * in that window loses them (ADR 0012); a {@code CHECKPOINT} writes them now. PostgreSQL: a commit is already
     * durable, nothing to do. Costs a file write (and sync): when one acknowledgement covers several rows, call it once before it.
     */
    default void makeDurable() {
        if (dialect() == Dialect.H2) {
            withConnection(c -> {
                try (Statement s = c.createStatement()) {
                    s.execute("CHECKPOINT");
                }
                return null;
            });
        }
    }
}
