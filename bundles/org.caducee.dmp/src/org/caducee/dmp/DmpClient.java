package org.caducee.dmp;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.caducee.xds.Visibility;

/**
 * The DMP transactions of the record's life cycle. Every call passes the {@link ConsentGate} first (a refused call
 * throws {@link ConsentRequiredException} and nothing is sent), carries a signed VIHF and uses mutual TLS with the
 * structure's authentication certificate. Calls block: run them in a job, never on the UI thread.
 */
public interface DmpClient {

    /** TD0.2: existence and access conditions of the patient's DMP for this professional. */
    DmpAccess existence(DmpRequest request) throws DmpException;

    /** TD0.3 AJOUT: grant this professional the individual authorisation (needs the consent to consultation). */
    void authorize(DmpRequest request) throws DmpException;

    /** TD0.3 SUPPRESSION: remove the authorisation. */
    void revoke(DmpRequest request) throws DmpException;

    /** TD2.1 / TD2.2 (ITI-41, MTOM): submits the documents with the XAdES signature of the submission set. */
    SubmitOutcome submit(DmpRequest request, DmpSubmission submission) throws DmpException;

    /** TD3.1 (ITI-18 FindDocuments): the patient's documents matching the query, as this professional may see them. */
    List<DmpDocument> findDocuments(DmpRequest request, DocumentQuery query) throws DmpException;

    /** TD3.1 (ITI-18 GetDocuments): every registry version of the document {@code uniqueId}. */
    List<DmpDocument> getDocuments(DmpRequest request, String uniqueId) throws DmpException;

    /** TD3.1 (ITI-18 FindSubmissionSets): the patient's submission sets. */
    List<DmpSubmissionSet> findSubmissionSets(DmpRequest request) throws DmpException;

    /**
     * TD3.1 (ITI-18 GetSubmissionSets): for each document {@code entryUuids} names, the submission set that brought it
     * into the DMP (its submissionTime says when it was sent), keyed by the document's entryUUID.
     */
    Map<String, DmpSubmissionSet> submissionSetsOf(DmpRequest request, List<String> entryUuids) throws DmpException;

    /** TD3.1 (ITI-18 GetRelatedDocuments): the documents related to {@code entryUuid} by RPLC (earlier and later versions). */
    List<DmpDocument> relatedDocuments(DmpRequest request, String entryUuid) throws DmpException;

    /** TD3.2 (ITI-43, MTOM answer): the bytes of a listed document. */
    RetrievedDocument retrieve(DmpRequest request, DmpDocument document) throws DmpException;

    /** TD3.3a/b (ITI-57): new visibility flags of a document (masked to professionals, invisible to the patient…). */
    DmpDocument updateVisibility(DmpRequest request, DmpDocument document, Set<Visibility> visibility) throws DmpException;

    /** TD3.3c/d (ITI-57): archive, unarchive ({@link DocumentStatus#APPROVED}) or delete a document of its author. */
    void updateStatus(DmpRequest request, DmpDocument document, DocumentStatus newStatus) throws DmpException;
}
