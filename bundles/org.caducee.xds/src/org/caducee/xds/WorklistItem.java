package org.caducee.xds;

import java.time.Instant;
import java.util.UUID;

/**
 * A received file or document kept, with its original bytes, until someone decides what to do.
 *
 * @param detail     the French explanation shown to the user
 * @param fileName   the original file name (archive or document)
 * @param uniqueId   the document's id when it could be read, else {@code null}
 * @param patient    what the document says of the patient (INS and name), when readable
 */
public record WorklistItem(UUID id, Instant receivedAt, WorklistReason reason, String detail, String origin, String fileName,
        String uniqueId, String setId, Integer versionNumber, String patient, boolean open) {
}
