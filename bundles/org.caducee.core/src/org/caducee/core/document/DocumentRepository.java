package org.caducee.core.document;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Local document records and their versions. */
public interface DocumentRepository {

    /**
     * Stores a new record. Follows the CI-SIS versioning rules: a record with an already known {@code uniqueId} is
     * rejected, as is one with the same {@code setId} and {@code versionNumber}.
     *
     * @throws DuplicateDocumentException when the rules reject it
     */
    HealthDocument add(HealthDocument document);

    /** Updates the sharing state of one channel. */
    HealthDocument updateSharing(UUID id, Channel channel, SharingState state);

    Optional<HealthDocument> find(UUID id);

    /**
     * Marks a version deleted at the request of its author (the record and its content are kept). Returns the record,
     * empty when unknown. The default (repositories that predate deletion marks) records nothing and returns the record.
     */
    default Optional<HealthDocument> markDeleted(UUID id, java.time.Instant at) {
        return find(id);
    }

    Optional<HealthDocument> findByUniqueId(String uniqueId);

    /** All documents of a patient, newest act date first. */
    List<HealthDocument> forPatient(UUID patientId);

    /** The latest version (highest versionNumber) of each setId of a patient. */
    List<HealthDocument> latestVersions(UUID patientId);
}
