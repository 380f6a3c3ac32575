package org.caducee.store;

/** Supported databases. */
public enum Dialect {
    H2, POSTGRESQL
}
