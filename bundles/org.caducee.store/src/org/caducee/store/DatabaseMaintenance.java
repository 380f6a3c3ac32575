package org.caducee.store;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Maintenance of the installation's database, for administrators and the command line.
 * <p>
 * PLACEHOLDER declared by the {@code cli} branch so that {@code org.caducee.cli} compiles; the store branch owns
 * the real definition and will reconcile it.
 */
public interface DatabaseMaintenance {

    /** One applied migration step, as recorded in {@code caducee_schema_history}. */
    record AppliedStep(String module, int version, String description, Instant appliedAt) {
    }

    /** Every applied step, oldest first. */
    List<AppliedStep> history();

    /** Writes a consistent backup of the whole database to {@code target}. */
    void backup(Path target);

    /** Replaces the database content with the backup at {@code source}. */
    void restore(Path source);
}
