package org.caducee.mss.tests;

import java.util.List;
import java.util.UUID;

import org.caducee.mss.ReceivedDocumentImport;

/** An importer that accepts every document at once: the reception pipeline's own work, without the documents engine. */
final class InstantImporter implements ReceivedDocumentImport {

    @Override
    public Outcome importXdm(byte[] xdmZip, Origin origin) {
        return Outcome.integrated(List.of(origin.messageId()));
    }

    @Override
    public Outcome importXdmFor(byte[] xdmZip, UUID patientId, Origin origin) {
        return Outcome.integrated(List.of(origin.messageId()));
    }
}
