package org.caducee.dmp.internal;

import java.util.List;

import org.caducee.cli.CliContext;
import org.caducee.cli.CliException;
import org.caducee.core.document.HealthDocument;
import org.caducee.mss.MssDocumentSender;
import org.caducee.mss.MssDocumentSender.DocumentMessage;
import org.caducee.mss.MssException;
import org.caducee.mss.MssSender;

/**
 * The MSSanté branch of the feed "en Y" from the command line: the same stored CDA as the one sent to the DMP goes,
 * as its PDF copy and an IHE_XDM.zip, through the MSSanté bundle's {@link MssDocumentSender} — the path of the share
 * dialog, so the document's MSSanté state follows the message (the bundle is loaded only when {@code --mss} is given).
 */
final class MssFeed {

    private MssFeed() {
    }

    static List<String> send(CliContext context, HealthDocument document, List<String> to) {
        try {
            return context.service(MssDocumentSender.class)
                    .send(new DocumentMessage(document.id(), to, "", false, false, "cli:" + System.getProperty("user.name", "?"))).stream()
                    .map(MssSender.QueuedMessage::messageId).toList();
        } catch (MssException e) {
            throw new CliException(CliException.FAILURE, e.getMessage());
        }
    }
}
