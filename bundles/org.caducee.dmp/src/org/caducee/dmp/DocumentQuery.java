package org.caducee.dmp;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The filters of FindDocuments (TD3.1): statuses (approved by default), documents submitted since an instant
 * (creation time from), document types (typeCode, LOINC).
 */
public record DocumentQuery(Set<DocumentStatus> statuses, Optional<Instant> since, List<String> typeCodes) {

    public DocumentQuery {
        statuses = Set.copyOf(statuses);
        Objects.requireNonNull(since, "since");
        typeCodes = List.copyOf(typeCodes);
        if (statuses.isEmpty()) {
            throw new IllegalArgumentException("statuses");
        }
    }

    /** The current documents, every type. */
    public static DocumentQuery current() {
        return new DocumentQuery(Set.of(DocumentStatus.APPROVED), Optional.empty(), List.of());
    }

    public DocumentQuery since(Instant instant) {
        return new DocumentQuery(statuses, Optional.of(instant), typeCodes);
    }
}
