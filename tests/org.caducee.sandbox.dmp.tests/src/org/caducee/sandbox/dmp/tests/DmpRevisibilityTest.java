package org.caducee.sandbox.dmp.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import org.caducee.core.document.HealthDocument;
import org.caducee.core.patient.Patient;
import org.caducee.dmp.DmpCaller;
import org.caducee.dmp.DmpCallerSource;
import org.caducee.dmp.DmpRequest;
import org.caducee.dmp.AccessMode;
import org.caducee.dmp.DmpDocument;
import org.caducee.dmp.DmpService;
import org.caducee.dmp.DmpSummary;
import org.caducee.dmp.DocumentQuery;
import org.caducee.dmp.Revisibility;
import org.caducee.dmp.FeedTiming;
import org.caducee.dmp.vihf.AuthenticationMode;
import org.caducee.outbox.OutboxItem;
import org.caducee.outbox.OutboxService;
import org.caducee.outbox.OutboxState;
import org.caducee.sandbox.DemoPractice;
import org.caducee.sandbox.Simulator;
import org.caducee.sandbox.dmp.internal.DmpSimulator;
import org.caducee.testing.Osgi;
import org.caducee.xds.Visibility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;

/**
 * Automatic re-visibility in the local DMP (DSR §3.2.3): a document sent invisible to the patient becomes visible to
 * the patient three months after it was sent, by the DMP's calendar (moved here through the simulator's clock), the
 * patient being told after one month; the record shows the GP the day each becomes visible and flags the close ones.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DmpRevisibilityTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private DmpTestRuntime runtime;
    private BundleContext context;
    private DmpService dmp;
    private DmpSimulator simulator;
    private final AtomicReference<Optional<DmpCaller>> caller = new AtomicReference<>(Optional.empty());
    private ServiceRegistration<DmpCallerSource> registration;

    @BeforeAll
    void services() throws Exception {
        context = FrameworkUtil.getBundle(DmpRevisibilityTest.class).getBundleContext();
        Osgi.startBundleOf(OutboxService.class);
        dmp = Osgi.await(context, DmpService.class, Duration.ofSeconds(30));
        runtime = new DmpTestRuntime();
        for (ServiceReference<Simulator> ref : context.getServiceReferences(Simulator.class, "(component.name=*DmpSimulator)")) {
            simulator = (DmpSimulator) context.getService(ref);
        }
        assertThat(simulator).isNotNull();
    }

    @AfterEach
    void cleanUp() {
        simulator.clock(null);
        if (registration != null) {
            registration.unregister();
        }
    }

    private void authenticated() {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(Constants.SERVICE_RANKING, 60);
        registration = context.registerService(DmpCallerSource.class, caller::get, props);
        caller.set(Optional.of(new DmpCaller("medecin", new DmpRequest.Professional("8" + DemoPractice.DOCTOR_RPPS, "DURAND Sophie", "10",
                Optional.empty()), AuthenticationMode.INDIRECTE)));
    }

    @Test
    void givenDocumentsInvisibleToThePatient_whenTheRecordOpens_thenEachShowsTheDayTheDmpMakesItVisibleAndTheCloseOnesAreFlagged()
            throws Exception {
        authenticated();
        Patient patient = runtime.qualifiedPatient();
        HealthDocument old = runtime.producedDocument(patient);
        HealthDocument recent = runtime.producedDocument(patient);
        HealthDocument visible = runtime.producedDocument(patient);
        // sent ten weeks ago by the DMP's calendar: the patient was told after a month, visible in about three weeks
        Instant tenWeeksAgo = Instant.now().minus(Duration.ofDays(70));
        simulator.clock(Clock.fixed(tenWeeksAgo, ZoneOffset.UTC));
        runtime.await(dmp.share(old.id(), Set.of(Visibility.INVISIBLE_PATIENT), FeedTiming.NOW, "medecin").id(), OutboxState.DONE,
                Duration.ofSeconds(60));
        simulator.clock(null);
        runtime.await(dmp.share(recent.id(), Set.of(Visibility.INVISIBLE_PATIENT), FeedTiming.NOW, "medecin").id(), OutboxState.DONE,
                Duration.ofSeconds(60));
        runtime.await(dmp.share(visible.id(), Set.of(), FeedTiming.NOW, "medecin").id(), OutboxState.DONE, Duration.ofSeconds(60));

        DmpSummary summary = dmp.open(patient.id(), AccessMode.BRIS_DE_GLACE);
        Revisibility rule = new Revisibility(PARIS);
        LocalDate today = LocalDate.now(PARIS);
        assertThat(summary.patientVisibleOn()).containsOnlyKeys(old.uniqueId(), recent.uniqueId());
        assertThat(summary.patientVisibleOn().get(old.uniqueId())).isEqualTo(rule.visibleOn(tenWeeksAgo));
        assertThat(summary.patientVisibleOn().get(recent.uniqueId())).isBetween(today.plusMonths(3).minusDays(1), today.plusMonths(3));
        assertThat(rule.soon(summary.patientVisibleOn().get(old.uniqueId()), today)).as("less than a month away").isTrue();
        assertThat(rule.soon(summary.patientVisibleOn().get(recent.uniqueId()), today)).isFalse();

        // the DMP told the patient about the one sent more than a month ago, once, and not about the others
        String ins = patient.identity().ins().value();
        assertThat(simulator.patientNotices(ins)).containsOnlyKeys(old.uniqueId());
        Instant told = simulator.patientNotices(ins).get(old.uniqueId());
        dmp.open(patient.id(), AccessMode.BRIS_DE_GLACE);
        assertThat(simulator.patientNotices(ins)).containsExactly(java.util.Map.entry(old.uniqueId(), told));

        // the DMP tab's own listing asks for the same days
        List<DmpDocument> listed = dmp.documents(patient.id(), AccessMode.BRIS_DE_GLACE, DocumentQuery.current());
        assertThat(dmp.patientVisibleOn(patient.id(), AccessMode.BRIS_DE_GLACE, listed)).isEqualTo(summary.patientVisibleOn());
    }

    @Test
    void givenADocumentInvisibleToThePatient_thenItStaysHiddenUntilThreeMonthsAfterItWasSentThenBecomesVisible() throws Exception {
        authenticated();
        Patient patient = runtime.qualifiedPatient();
        HealthDocument hidden = runtime.producedDocument(patient);
        HealthDocument shown = runtime.producedDocument(patient);
        OutboxItem first = dmp.share(hidden.id(), Set.of(Visibility.INVISIBLE_PATIENT), FeedTiming.NOW, "medecin");
        OutboxItem second = dmp.share(shown.id(), Set.of(), FeedTiming.NOW, "medecin");
        runtime.await(first.id(), OutboxState.DONE, Duration.ofSeconds(60));
        runtime.await(second.id(), OutboxState.DONE, Duration.ofSeconds(60));
        Instant sent = Instant.now();

        simulator.clock(Clock.fixed(sent.atZone(PARIS).plusMonths(3).minusDays(1).toInstant(), ZoneOffset.UTC));
        assertThat(runtime.inTheDmp(patient, hidden.uniqueId())).singleElement()
                .satisfies(d -> assertThat(d.invisibleToPatient()).as("a day before the three months").isTrue());

        simulator.clock(Clock.fixed(sent.atZone(PARIS).plusMonths(3).plusMinutes(1).toInstant(), ZoneOffset.UTC));
        assertThat(runtime.inTheDmp(patient, hidden.uniqueId())).singleElement()
                .satisfies(d -> assertThat(d.invisibleToPatient()).as("three months after it was sent").isFalse());
        assertThat(runtime.inTheDmp(patient, shown.uniqueId())).singleElement()
                .satisfies(d -> assertThat(d.invisibleToPatient()).isFalse());

        simulator.clock(null);
        assertThat(runtime.inTheDmp(patient, hidden.uniqueId())).singleElement()
                .satisfies(d -> assertThat(d.invisibleToPatient()).as("the DMP keeps it visible").isFalse());
    }
}
