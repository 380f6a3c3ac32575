package org.caducee.cda.write;

import java.time.OffsetDateTime;
import java.util.Objects;

import org.caducee.cda.CodedValue;
import org.caducee.cda.InstanceId;
import org.caducee.core.patient.Patient;

/**
 * One document to write: the CI-SIS header facts and the content. The CDA (N1 or N3) and its PDF/A-1b copy are both
 * produced from this single model.
 *
 * @param id              unique id of this version of the document
 * @param setId           id shared by all versions of the document
 * @param versionNumber   1 for a first version
 * @param type            document type (TRE_A05 / LOINC code, e.g. 87273-9 "Note de vaccination"); for an N3 document
 *                        the template's {@link CdaBodyTemplate#documentCode()} wins
 * @param title           document title
 * @param effectiveTime   document date
 * @param confidentiality {@code N}, {@code R} or {@code V} (HL7 Confidentiality)
 * @param patient         the patient; the INS is written (first) only when the identity is qualifiée
 * @param localPatientId  the patient's local id (IPP) root OID and value, or {@code null}
 * @param authorship      author, structure, practice setting
 * @param act             the documented act (documentationOf/serviceEvent) and its encounter
 * @param replaces        for a new version: the id of the version it replaces (relatedDocument RPLC), else {@code null}
 * @param content         what the body carries
 */
public record CdaDocument(InstanceId id, InstanceId setId, int versionNumber, CodedValue type, String title,
        OffsetDateTime effectiveTime, String confidentiality, Patient patient, InstanceId localPatientId,
        CdaAuthorship authorship, CdaAct act, InstanceId replaces, DocumentContent content) {

    public CdaDocument {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(setId, "setId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(effectiveTime, "effectiveTime");
        Objects.requireNonNull(patient, "patient");
        Objects.requireNonNull(authorship, "authorship");
        Objects.requireNonNull(act, "act");
        Objects.requireNonNull(content, "content");
        if (versionNumber < 1) {
            throw new IllegalArgumentException("versionNumber < 1");
        }
        if (versionNumber > 1 && replaces == null) {
            throw new IllegalArgumentException("a version > 1 must name the version it replaces");
        }
        confidentiality = confidentiality == null ? "N" : confidentiality;
        title = title == null || title.isBlank() ? type.displayName() : title;
    }

    /** The next version of this document (same setId, version + 1, RPLC of this one) with a new id and content. */
    public CdaDocument nextVersion(InstanceId newId, OffsetDateTime newTime, DocumentContent newContent) {
        return new CdaDocument(newId, setId, versionNumber + 1, type, title, newTime, confidentiality, patient, localPatientId,
                authorship, act, id, newContent);
    }
}
