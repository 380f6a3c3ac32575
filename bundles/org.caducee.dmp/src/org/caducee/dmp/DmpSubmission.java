package org.caducee.dmp;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.caducee.xds.DocumentEntry;
import org.caducee.xds.SubmissionSet;

/**
 * What TD2.1 sends: a submission set and its documents with their bytes; the client adds the XAdES signature of the
 * set. A document that replaces an earlier version names that version's entryUUID (RPLC).
 */
public record DmpSubmission(SubmissionSet submissionSet, List<Document> documents) {

    /** One submitted document. */
    public record Document(DocumentEntry entry, byte[] content, Optional<String> replacesEntryUuid) {

        public Document {
            Objects.requireNonNull(entry, "entry");
            Objects.requireNonNull(content, "content");
            Objects.requireNonNull(replacesEntryUuid, "replacesEntryUuid");
        }
    }

    public DmpSubmission {
        Objects.requireNonNull(submissionSet, "submissionSet");
        documents = List.copyOf(documents);
        if (documents.isEmpty()) {
            throw new IllegalArgumentException("documents");
        }
    }
}
