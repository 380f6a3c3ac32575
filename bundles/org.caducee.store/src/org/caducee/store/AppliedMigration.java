package org.caducee.store;

import java.time.Instant;

/** One row of {@code caducee_schema_history}: a migration step applied to the database. */
public record AppliedMigration(String module, int version, String description, String checksum, Instant appliedAt) {
}
