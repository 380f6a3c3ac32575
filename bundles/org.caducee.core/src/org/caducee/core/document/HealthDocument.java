package org.caducee.core.document;

import org.caducee.core.internal.Messages;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Local record of a health document. {@code uniqueId} is the CDA {@code id} (root[^extension]), {@code setId}
 * is shared by all versions, {@code versionNumber} grows with each version. {@code typeCode} is the LOINC/TRE_A05
 * code of the document type. The content itself (CDA, PDF) is stored separately under {@code id}. {@code deletedAt} is
 * set when the author asked for the deletion of this version (the local copy is kept, shown as deleted).
 */
public record HealthDocument(UUID id, UUID patientId, String uniqueId, String setId, int versionNumber, String typeCode,
        String typeLabel, String title, OffsetDateTime actDate, String authorName, DocumentFormat format, Provenance provenance,
        Map<Channel, SharingState> sharing, String confidentiality, Instant storedAt, Instant deletedAt) {

    public HealthDocument {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(patientId, "patientId");
        Objects.requireNonNull(uniqueId, "uniqueId");
        Objects.requireNonNull(setId, "setId");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(provenance, "provenance");
        if (versionNumber < 1) {
            throw new IllegalArgumentException(Messages.get("document.version"));
        }
        EnumMap<Channel, SharingState> copy = new EnumMap<>(Channel.class);
        for (Channel c : Channel.values()) {
            copy.put(c, SharingState.NOT_SHARED);
        }
        if (sharing != null) {
            copy.putAll(sharing);
        }
        sharing = Map.copyOf(copy);
        storedAt = storedAt == null ? Instant.now() : storedAt;
    }

    /** A record that is not deleted (the form used before deletion marks existed). */
    public HealthDocument(UUID id, UUID patientId, String uniqueId, String setId, int versionNumber, String typeCode, String typeLabel,
            String title, OffsetDateTime actDate, String authorName, DocumentFormat format, Provenance provenance,
            Map<Channel, SharingState> sharing, String confidentiality, Instant storedAt) {
        this(id, patientId, uniqueId, setId, versionNumber, typeCode, typeLabel, title, actDate, authorName, format, provenance, sharing,
                confidentiality, storedAt, null);
    }

    /** Whether the author asked for the deletion of this version (the copy is kept). */
    public boolean deleted() {
        return deletedAt != null;
    }

    public SharingState sharing(Channel channel) {
        return sharing.get(channel);
    }

    public HealthDocument withSharing(Channel channel, SharingState state) {
        EnumMap<Channel, SharingState> next = new EnumMap<>(sharing);
        next.put(channel, state);
        return new HealthDocument(id, patientId, uniqueId, setId, versionNumber, typeCode, typeLabel, title, actDate, authorName,
                format, provenance, next, confidentiality, storedAt, deletedAt);
    }
}
