package org.caducee.security.backup;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * What an archive holds.
 *
 * @param createdAt when the backup was made
 * @param dialect database it came from ({@code H2} or {@code POSTGRESQL})
 * @param rowsByTable number of rows of each table (lower-case names)
 * @param sha256 SHA-256 of the database part, as in the manifest
 */
public record BackupReport(Path file, Instant createdAt, String dialect, Map<String, Long> rowsByTable, long bytes, String sha256) {

    public long rows() {
        return rowsByTable.values().stream().mapToLong(Long::longValue).sum();
    }
}
