package org.caducee.xds;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The persisted worklist of received documents that could not be filed automatically (OSGi service). */
public interface Worklist {

    WorklistItem add(WorklistReason reason, String detail, String origin, String fileName, byte[] content, String uniqueId,
            String setId, Integer versionNumber, String patient);

    /** Open items, oldest first. */
    List<WorklistItem> open();

    Optional<WorklistItem> find(UUID id);

    /** The original bytes, exactly as received. */
    Optional<byte[]> content(UUID id);

    /** Closes an item (the bytes are kept). */
    void close(UUID id);
}
