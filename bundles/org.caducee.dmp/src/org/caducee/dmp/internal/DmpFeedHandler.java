package org.caducee.dmp.internal;

import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.caducee.core.audit.AuditTrail;
import org.caducee.core.installation.Installation;
import org.caducee.core.care.CareRepository;
import org.caducee.core.care.Consent;
import org.caducee.core.document.Channel;
import org.caducee.core.document.DocumentRepository;
import org.caducee.core.document.HealthDocument;
import org.caducee.core.document.SharingState;
import org.caducee.core.patient.Patient;
import org.caducee.core.patient.PatientRepository;
import org.caducee.dmp.AccessMode;
import org.caducee.dmp.ConsentRequiredException;
import org.caducee.dmp.DmpCaller;
import org.caducee.dmp.DmpCallerSource;
import org.caducee.dmp.DmpClient;
import org.caducee.dmp.DmpException;
import org.caducee.dmp.DmpRequest;
import org.caducee.dmp.DmpService;
import org.caducee.dmp.DmpSubmission;
import org.caducee.dmp.DmpTransaction;
import org.caducee.dmp.SubmitOutcome;
import org.caducee.outbox.OutboxHandler;
import org.caducee.outbox.NotHereException;
import org.caducee.outbox.OutboxItem;
import org.caducee.outbox.RetryableException;
import org.caducee.store.Database;
import org.caducee.store.SchemaReady;
import org.caducee.xds.DocumentEntry;
import org.caducee.xds.DocumentVersions;
import org.caducee.xds.SubmissionSet;
import org.caducee.xds.XdsMetadataFactory;
import org.caducee.dmp.vihf.AuthenticationContext;
import org.caducee.dmp.vihf.AuthenticationMode;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * Delivers the feeding orders of channel {@value DmpService#FEED_CHANNEL}: XDS metadata from the CDA header, RPLC
 * of the previous version sent, signed ITI-41. Exactly once: the entryUUID is derived from the uniqueId, and the
 * DMP's "already registered with the same content" answer (a retry after a lost acknowledgement) counts as success.
 * An unreachable DMP is retried by the outbox; a refusal marks the document's DMP sharing failed. The order names
 * the author; it leaves from a workstation holding the author's credentials (or using the structure certificate),
 * any other declines it ({@link NotHereException}) and the outbox leaves it for the right one.
 */
@Component(service = OutboxHandler.class, property = OutboxHandler.PROPERTY_CHANNEL + "=" + DmpService.FEED_CHANNEL)
public final class DmpFeedHandler implements OutboxHandler {

    private final PatientRepository patients;
    private final CareRepository care;
    private final DmpClient client;
    private final DocumentRepository documents;
    private final DocumentVersions versions;
    private final XdsMetadataFactory metadata;
    private final AuditTrail audit;
    private final DmpJournal journal;
    private final Installation installation;
    private final DmpCallers callers = new DmpCallers();
    private final Clock clock = Clock.systemUTC();

    @Activate
    public DmpFeedHandler(@Reference PatientRepository patients, @Reference CareRepository care, @Reference DmpClient client,
            @Reference DocumentRepository documents, @Reference DocumentVersions versions, @Reference XdsMetadataFactory metadata,
            @Reference AuditTrail audit, @Reference Database database, @Reference Installation installation,
            @Reference(target = "(module=" + DmpSchema.MODULE + ")") SchemaReady schema) {
        this.patients = patients;
        this.care = care;
        this.client = client;
        this.documents = documents;
        this.versions = versions;
        this.metadata = metadata;
        this.audit = audit;
        this.journal = new DmpJournal(database);
        this.installation = installation;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addCallerSource(DmpCallerSource source, Map<String, Object> properties) {
        callers.add(source, properties);
    }

    void removeCallerSource(DmpCallerSource source, Map<String, Object> properties) {
        callers.remove(properties);
    }

    /**
     * The credentials this workstation holds for the author of the order: his or her own (Pro Santé Connect, card) or,
     * with the indirect authentication chosen, the structure's certificate naming him or her. None: another
     * workstation, where the author is logged in, delivers it.
     */
    private DmpCaller credentials(DmpCaller author) throws NotHereException {
        Optional<DmpCaller> own = callers.forProfessional(author.professional().nationalId());
        if (own.isPresent()) {
            return own.get();
        }
        if (StructureDmpCaller.enabled(installation)) {
            return new DmpCaller(author.login(), author.professional(), AuthenticationMode.INDIRECTE,
                    AuthenticationContext.CERTIFICAT_STRUCTURE);
        }
        throw new NotHereException(Messages.get("feed.notHere", author.professional().displayName()));
    }

    /** The entryUUID a document is registered under: the same on every attempt. */
    static String entryUuid(String uniqueId) {
        return "urn:uuid:" + UUID.nameUUIDFromBytes(("dmp:" + uniqueId).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Override
    public void deliver(OutboxItem item) throws Exception {
        FeedOrder order = FeedOrder.parse(item.payload());
        HealthDocument document = documents.find(order.documentId())
                .orElseThrow(() -> new IllegalStateException(Messages.get("feed.unknownDocument")));
        if (journal.fedEntry(document.uniqueId()).isPresent()) {
            documents.updateSharing(document.id(), Channel.DMP, SharingState.SENT);
            return;
        }
        DmpCaller caller = credentials(order.caller());
        Patient patient = patients.find(order.patientId()).orElseThrow(() -> new IllegalStateException(Messages.get("service.unknownPatient")));
        Optional<Consent> consent = DmpServiceImpl.currentEpisode(care, order.patientId(), clock.instant()).flatMap(e -> care.consent(e.id()));
        byte[] content = versions.content(document.id()).orElseThrow(() -> new IllegalStateException(Messages.get("feed.noContent")));
        try {
            DmpRequest request = DmpServiceImpl.request(patient.identity(), caller, AccessMode.NORMAL, consent);
            DocumentEntry entry = XdsDocuments.withEntryUuid(metadata.documentEntry(content, "DOC0001.XML", order.visibility()),
                    entryUuid(document.uniqueId()));
            SubmissionSet set = metadata.submissionSet(List.of(entry), document.title());
            SubmitOutcome outcome = client.submit(request, new DmpSubmission(set,
                    List.of(new DmpSubmission.Document(entry, content, previousEntry(document)))));
            journal.fed(document.uniqueId(), document.id(), entry.entryUuid(), clock.instant());
            documents.updateSharing(document.id(), Channel.DMP, SharingState.SENT);
            trace(caller, order, DmpTransaction.TD2_1_FEED, document.uniqueId() + " " + outcome.name());
        } catch (DmpException e) {
            trace(caller, order, DmpTransaction.TD2_1_FEED, e.getMessage());
            if (e.kind() == DmpException.Kind.UNREACHABLE || e.kind() == DmpException.Kind.NOT_CONFIGURED) {
                throw new RetryableException(e.getMessage(), e);
            }
            documents.updateSharing(document.id(), Channel.DMP, SharingState.FAILED);
            throw e;
        } catch (ConsentRequiredException | IllegalStateException | org.caducee.xds.XdsException e) {
            trace(caller, order, DmpTransaction.TD2_1_FEED, e.getMessage());
            documents.updateSharing(document.id(), Channel.DMP, SharingState.FAILED);
            throw e;
        }
    }

    /** The entryUUID of the highest earlier version of the same set that this installation registered. */
    private Optional<String> previousEntry(HealthDocument document) {
        return documents.forPatient(document.patientId()).stream()
                .filter(d -> d.setId().equals(document.setId()) && d.versionNumber() < document.versionNumber())
                .sorted(Comparator.comparingInt(HealthDocument::versionNumber).reversed())
                .map(d -> journal.fedEntry(d.uniqueId())).flatMap(Optional::stream).findFirst();
    }

    private void trace(DmpCaller caller, FeedOrder order, DmpTransaction transaction, String outcome) {
        DmpServiceImpl.trace(audit, caller, order.patientId(), transaction, AccessMode.NORMAL, outcome);
    }
}
