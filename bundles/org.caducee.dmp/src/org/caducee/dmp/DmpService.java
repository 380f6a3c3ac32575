package org.caducee.dmp;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.caducee.core.care.Consent;
import org.caducee.outbox.OutboxItem;
import org.caducee.xds.Visibility;

/**
 * The DMP for the record: the DICA checklist (with the existence test when it can be sent), the patient's choices
 * per care episode, the individual authorisation that follows the consent (queued in the outbox, renewed every six
 * months while the episode lasts) and the professional's information notice. Methods that talk to the DMP block: call
 * them from a job, never from the UI thread.
 */
public interface DmpService {

    /** The DICA of the patient now, for the access mode chosen by the user. */
    Dica dica(UUID patientId, AccessMode mode);

    /** The choices recorded for the patient's current care episode (empty when none was recorded). */
    Optional<Consent> consent(UUID patientId);

    /**
     * Records the patient's choices for the current care episode, opened today when there is none (traced); when the
     * consent to consultation is given and an authorisation is due, queues it in the outbox (channel
     * {@value #AUTHORIZATION_CHANNEL}).
     */
    Consent recordConsent(UUID patientId, boolean informed, boolean feedingOpposed, boolean consultationAllowed,
            String recordedBy);

    /** True when the information notice must be shown to {@code login} before the next DMP access. */
    boolean informationNoticeDue(String login);

    /** Records (and traces) that {@code login} read the notice and ticked "J’ai compris". */
    void acknowledgeInformationNotice(String login);

    /**
     * Queues the document for the DMP (TD2.1 through the outbox, channel {@value #FEED_CHANNEL}, idempotency key its
     * uniqueId): sent at the time {@code timing} gives, holdable and cancellable until it leaves, retried while the
     * DMP is unreachable. A document already sent returns its delivered item (nothing is sent twice).
     *
     * @param visibility the TRE_A07 flags (e.g. {@link Visibility#INVISIBLE_PATIENT})
     * @throws IllegalStateException with a French message when the document cannot go to the DMP (unknown, no
     *                               content, INS not qualified, patient opposed to feeding, nobody authenticated)
     */
    OutboxItem share(UUID documentId, Set<Visibility> visibility, FeedTiming timing, String requestedBy);

    /** The timing used when the user does not choose one (setting {@code dmp.alimentation.envoi}). */
    FeedTiming defaultTiming();

    /** The feeding order of a document, if it was queued. */
    Optional<OutboxItem> feed(UUID documentId);

    /** When the document was registered in the DMP by this installation ("déjà envoyé"), if it was. */
    Optional<Instant> sentToDmp(UUID documentId);

    /** Holds the feeding order of a document that has not left yet. */
    OutboxItem holdFeed(UUID documentId);

    /** Releases a held feeding order. */
    OutboxItem releaseFeed(UUID documentId);

    /** Cancels a feeding order that has not left yet. */
    OutboxItem cancelFeed(UUID documentId);

    /**
     * TD3.1 when the record opens: the current documents, the number of new ones since this professional's previous
     * visit — those never listed to him or her before, whatever their creation date (this listing is recorded now) —, the
     * announcements about the record's documents, and (GetSubmissionSets) the day each document invisible to the patient
     * becomes visible. Needs consent or an emergency mode.
     */
    DmpSummary open(UUID patientId, AccessMode mode) throws DmpException;

    /** TD3.1: the patient's documents matching the query (traced). */
    List<DmpDocument> documents(UUID patientId, AccessMode mode, DocumentQuery query) throws DmpException;

    /**
     * TD3.1 GetSubmissionSets: for each of {@code documents} invisible to the patient, the day the DMP makes it visible
     * to him or her ({@link Revisibility}: three months after it was sent), keyed by uniqueId (traced).
     */
    Map<String, LocalDate> patientVisibleOn(UUID patientId, AccessMode mode, List<DmpDocument> documents) throws DmpException;

    /** TD3.1 GetDocuments: the current registry entry of a document (the approved one, else the latest). */
    Optional<DmpDocument> document(UUID patientId, AccessMode mode, String uniqueId) throws DmpException;

    /** TD3.1 GetRelatedDocuments: every version of the document linked by RPLC. */
    List<DmpDocument> versions(UUID patientId, AccessMode mode, DmpDocument document) throws DmpException;

    /** TD3.2: the bytes of a document (traced). */
    RetrievedDocument retrieve(UUID patientId, AccessMode mode, DmpDocument document) throws DmpException;

    /**
     * TD3.2 then integration into the record with the versioning and dedupe rules and provenance "DMP"; a document
     * already in the record is reported as such, nothing is stored twice.
     */
    org.caducee.xds.ImportOutcome integrate(UUID patientId, AccessMode mode, DmpDocument document) throws DmpException;

    /** TD3.3a/b: new visibility flags of a document (traced). */
    DmpDocument changeVisibility(UUID patientId, DmpDocument document, Set<Visibility> visibility) throws DmpException;

    /** TD3.3c/d: archive, unarchive or delete a document of its author (traced). */
    void changeStatus(UUID patientId, DmpDocument document, DocumentStatus status) throws DmpException;

    /** Outbox channel of the documents sent to the DMP (TD2.1). */
    String FEED_CHANNEL = "dmp.alimentation";

    /** Outbox channel of the individual authorisations (TD0.3). */
    String AUTHORIZATION_CHANNEL = "dmp.habilitation";
}
