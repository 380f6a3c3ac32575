package org.caducee.xds;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.caducee.core.document.HealthDocument;

/**
 * Versioning and dedupe of received documents (OSGi service), the CI-SIS rules (SC.CDA/INT.18): a document whose
 * {@code id} is known is rejected; one whose {@code setId} is known with the same {@code versionNumber} is rejected;
 * any other is stored beside the others, never over a higher version; the latest version is the one with the highest
 * {@code versionNumber}. A deletion request marks the local copy deleted and never erases it.
 */
public interface DocumentVersions {

    /** Why a document was not stored. */
    enum Refusal {
        /** Same {@code id} and the same bytes: the document is already here (a duplicate delivery). */
        ALREADY_STORED,
        /** Same {@code id} but other bytes. */
        SAME_ID,
        /** Same {@code setId} and {@code versionNumber}, another {@code id}. */
        SAME_VERSION
    }

    /** The refusal of the rules for this document, if any (read only). */
    Optional<Refusal> check(String uniqueId, String setId, int versionNumber, String sha1);

    /**
     * Stores the record, its bytes and their provenance in one transaction.
     *
     * @throws org.caducee.core.document.DuplicateDocumentException with a French message when the rules refuse it
     */
    StoredVersion store(HealthDocument record, byte[] content, String mimeType, String source, String origin);

    /** Marks the stored copy of {@code uniqueId} deleted, keeping it; {@code requestedBy} is the uniqueId of the request. */
    Optional<StoredVersion> markDeleted(String uniqueId, String requestedBy);

    /** Every stored version of a set, highest {@code versionNumber} first. */
    List<StoredVersion> versions(String setId);

    /** The highest version of a set (deleted or not: the caller shows the state). */
    Optional<StoredVersion> latest(String setId);

    Optional<StoredVersion> find(String uniqueId);

    /** The stored bytes of a version. */
    Optional<byte[]> content(UUID documentId);
}
