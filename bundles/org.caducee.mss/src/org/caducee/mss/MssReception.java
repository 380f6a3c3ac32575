package org.caducee.mss;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The reception pipeline: fetch → MIME → IHE_XDM.zip → {@link ReceivedDocumentImport} → integrated, or kept in the
 * worklist with the reason; error report (MDN if asked, else a mail to the error mailbox) through the outbox. The IMAP
 * message is flagged only once the result is stored, so a crash never loses a message.
 */
public interface MssReception {

    /** IMAP keyword set on a message once its result is stored. */
    String PROCESSED_KEYWORD = "$CaduceeTraite";

    /** What one poll did. */
    record PollReport(int fetched, int integrated, int worklist, int duplicates, int errors, List<String> messages) {
    }

    /** State of a received message. */
    enum Status {
        INTEGRATED, WORKLIST, MANUALLY_INTEGRATED, DUPLICATE
    }

    /** One received message as stored locally. */
    record ReceivedItem(UUID id, String messageId, String sender, boolean fromPatient, String subject, Status status, MssErrorCode code,
            String reason, List<String> attachmentNames, Instant receivedAt) {
    }

    /** Fetches and processes the new messages of the inbox now. */
    PollReport poll() throws MssException;

    /** Messages waiting for a manual integration, oldest first. */
    List<ReceivedItem> worklist();

    /** Every received message, newest first. */
    List<ReceivedItem> received(int max);

    /**
     * Integrates a worklist item into the chosen patient.
     *
     * @throws MssException when the item is unknown or the documents engine refused it
     */
    ReceivedItem integrate(UUID itemId, UUID patientId, String actor) throws MssException;
}
