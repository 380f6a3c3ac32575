package org.caducee.mss;

import java.util.List;
import java.util.UUID;

import org.caducee.mss.MssSender.QueuedMessage;

/**
 * "Envoyer par MSSanté" for a document of the record: the PDF (the stored PDF, or the PDF copy of the CDA) and the
 * IHE_XDM.zip built from the stored CDA, the subject from the patient's identity, queued through {@link MssSender}; the
 * document's MSSanté sharing state follows the message.
 */
public interface MssDocumentSender {

    /**
     * @param to MSSanté addresses; recipients marked "PDF seulement" get the PDF alone
     * @param body the text of the message (French), empty for the default text
     */
    record DocumentMessage(UUID documentId, List<String> to, String body, boolean readReceipt, boolean closePatientChannel, String actor) {

        public DocumentMessage {
            to = List.copyOf(to);
        }
    }

    /**
     * @throws MssException (kind INVALID) with a French message when the document cannot be sent (unknown, no content,
     *         no recipient, patient mailbox without a qualified INS…)
     */
    List<QueuedMessage> send(DocumentMessage message) throws MssException;
}
