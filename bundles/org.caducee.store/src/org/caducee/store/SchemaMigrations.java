package org.caducee.store;

import java.util.List;

/**
 * Whiteboard: each bundle that owns tables registers one {@code SchemaMigrations} service. The store applies the
 * steps not yet applied, in version order, each in its own transaction, records them in
 * {@code caducee_schema_history}, and then registers a {@link SchemaReady} service with the property
 * {@code module=<module()>}. Components that use the tables reference it:
 * {@code @Reference(target = "(module=security)") SchemaReady schema}.
 */
public interface SchemaMigrations {

    /** Unique module name, e.g. {@code security}; lower case letters, digits and dots. */
    String module();

    /** Steps in any order; versions are unique within the module and never change once released. */
    List<Step> steps();

    /** One migration step. {@code sql} may hold several statements separated by {@code ;} at line ends. */
    record Step(int version, String description, String h2Sql, String postgresqlSql) {

        /** A step whose SQL is the same on both databases. */
        public static Step of(int version, String description, String sql) {
            return new Step(version, description, sql, sql);
        }

        public String sql(Dialect dialect) {
            return dialect == Dialect.H2 ? h2Sql : postgresqlSql;
        }
    }
}
