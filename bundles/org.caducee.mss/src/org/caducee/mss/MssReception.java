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
        INTEGRATED, WORKLIST, MANUALLY_INTEGRATED, DUPLICATE,
        /** Read and dealt with by hand, nothing filed: a message that carries no document (plain text from a patient…). */
        HANDLED
    }

    /**
     * One received message as stored locally.
     *
     * @param patientId the patient whose record received its documents (integrated messages), else null
     * @param documentIds the local documents it filed (core {@code HealthDocument} ids)
     * @param notice French notice of what it changed in the record besides new documents (new version replacing an
     *        integrated one, deletion requested by the author), else null
     */
    record ReceivedItem(UUID id, String messageId, String sender, boolean fromPatient, String subject, Status status, MssErrorCode code,
            String reason, List<String> attachmentNames, Instant receivedAt, UUID patientId, List<UUID> documentIds, String notice) {

        public ReceivedItem {
            attachmentNames = attachmentNames == null ? List.of() : List.copyOf(attachmentNames);
            documentIds = documentIds == null ? List.of() : List.copyOf(documentIds);
        }

        /** True when the message carries an IHE_XDM.zip. */
        public boolean hasXdm() {
            return attachmentNames.stream().anyMatch(n -> n.equalsIgnoreCase("IHE_XDM.zip"));
        }

        /** True when the message carries neither an IHE_XDM.zip nor a PDF: nothing to integrate, it can be marked handled. */
        public boolean nothingToIntegrate() {
            return !hasXdm() && !pdfOnly();
        }

        /** True when the message carries a PDF and no IHE_XDM.zip (integrable by hand as a PDF document). */
        public boolean pdfOnly() {
            return !hasXdm() && attachmentNames.stream().anyMatch(n -> n.toLowerCase(java.util.Locale.ROOT).endsWith(".pdf"));
        }
    }

    /** Fetches and processes the new messages of the inbox now. */
    PollReport poll() throws MssException;

    /** Messages waiting for a manual integration, oldest first. */
    List<ReceivedItem> worklist();

    /** Every received message, newest first. */
    List<ReceivedItem> received(int max);

    /** Messages whose documents went into this patient's record, newest first. */
    List<ReceivedItem> receivedFor(UUID patientId);

    /**
     * Integrates a worklist item into the chosen patient: the IHE_XDM.zip through the documents engine, or, for a
     * message carrying PDF files only, each PDF as a document of the patient with provenance MSSanté.
     *
     * @throws MssException when the item is unknown or the documents engine refused it
     */
    ReceivedItem integrate(UUID itemId, UUID patientId, String actor) throws MssException;

    /**
     * Closes a worklist item that carries no document to integrate (a patient's plain-text message…): it leaves the
     * worklist with status {@link Status#HANDLED}, who and the note in its reason; traced.
     *
     * @param note what was done (French, optional)
     * @throws MssException when the item is unknown, already dealt with, or carries a document (integrate it instead)
     */
    ReceivedItem markHandled(UUID itemId, String note, String actor) throws MssException;
}
