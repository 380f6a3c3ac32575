package org.caducee.xds;

import java.time.Instant;
import java.util.UUID;

/**
 * One locally stored version of a document (a row of the versioning register).
 *
 * @param documentId the core {@code HealthDocument} id
 * @param deletedAt  when a deletion request marked this copy deleted (the copy is kept), else {@code null}
 * @param source     {@code XDM} or {@code CDA}
 * @param origin     file or message it came from
 */
public record StoredVersion(UUID documentId, UUID patientId, String uniqueId, String setId, int versionNumber, String hash, long size,
        String mimeType, String source, String origin, Instant importedAt, Instant deletedAt, String deletedBy) {

    public boolean deleted() {
        return deletedAt != null;
    }
}
