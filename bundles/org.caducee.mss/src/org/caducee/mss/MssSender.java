package org.caducee.mss;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Sends documents by MSSanté through the durable outbox (channel {@value #CHANNEL}; the Message-ID is the idempotency
 * key, so a message is sent once even if the process stops in the middle). Remembers, per correspondent, the choice
 * "PDF seulement".
 */
public interface MssSender {

    String CHANNEL = "mssante";

    /** One queued message: its Message-ID, recipients and whether it carries the IHE_XDM.zip. */
    record QueuedMessage(String messageId, List<String> to, boolean withXdm, String outboxItemId) {
    }

    /** Where a sent message stands, as the user sees it. */
    enum SendState {
        /** Queued in the outbox (waiting, held, or being delivered). */
        PENDING,
        /** Accepted by the operator. */
        SENT,
        /** Refused, given up after the last retry, or cancelled: {@code error} says why. */
        FAILED
    }

    /**
     * One message of the sent folder.
     *
     * @param patientRef the local patient id given when sending (null for reports)
     * @param documentId the local document sent, or null
     */
    record SentItem(String messageId, List<String> to, String subject, SendState state, String error, String patientRef, UUID documentId,
            Instant createdAt, Instant sentAt) {
    }

    /**
     * Builds the messages (one for the recipients that read CDA, one PDF-only message for the others) and queues them.
     *
     * @throws MssException (kind {@link MssException.Kind#INVALID}) when the request breaks a rule (no recipient,
     *         patient address without a qualified INS…)
     */
    List<QueuedMessage> send(MssSendRequest request) throws MssException;

    /** The sent folder (documents and integration reports), newest first, with the outbox state of each message. */
    List<SentItem> sent(int max);

    /**
     * The patient's care team as MSSanté knows it: the professionals the patient's documents were sent to or received
     * from (patient mailboxes left out), most recent first.
     */
    List<String> careTeam(UUID patientId);

    /** True when the correspondent asked to receive the PDF only. */
    boolean pdfOnly(String address);

    /** Remembers the correspondent's choice. */
    void setPdfOnly(String address, boolean pdfOnly);
}
