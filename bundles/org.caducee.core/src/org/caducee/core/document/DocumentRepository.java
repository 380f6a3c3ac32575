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

    Optional<HealthDocument> findByUniqueId(String uniqueId);

    /** All documents of a patient, newest act date first. */
    List<HealthDocument> forPatient(UUID patientId);

    /** The latest version (highest versionNumber) of each setId of a patient. */
    List<HealthDocument> latestVersions(UUID patientId);
}
