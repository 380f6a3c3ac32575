package org.caducee.xds;

import java.util.List;

/** The content of one METADATA.XML (a {@code SubmitObjectsRequest}): one submission set and its documents. */
public record SubmissionMetadata(SubmissionSet submissionSet, List<DocumentEntry> documents) {

    public SubmissionMetadata {
        documents = List.copyOf(documents);
    }
}
