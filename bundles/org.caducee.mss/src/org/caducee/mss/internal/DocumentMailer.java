package org.caducee.mss.internal;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import org.caducee.cda.render.CdaRenderer;
import org.caducee.core.document.Channel;
import org.caducee.core.document.DocumentFormat;
import org.caducee.core.document.DocumentRepository;
import org.caducee.core.document.HealthDocument;
import org.caducee.core.document.SharingState;
import org.caducee.core.identity.Identity;
import org.caducee.core.patient.Patient;
import org.caducee.core.patient.PatientRepository;
import org.caducee.mss.MssDocumentSender;
import org.caducee.mss.MssException;
import org.caducee.mss.MssException.Kind;
import org.caducee.mss.MssSendRequest;
import org.caducee.mss.MssSender;
import org.caducee.mss.MssSender.QueuedMessage;
import org.caducee.xds.DocumentVersions;
import org.caducee.xds.XdmArchives;
import org.caducee.xds.XdmSender;
import org.caducee.xds.XdsException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * "Envoyer par MSSanté" from a record (see {@link MssDocumentSender}): the stored bytes of the document give the PDF
 * (a stored PDF, or the PDF copy the CDA carries) and the IHE_XDM.zip (the CDA packed by the documents engine); the
 * patient's identity gives the subject; {@link MssSender} composes and queues; the document is marked "en attente".
 */
@Component(service = MssDocumentSender.class)
public class DocumentMailer implements MssDocumentSender {

    private final MssSender sender;
    private final DocumentRepository documents;
    private final PatientRepository patients;
    private final DocumentVersions versions;
    private final XdmArchives archives;
    private final CdaRenderer renderer;

    @Activate
    public DocumentMailer(@Reference MssSender sender, @Reference DocumentRepository documents, @Reference PatientRepository patients,
            @Reference DocumentVersions versions, @Reference XdmArchives archives, @Reference CdaRenderer renderer) {
        this.sender = sender;
        this.documents = documents;
        this.patients = patients;
        this.versions = versions;
        this.archives = archives;
        this.renderer = renderer;
    }

    @Override
    public List<QueuedMessage> send(DocumentMessage message) throws MssException {
        HealthDocument doc = documents.find(message.documentId())
                .orElseThrow(() -> new MssException(Kind.INVALID, Messages.get("doc.unknown", message.documentId())));
        if (doc.deleted()) {
            throw new MssException(Kind.INVALID, Messages.get("doc.deleted", label(doc)));
        }
        Patient patient = patients.find(doc.patientId()).orElseThrow(() -> new MssException(Kind.INVALID, Messages.get("doc.noPatient")));
        byte[] content = versions.content(doc.id()).orElseThrow(() -> new MssException(Kind.INVALID, Messages.get("doc.noContent", label(doc))));
        byte[] pdf;
        byte[] xdm = null;
        if (doc.format() == DocumentFormat.PDF || isPdf(content)) {
            pdf = content;
        } else {
            try {
                pdf = renderer.pdf(content).orElseThrow(() -> new MssException(Kind.INVALID, Messages.get("doc.noPdf", label(doc))));
                xdm = archives.pack(List.of(content), new XdmSender(null, null, null, null, null, "Caducée", null, "Caducée"), Set.of());
            } catch (XdsException | IllegalArgumentException e) {
                throw new MssException(Kind.INVALID, Messages.get("doc.unreadable", label(doc), e.getMessage()), e);
            }
        }
        Identity id = patient.identity();
        MssSendRequest request = new MssSendRequest(message.to(), label(doc), id.traits().birthName(), id.traits().firstBirthFirstName(),
                id.traits().birthDate(), id.insShareable(), doc.typeCode() == null || xdm == null ? List.of() : List.of(doc.typeCode()), pdf,
                fileName(doc), xdm, message.body(), message.readReceipt(), message.closePatientChannel(), patient.id().toString(), message.actor(),
                doc.id());
        List<QueuedMessage> queued = sender.send(request);
        documents.updateSharing(doc.id(), Channel.MSSANTE, SharingState.PENDING);
        return queued;
    }

    private static String label(HealthDocument doc) {
        if (doc.title() != null && !doc.title().isBlank()) {
            return doc.title();
        }
        return doc.typeLabel() != null ? doc.typeLabel() : Messages.get("doc.defaultLabel");
    }

    /** The PDF attachment's name: the title, in file-name-safe characters. */
    static String fileName(HealthDocument doc) {
        String base = label(doc).replaceAll("[^\\p{L}\\p{N}]+", "_").replaceAll("^_+|_+$", "");
        return (base.isEmpty() ? "document" : base.length() > 60 ? base.substring(0, 60) : base) + ".pdf";
    }

    private static boolean isPdf(byte[] b) {
        return b.length >= 5 && new String(b, 0, 5, StandardCharsets.US_ASCII).equals("%PDF-");
    }
}
