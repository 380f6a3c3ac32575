package org.caducee.store;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Maintenance of the installation's database, for the command line ({@code db migrate|backup|restore}) and the
 * administration screens. Every failure is a {@link StoreException} with a message for the user.
 */
public interface DatabaseMaintenance {

    /** Every applied migration step, by module then version. */
    List<AppliedMigration> history();

    /** Applies the steps still pending for every registered {@link SchemaMigrations}; returns the steps applied now. */
    List<AppliedMigration> migrate();

    /**
     * Why the database cannot be used (unreadable file, foreign database, changed migration...), in French; empty
     * when everything is fine. Lets a user interface explain instead of waiting for services that never come.
     */
    Optional<String> problem();

    /**
     * Writes a consistent backup of the whole database to {@code file} (H2: compressed SQL script). With PostgreSQL
     * the store refuses and tells to use {@code pg_dump}.
     *
     * @return the file written
     */
    Path backup(Path file);

    /**
     * Replaces the whole database by the content of a backup made by {@link #backup}, then applies the pending
     * migrations. A safety backup of the current content is written first next to the database. H2 only.
     */
    void restore(Path file);
}
