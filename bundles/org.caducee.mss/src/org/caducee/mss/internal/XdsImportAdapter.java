package org.caducee.mss.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.caducee.core.document.DocumentFormat;
import org.caducee.core.document.DocumentRepository;
import org.caducee.core.document.DuplicateDocumentException;
import org.caducee.core.document.HealthDocument;
import org.caducee.core.document.Provenance;
import org.caducee.mss.MssErrorCode;
import org.caducee.mss.ReceivedDocumentImport;
import org.caducee.security.zip.ZipEntryData;
import org.caducee.xds.DocumentImport;
import org.caducee.xds.DocumentVersions;
import org.caducee.xds.ImportOutcome;
import org.caducee.xds.StoredVersion;
import org.caducee.xds.Worklist;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The documents engine of the xds bundle seen as the reception pipeline's {@link ReceivedDocumentImport}: every
 * document of the IHE_XDM.zip filed (or already filed, or a deletion applied) means integrated; otherwise the first
 * worklist reason becomes the MSSanté error code (902 unknown patient, 903 no INS, 904 INS mismatch, 900 version
 * conflict, 906 invalid document).
 * <p>
 * A refused message has one owner: the MSSanté worklist (it keeps the whole message, PDF included). The items the
 * documents engine opened in its own worklist ("Documents reçus") for it are closed at once, so the user sees it once.
 * New versions and deletions of already integrated documents come back as French notices shown on the message.
 */
@Component(service = ReceivedDocumentImport.class)
public class XdsImportAdapter implements ReceivedDocumentImport {

    private final DocumentImport documents;
    private final Worklist worklist;
    private final DocumentVersions versions;
    private final DocumentRepository records;

    @Activate
    public XdsImportAdapter(@Reference DocumentImport documents, @Reference Worklist worklist, @Reference DocumentVersions versions,
            @Reference DocumentRepository records) {
        this.documents = documents;
        this.worklist = worklist;
        this.versions = versions;
        this.records = records;
    }

    @Override
    public Outcome importXdm(byte[] xdmZip, Origin origin) {
        return outcome(documents.importFile(MessageComposer.XDM_NAME, xdmZip, origin.messageId(), Provenance.RECEIVED_MSSANTE, null));
    }

    @Override
    public Prepared prepareXdm(byte[] xdmZip, Origin origin) {
        return prepareXdm(xdmZip, null, origin);
    }

    @Override
    public Prepared prepareXdm(byte[] xdmZip, List<ZipEntryData> entries, Origin origin) {
        DocumentImport.Prepared prepared = documents.prepareFile(MessageComposer.XDM_NAME, xdmZip, entries, origin.messageId(),
                Provenance.RECEIVED_MSSANTE, null);
        return () -> outcome(prepared.apply());
    }

    @Override
    public Outcome importXdmFor(byte[] xdmZip, UUID patientId, Origin origin) {
        return outcome(documents.importFile(MessageComposer.XDM_NAME, xdmZip, origin.messageId(), Provenance.RECEIVED_MSSANTE, patientId));
    }

    @Override
    public Outcome importPdf(byte[] pdf, String fileName, String title, UUID patientId, Origin origin) {
        String id = "urn:caducee:mss:" + UUID.nameUUIDFromBytes((origin.messageId() + "/" + fileName).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Optional<StoredVersion> already = versions.find(id);
        if (already.isPresent()) {
            return Outcome.integrated(List.of(already.get().documentId().toString()), already.get().patientId(), List.of());
        }
        Instant at = origin.receivedAt() == null ? Instant.now() : origin.receivedAt();
        HealthDocument record = new HealthDocument(UUID.randomUUID(), patientId, id, id, 1, null, null, title,
                at.atOffset(java.time.ZoneOffset.UTC), origin.sender(), DocumentFormat.PDF,
                Provenance.RECEIVED_MSSANTE, null, null, null);
        try {
            StoredVersion stored = versions.store(record, pdf, "application/pdf", "PDF", origin.messageId() + " — " + fileName);
            return Outcome.integrated(List.of(stored.documentId().toString()), patientId, List.of());
        } catch (DuplicateDocumentException | IllegalArgumentException e) {
            return Outcome.refused(MssErrorCode.OTHER, e.getMessage());
        }
    }

    Outcome outcome(List<ImportOutcome> outcomes) {
        List<String> ids = new ArrayList<>();
        List<String> notices = new ArrayList<>();
        UUID patient = null;
        Outcome refused = null;
        for (ImportOutcome o : outcomes) {
            if (o.status() == ImportOutcome.Status.WORKLIST) {
                if (o.worklistId() != null) {
                    worklist.close(o.worklistId());
                }
                if (refused == null) {
                    refused = Outcome.refused(code(o), o.message());
                }
                continue;
            }
            if (o.patientId() != null) {
                patient = o.patientId();
            }
            if (o.documentId() != null) {
                ids.add(o.documentId().toString());
            }
            if (o.status() == ImportOutcome.Status.DELETION_APPLIED) {
                notices.add(earlier(o.setId(), o.uniqueId()).map(t -> Messages.get("recv.notice.deleted", t)).orElse(o.message()));
            } else if (o.status() == ImportOutcome.Status.STORED && o.versionNumber() != null && o.versionNumber() > 1) {
                // only when it replaces a version the record already had (a v2 arriving first is just a new document)
                Optional<String> replaced = earlier(o.setId(), o.uniqueId());
                replaced.ifPresent(t -> notices.add(Messages.get("recv.notice.version", o.versionNumber(), t)));
            }
        }
        if (refused != null) {
            return refused;
        }
        if (outcomes.isEmpty()) {
            return Outcome.refused(MssErrorCode.OTHER, Messages.get("recv.noAttachment"));
        }
        return Outcome.integrated(ids, patient, notices);
    }

    private static MssErrorCode code(ImportOutcome o) {
        return o.reason() == null ? MssErrorCode.OTHER : switch (o.reason()) {
        case UNKNOWN_PATIENT -> MssErrorCode.UNKNOWN_PATIENT;
        case INS_MISMATCH -> MssErrorCode.INS_MISMATCH;
        case NO_INS -> MssErrorCode.NO_INS;
        case VERSION_CONFLICT -> MssErrorCode.WRONG_VERSION;
        case INVALID_DOCUMENT -> MssErrorCode.OTHER;
        };
    }

    /** The title of an earlier version of the set already in the record (what the message changed), if any. */
    private Optional<String> earlier(String setId, String uniqueId) {
        if (setId == null) {
            return Optional.empty();
        }
        for (StoredVersion v : versions.versions(setId)) {
            if (!v.uniqueId().equals(uniqueId)) {
                Optional<HealthDocument> d = records.find(v.documentId());
                if (d.isPresent()) {
                    return Optional.of(d.get().title() != null && !d.get().title().isBlank() ? d.get().title() : v.uniqueId());
                }
            }
        }
        return Optional.empty();
    }
}
