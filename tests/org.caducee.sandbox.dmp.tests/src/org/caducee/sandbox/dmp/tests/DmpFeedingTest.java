package org.caducee.sandbox.dmp.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import org.caducee.core.care.CareEpisode;
import org.caducee.core.care.CareRepository;
import org.caducee.core.document.Channel;
import org.caducee.core.document.DocumentFormat;
import org.caducee.core.document.DocumentRepository;
import org.caducee.core.document.HealthDocument;
import org.caducee.core.document.Provenance;
import org.caducee.core.document.SharingState;
import org.caducee.core.identity.BirthTraits;
import org.caducee.core.identity.Identity;
import org.caducee.core.identity.IdentityDocumentCheck;
import org.caducee.core.identity.Ins;
import org.caducee.core.identity.InsType;
import org.caducee.core.identity.Sex;
import org.caducee.core.patient.Patient;
import org.caducee.core.patient.PatientRepository;
import org.caducee.dmp.AccessMode;
import org.caducee.dmp.DmpCaller;
import org.caducee.dmp.DmpCallerSource;
import org.caducee.dmp.DmpClient;
import org.caducee.dmp.DmpDocument;
import org.caducee.dmp.DmpRequest;
import org.caducee.dmp.DmpService;
import org.caducee.dmp.DocumentStatus;
import org.caducee.dmp.FeedTiming;
import org.caducee.dmp.vihf.AuthenticationMode;
import org.caducee.outbox.OutboxHandler;
import org.caducee.outbox.OutboxItem;
import org.caducee.outbox.OutboxService;
import org.caducee.outbox.OutboxState;
import org.caducee.sandbox.DemoPractice;
import org.caducee.testing.Osgi;
import org.caducee.xds.DocumentVersions;
import org.caducee.xds.Visibility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;

/**
 * Systematic feeding through the outbox against the local DMP: deferred, held, cancelled, queued while the DMP is
 * down, and exactly one document in the DMP whatever step a send is interrupted at.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DmpFeedingTest {

    private static final String NATIONAL_ID = "8" + DemoPractice.DOCTOR_RPPS;
    private DmpTestRuntime runtime;
    private BundleContext context;
    private DmpService dmp;
    private DmpClient client;
    private PatientRepository patients;
    private CareRepository care;
    private OutboxService outbox;
    private DocumentVersions versions;
    private DocumentRepository documents;
    private final AtomicReference<Optional<DmpCaller>> caller = new AtomicReference<>(Optional.empty());
    private ServiceRegistration<DmpCallerSource> registration;

    @BeforeAll
    void services() throws Exception {
        runtime = new DmpTestRuntime();
        context = FrameworkUtil.getBundle(DmpFeedingTest.class).getBundleContext();
        Osgi.startBundleOf(OutboxService.class);
        dmp = Osgi.await(context, DmpService.class, Duration.ofSeconds(30));
        client = Osgi.await(context, DmpClient.class, Duration.ofSeconds(30));
        patients = Osgi.await(context, PatientRepository.class, Duration.ofSeconds(30));
        care = Osgi.await(context, CareRepository.class, Duration.ofSeconds(30));
        outbox = Osgi.await(context, OutboxService.class, Duration.ofSeconds(30));
        versions = Osgi.await(context, DocumentVersions.class, Duration.ofSeconds(30));
        documents = Osgi.await(context, DocumentRepository.class, Duration.ofSeconds(30));
    }

    @BeforeEach
    void authenticated() {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(Constants.SERVICE_RANKING, 60);
        registration = context.registerService(DmpCallerSource.class, () -> caller.get(), props);
        caller.set(Optional.of(new DmpCaller("medecin", new DmpRequest.Professional(NATIONAL_ID, "DURAND Sophie", "10",
                Optional.of("SM54")), AuthenticationMode.INDIRECTE)));
    }

    @AfterEach
    void cleanUp() {
        registration.unregister();
        System.clearProperty("caducee.sandbox.dmp.failure");
    }







    @Test
    void givenADeferredDocument_thenItWaitsCanBeHeldReleasedAndCancelledAndNeverLeaves() throws Exception {
        Patient patient = runtime.qualifiedPatient();
        HealthDocument doc = runtime.producedDocument(patient);
        OutboxItem item = dmp.share(doc.id(), Set.of(), FeedTiming.DELAYED, "medecin");
        assertThat(item.channel()).isEqualTo(DmpService.FEED_CHANNEL);
        assertThat(item.idempotencyKey()).isEqualTo(doc.uniqueId());
        assertThat(item.notBefore()).isAfter(Instant.now().plus(Duration.ofMinutes(10)));
        assertThat(documents.find(doc.id()).orElseThrow().sharing(Channel.DMP)).isEqualTo(SharingState.PENDING);
        assertThat(dmp.holdFeed(doc.id()).state()).isEqualTo(OutboxState.HELD);
        assertThat(documents.find(doc.id()).orElseThrow().sharing(Channel.DMP)).isEqualTo(SharingState.HELD);
        assertThat(dmp.releaseFeed(doc.id()).state()).isEqualTo(OutboxState.PENDING);
        assertThat(dmp.cancelFeed(doc.id()).state()).isEqualTo(OutboxState.CANCELLED);
        assertThat(documents.find(doc.id()).orElseThrow().sharing(Channel.DMP)).isEqualTo(SharingState.CANCELLED);
        assertThat(runtime.inTheDmp(patient, doc.uniqueId())).isEmpty();
        assertThat(dmp.sentToDmp(doc.id())).isEmpty();
    }

    @Test
    void givenADocumentSentNow_thenExactlyOneSignedDocumentIsInTheDmpAndSharingAgainReturnsTheDeliveredOrder() throws Exception {
        Patient patient = runtime.qualifiedPatient();
        HealthDocument doc = runtime.producedDocument(patient);
        OutboxItem item = dmp.share(doc.id(), Set.of(Visibility.INVISIBLE_PATIENT), FeedTiming.NOW, "medecin");
        runtime.await(item.id(), OutboxState.DONE, Duration.ofSeconds(60));
        List<DmpDocument> found = runtime.inTheDmp(patient, doc.uniqueId());
        assertThat(found).hasSize(1);
        assertThat(found.get(0).status()).isEqualTo(DocumentStatus.APPROVED);
        assertThat(found.get(0).invisibleToPatient()).isTrue();
        assertThat(documents.find(doc.id()).orElseThrow().sharing(Channel.DMP)).isEqualTo(SharingState.SENT);
        assertThat(dmp.sentToDmp(doc.id())).isPresent();
        assertThat(dmp.share(doc.id(), Set.of(), FeedTiming.NOW, "medecin").id()).isEqualTo(item.id());
    }

    @Test
    void givenAPatientOpposedToFeeding_thenNothingIsQueued() throws Exception {
        Patient patient = runtime.qualifiedPatient();
        HealthDocument doc = runtime.producedDocument(patient);
        dmp.recordConsent(patient.id(), true, true, false, "medecin");
        assertThatThrownBy(() -> dmp.share(doc.id(), Set.of(), FeedTiming.NOW, "medecin")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("opposé");
        assertThat(dmp.feed(doc.id())).isEmpty();
    }

    @Test
    void givenTheDmpDownThenBack_thenTheDocumentWaitsInTheOutboxAndLeavesOnce() throws Exception {
        Patient patient = runtime.qualifiedPatient();
        HealthDocument doc = runtime.producedDocument(patient);
        System.setProperty("caducee.sandbox.dmp.failure", "http500");
        OutboxItem item = dmp.share(doc.id(), Set.of(), FeedTiming.NOW, "medecin");
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (outbox.find(item.id()).orElseThrow().attempts() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        OutboxItem waiting = outbox.find(item.id()).orElseThrow();
        assertThat(waiting.state()).isEqualTo(OutboxState.PENDING);
        assertThat(waiting.lastError()).contains("DMP");
        assertThat(documents.find(doc.id()).orElseThrow().sharing(Channel.DMP)).isEqualTo(SharingState.PENDING);
        System.clearProperty("caducee.sandbox.dmp.failure");
        runtime.await(item.id(), OutboxState.DONE, Duration.ofSeconds(120));
        assertThat(runtime.inTheDmp(patient, doc.uniqueId())).hasSize(1);
    }

    @Test
    void givenTheAnswerLostAfterTheDmpRegisteredTheDocument_thenTheRetryCountsAsSentAndTheDmpHoldsOneDocument() throws Exception {
        Patient patient = runtime.qualifiedPatient();
        HealthDocument doc = runtime.producedDocument(patient);
        System.setProperty("caducee.sandbox.dmp.failure", "ackLost");
        OutboxItem item = dmp.share(doc.id(), Set.of(), FeedTiming.NOW, "medecin");
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (outbox.find(item.id()).orElseThrow().attempts() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        System.clearProperty("caducee.sandbox.dmp.failure");
        assertThat(runtime.inTheDmp(patient, doc.uniqueId())).as("registered although the answer was lost").hasSize(1);
        runtime.await(item.id(), OutboxState.DONE, Duration.ofSeconds(120));
        assertThat(runtime.inTheDmp(patient, doc.uniqueId())).hasSize(1);
        assertThat(documents.find(doc.id()).orElseThrow().sharing(Channel.DMP)).isEqualTo(SharingState.SENT);
    }

    @Test
    void givenACrashAfterTheSendWasRecorded_whenTheItemIsHandedAgain_thenNothingLeavesTwice() throws Exception {
        Patient patient = runtime.qualifiedPatient();
        HealthDocument doc = runtime.producedDocument(patient);
        OutboxItem item = dmp.share(doc.id(), Set.of(), FeedTiming.NOW, "medecin");
        OutboxItem done = runtime.await(item.id(), OutboxState.DONE, Duration.ofSeconds(60));
        // the worker died after the send was recorded and before the outbox marked the item done: it is handed again
        OutboxHandler handler = context.getService(context.getServiceReferences(OutboxHandler.class,
                "(" + OutboxHandler.PROPERTY_CHANNEL + "=" + DmpService.FEED_CHANNEL + ")").iterator().next());
        handler.deliver(done);
        assertThat(runtime.inTheDmp(patient, doc.uniqueId())).hasSize(1);
    }
}
