package org.caducee.store.internal;

import java.sql.SQLException;

/** Helpers to turn SQL exceptions into short texts. */
final class SqlErrors {

    private SqlErrors() {
    }

    /** The first line of the driver's message, without H2's SQL statement echo, at most 300 characters. */
    static String describe(SQLException e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int sql = m.indexOf("; SQL statement:");
        if (sql > 0) {
            m = m.substring(0, sql);
        }
        int nl = m.indexOf('\n');
        if (nl > 0) {
            m = m.substring(0, nl);
        }
        return m.length() > 300 ? m.substring(0, 300) + "…" : m.strip();
    }

    /** Integrity constraint violation (unique key, foreign key). */
    static boolean isConstraintViolation(SQLException e) {
        return e.getSQLState() != null && e.getSQLState().startsWith("23");
    }
}
