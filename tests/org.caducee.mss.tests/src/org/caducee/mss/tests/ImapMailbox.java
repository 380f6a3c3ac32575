package org.caducee.mss.tests;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

import org.caducee.mss.internal.MailConnector;

import jakarta.mail.Folder;
import jakarta.mail.Message;

/** Reads a mailbox over IMAP as a recipient would, for the assertions of the tests. */
final class ImapMailbox {

    private ImapMailbox() {
    }

    /** Every message of the INBOX, as raw bytes, oldest first. */
    static List<byte[]> read(MailConnector connector) throws Exception {
        List<byte[]> out = new ArrayList<>();
        try (var store = connector.openStore()) {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            for (Message m : inbox.getMessages()) {
                out.add(MailConnector.withMailLoader(() -> {
                    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                    m.writeTo(bytes);
                    return bytes.toByteArray();
                }));
            }
            inbox.close(false);
        }
        return out;
    }
}
