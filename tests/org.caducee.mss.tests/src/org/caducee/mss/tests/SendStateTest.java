package org.caducee.mss.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import org.caducee.core.audit.AuditTrail;
import org.caducee.core.document.Channel;
import org.caducee.core.document.DocumentFormat;
import org.caducee.core.document.DocumentRepository;
import org.caducee.core.document.HealthDocument;
import org.caducee.core.document.Provenance;
import org.caducee.core.document.SharingState;
import org.caducee.core.patient.Patient;
import org.caducee.core.patient.PatientQuery;
import org.caducee.core.patient.PatientRepository;
import org.caducee.mss.MssSender;
import org.caducee.mss.internal.OutgoingMessages;
import org.caducee.mss.internal.SendStateFollower;
import org.caducee.outbox.OutboxItem;
import org.caducee.outbox.OutboxService;
import org.caducee.outbox.OutboxState;
import org.caducee.store.Database;
import org.caducee.testing.Osgi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;

/**
 * The MSSanté state of a sent document follows its outbox item when nobody delivers it: held, released, cancelled
 * ("Annulé") and given up after the last attempt ("✖ Échec"), with the reason in the audit trail of the document.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SendStateTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private BundleContext context;
    private DocumentRepository documents;
    private OutboxService outbox;
    private AuditTrail audit;
    private OutgoingMessages outgoing;

    @BeforeEach
    void setUp() {
        context = FrameworkUtil.getBundle(MssSender.class).getBundleContext();
        documents = Osgi.await(context, DocumentRepository.class, TIMEOUT);
        outbox = Osgi.await(context, OutboxService.class, TIMEOUT);
        audit = Osgi.await(context, AuditTrail.class, TIMEOUT);
        outgoing = new OutgoingMessages(Osgi.await(context, Database.class, TIMEOUT), Clock.systemUTC());
    }

    /** The follower listens to the outbox's events once its component is up. */
    private void followerListening() throws Exception {
        until("suiveur des envois actif", () -> {
            try {
                return !context.getServiceReferences(org.osgi.service.event.EventHandler.class,
                        "(component.name=" + SendStateFollower.class.getName() + ")").isEmpty();
            } catch (org.osgi.framework.InvalidSyntaxException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private HealthDocument sentDocument() {
        PatientRepository patients = Osgi.await(context, PatientRepository.class, TIMEOUT);
        List<Patient> demo = patients.search(PatientQuery.parse("pat", 5));
        assertThat(demo).as("patients de démonstration").isNotEmpty();
        UUID id = UUID.randomUUID();
        return documents.add(new HealthDocument(id, demo.get(0).id(), "1.2.250.1.999.1." + Math.abs(id.getMostSignificantBits()), id.toString(), 1,
                "11488-4", "Compte rendu de consultation", "Compte rendu (test d’envoi)", OffsetDateTime.now(), "DURAND Sophie", DocumentFormat.PDF,
                Provenance.PRODUCED, Map.of(Channel.MSSANTE, SharingState.PENDING), "N", null));
    }

    /** A message of the document queued for tomorrow: nobody delivers it during the test. */
    private OutboxItem queuedForTomorrow(HealthDocument document) {
        String messageId = "<" + UUID.randomUUID() + "@test.caducee>";
        outgoing.insert(messageId, "robot@test.mssante.fr", "XDM/1.0/DDM+Compte rendu", "Subject: test\r\n\r\ntest\r\n".getBytes(StandardCharsets.US_ASCII),
                document.patientId().toString(), document.id());
        OutboxItem item = outbox.enqueue(MssSender.CHANNEL, messageId, "MSSanté : test", messageId, Instant.now().plus(Duration.ofDays(1)));
        outgoing.attachOutboxItem(messageId, item.id());
        return item;
    }

    private SharingState mss(HealthDocument d) {
        return documents.find(d.id()).orElseThrow().sharing(Channel.MSSANTE);
    }

    private static void until(String what, BooleanSupplier condition) throws InterruptedException {
        SandboxOperatorTest.until(what, condition);
    }

    @Test
    void heldReleasedAndCancelledSendsShowOnTheDocument() throws Exception {
        followerListening();
        HealthDocument document = sentDocument();
        OutboxItem item = queuedForTomorrow(document);

        outbox.hold(item.id());
        until("document suspendu", () -> mss(document) == SharingState.HELD);
        outbox.release(item.id());
        until("document de nouveau en attente", () -> mss(document) == SharingState.PENDING);
        outbox.cancel(item.id());
        until("document annulé", () -> mss(document) == SharingState.CANCELLED);
        until("annulation tracée", () -> audit.forSubject(document.id().toString()).stream()
                .anyMatch(e -> e.action().equals("mss.send.cancelled") && e.detail().contains("Envoi annulé dans la file d’envoi")));
    }

    @Test
    void aSendGivenUpAfterTheLastAttemptShowsFailedWithTheReason() {
        HealthDocument document = sentDocument();
        String messageId = "<" + UUID.randomUUID() + "@test.caducee>";
        outgoing.insert(messageId, "robot@test.mssante.fr", "XDM/1.0/DDM+Compte rendu", "Subject: test\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
                document.patientId().toString(), document.id());
        UUID itemId = UUID.randomUUID();
        String lastError = "abandon après 10 tentatives : l’opérateur MSSanté (localhost:1) ne répond pas";
        OutboxItem gaveUp = new OutboxItem(itemId, MssSender.CHANNEL, messageId, "MSSanté : test", messageId, OutboxState.FAILED, Instant.now(), 10,
                lastError, Instant.now(), Instant.now());
        SendStateFollower follower = new SendStateFollower(outgoing, new OneItemOutbox(gaveUp), documents, audit);

        assertThat(follower.follow(itemId)).contains(SharingState.FAILED);
        assertThat(mss(document)).isEqualTo(SharingState.FAILED);
        assertThat(audit.forSubject(document.id().toString())).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo("mss.send.failed");
            assertThat(e.detail()).contains(messageId).contains("envoi abandonné : " + lastError);
        });
        // the same news twice changes nothing
        assertThat(follower.follow(itemId)).isEmpty();
        // an item of another channel is none of its business
        OutboxItem dmp = new OutboxItem(itemId, "dmp", messageId, "DMP", messageId, OutboxState.FAILED, Instant.now(), 10, "x", Instant.now(), Instant.now());
        assertThat(new SendStateFollower(outgoing, new OneItemOutbox(dmp), documents, audit).follow(itemId)).isEmpty();
    }

    /** An outbox that knows one item (the state the real one reaches after its last attempt). */
    private record OneItemOutbox(OutboxItem item) implements OutboxService {
        @Override
        public OutboxItem enqueue(String channel, String idempotencyKey, String description, String payload, Instant notBefore) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<OutboxItem> find(UUID id) {
            return item.id().equals(id) ? Optional.of(item) : Optional.empty();
        }

        @Override
        public List<OutboxItem> list(OutboxState state, int max) {
            return List.of(item);
        }

        @Override
        public OutboxItem hold(UUID id) {
            throw new UnsupportedOperationException();
        }

        @Override
        public OutboxItem release(UUID id) {
            throw new UnsupportedOperationException();
        }

        @Override
        public OutboxItem cancel(UUID id) {
            throw new UnsupportedOperationException();
        }

        @Override
        public OutboxItem retry(UUID id) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Map<OutboxState, Long> counts() {
            return Map.of();
        }
    }
}
