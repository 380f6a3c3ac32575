package org.caducee.xds;

import java.util.List;
import java.util.Set;

/**
 * Derives XDS metadata from CDA R2 documents (OSGi service): classCode from the document type (ASS_X04), formatCode
 * from the templateIds (ASS_A11), typeCode, healthcareFacilityTypeCode, practiceSettingCode, confidentialityCode
 * (plus the requested {@link Visibility} flags), authors, patient, hash (SHA-1, upper-case hex), size, URI, uniqueIds.
 * Display names come from the value sets of the ANS kit (setting {@code cda.kit.dir}) when present.
 */
public interface XdsMetadataFactory {

    /**
     * @throws XdsException with a French message when the bytes are not a CDA document or lack what XDS requires
     *                      (id, patient with an INS or an identifier, document type)
     */
    DocumentEntry documentEntry(byte[] cda, String uri, Set<Visibility> visibility);

    /** A submission set for these documents (same patient), authored by the first author of the first document. */
    SubmissionSet submissionSet(List<DocumentEntry> documents, String title);
}
