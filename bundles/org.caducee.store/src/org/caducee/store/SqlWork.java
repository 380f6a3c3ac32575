package org.caducee.store;

import java.sql.Connection;
import java.sql.SQLException;

/** A unit of JDBC work. */
@FunctionalInterface
public interface SqlWork<T> {

    T run(Connection connection) throws SQLException;
}
