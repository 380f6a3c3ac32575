package org.caducee.dmp;

import java.util.Optional;
import java.util.UUID;

/** A document of the record whose DMP copy changed: replaced by a newer version, or deleted by its author. */
public record DmpAnnouncement(UUID localDocumentId, String uniqueId, String title, Kind kind, Optional<DmpDocument> latest) {

    public enum Kind {
        /** The DMP holds a newer version ({@link #latest()} when this professional may see it). */
        NEW_VERSION,
        /** The author deleted it from the DMP. */
        DELETED
    }
}
