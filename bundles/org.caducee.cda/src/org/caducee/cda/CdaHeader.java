package org.caducee.cda;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import org.caducee.core.document.DocumentFormat;
import org.caducee.core.document.HealthDocument;
import org.caducee.core.document.Provenance;

/**
 * What Caducée reads from the header of a received CDA R2 document (N1 or N3).
 *
 * @param templateIds         roots (with {@code ^extension}) of the document's templateIds
 * @param effectiveTime       document date, with the offset the document states (Europe/Paris when it states none)
 * @param serviceStart        {@code documentationOf/serviceEvent/effectiveTime/low} (act date), may be {@code null}
 * @param custodian           {@code custodian/assignedCustodian/representedCustodianOrganization}
 */
public record CdaHeader(InstanceId id, InstanceId setId, Integer versionNumber, CodedValue code, String title,
        OffsetDateTime effectiveTime, CodedValue confidentiality, String languageCode, List<String> templateIds,
        CdaLevel level, String mediaType, CdaPatient patient, List<CdaAuthor> authors, CdaOrganization custodian,
        OffsetDateTime serviceStart, List<CdaRelatedDocument> relatedDocuments) {

    public CdaHeader {
        templateIds = List.copyOf(templateIds);
        authors = List.copyOf(authors);
        relatedDocuments = List.copyOf(relatedDocuments);
    }

    /** The {@code RPLC} parent, when this document is a new version of another one. */
    public java.util.Optional<CdaRelatedDocument> replaced() {
        return relatedDocuments.stream().filter(CdaRelatedDocument::replaces).findFirst();
    }

    /**
     * The core record of this document. {@code uniqueId} and {@code setId} are {@code root[^extension]}; the act date
     * is the service event start, else the document date; the author is the first author's name.
     *
     * @throws NullPointerException     when the header has no {@code id} or no {@code setId}
     * @throws IllegalArgumentException when {@code versionNumber} is absent or not positive
     */
    public HealthDocument toHealthDocument(UUID localId, UUID patientId, Provenance provenance) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(setId, "setId");
        return new HealthDocument(localId, patientId, id.value(), setId.value(), versionNumber == null ? 0 : versionNumber,
                code == null ? null : code.code(), code == null ? null : code.displayName(), title,
                serviceStart != null ? serviceStart : effectiveTime,
                authors.isEmpty() ? null : authors.get(0).displayName(),
                level == CdaLevel.N1 ? DocumentFormat.CDA_N1 : DocumentFormat.CDA_N3, provenance, Map.of(),
                confidentiality == null ? null : confidentiality.code(), null);
    }
}
