package org.caducee.mss.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.caducee.core.document.Provenance;
import org.caducee.mss.MssErrorCode;
import org.caducee.mss.ReceivedDocumentImport;
import org.caducee.xds.DocumentImport;
import org.caducee.xds.ImportOutcome;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The documents engine of the xds bundle seen as the reception pipeline's {@link ReceivedDocumentImport}: every
 * document of the IHE_XDM.zip filed (or already filed, or a deletion applied) means integrated; otherwise the first
 * worklist reason becomes the MSSanté error code (902 unknown patient, 903 no INS, 904 INS mismatch, 900 version
 * conflict, 906 invalid document).
 */
@Component(service = ReceivedDocumentImport.class)
public class XdsImportAdapter implements ReceivedDocumentImport {

    private final DocumentImport documents;

    @Activate
    public XdsImportAdapter(@Reference DocumentImport documents) {
        this.documents = documents;
    }

    @Override
    public Outcome importXdm(byte[] xdmZip, Origin origin) {
        return outcome(documents.importFile(MessageComposer.XDM_NAME, xdmZip, origin.messageId(), Provenance.RECEIVED_MSSANTE, null));
    }

    @Override
    public Outcome importXdmFor(byte[] xdmZip, UUID patientId, Origin origin) {
        return outcome(documents.importFile(MessageComposer.XDM_NAME, xdmZip, origin.messageId(), Provenance.RECEIVED_MSSANTE, patientId));
    }

    static Outcome outcome(List<ImportOutcome> outcomes) {
        List<String> ids = new ArrayList<>();
        for (ImportOutcome o : outcomes) {
            if (o.status() == ImportOutcome.Status.WORKLIST) {
                MssErrorCode code = o.reason() == null ? MssErrorCode.OTHER : switch (o.reason()) {
                case UNKNOWN_PATIENT -> MssErrorCode.UNKNOWN_PATIENT;
                case INS_MISMATCH -> MssErrorCode.INS_MISMATCH;
                case NO_INS -> MssErrorCode.NO_INS;
                case VERSION_CONFLICT -> MssErrorCode.WRONG_VERSION;
                case INVALID_DOCUMENT -> MssErrorCode.OTHER;
                };
                return Outcome.refused(code, o.message());
            }
            if (o.documentId() != null) {
                ids.add(o.documentId().toString());
            }
        }
        if (outcomes.isEmpty()) {
            return Outcome.refused(MssErrorCode.OTHER, Messages.get("recv.noAttachment"));
        }
        return Outcome.integrated(ids);
    }
}
