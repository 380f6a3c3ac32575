package org.caducee.mss;

import java.util.List;

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

    /**
     * Builds the messages (one for the recipients that read CDA, one PDF-only message for the others) and queues them.
     *
     * @throws MssException (kind {@link MssException.Kind#INVALID}) when the request breaks a rule (no recipient,
     *         patient address without a qualified INS…)
     */
    List<QueuedMessage> send(MssSendRequest request) throws MssException;

    /** True when the correspondent asked to receive the PDF only. */
    boolean pdfOnly(String address);

    /** Remembers the correspondent's choice. */
    void setPdfOnly(String address, boolean pdfOnly);
}
