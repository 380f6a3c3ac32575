package org.caducee.ins.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.caducee.core.audit.AuditEvent;
import org.caducee.core.audit.AuditTrail;
import org.caducee.core.event.CaduceeTopics;
import org.caducee.core.identity.BirthTraits;
import org.caducee.core.identity.Identity;
import org.caducee.core.identity.IdentityDocumentCheck;
import org.caducee.core.identity.IdentityStatus;
import org.caducee.core.identity.Sex;
import org.caducee.core.patient.Patient;
import org.caducee.core.patient.PatientRepository;
import org.caducee.ins.insi.VitaleQuery;
import org.caducee.ins.matching.Concordance;
import org.caducee.ins.matching.TraitField;
import org.caducee.ins.qualification.AutomaticQualification;
import org.caducee.ins.qualification.InsQualification;
import org.caducee.ins.qualification.QualificationOutcome;
import org.caducee.ins.qualification.QualificationOutcome.Kind;
import org.caducee.sandbox.Simulator;
import org.caducee.sandbox.insi.InsiSimulatorControl;
import org.caducee.testing.Osgi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

/**
 * The automatic INSi call when a record opens, made by the INS bundle on the workbench's record-opened event (over
 * real HTTPS against the simulator), and the identity form's save with the RNIV rules.
 */
@TestInstance(Lifecycle.PER_CLASS)
class AutomaticQualificationTest {

    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final String MARK = "org/caducee/test/MARK";
    private InsiSimulatorControl control;
    private InsQualification qualification;
    private AutomaticQualification automatic;
    private PatientRepository patients;
    private AuditTrail audit;
    private EventAdmin events;
    private ServiceRegistration<EventHandler> listener;
    private static final BlockingQueue<Event> seen = new LinkedBlockingQueue<>();

    @BeforeAll
    void services() throws Exception {
        BundleContext context = FrameworkUtil.getBundle(AutomaticQualificationTest.class).getBundleContext();
        control = Osgi.await(context, InsiSimulatorControl.class, WAIT);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (((Simulator) control).endpoint().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        qualification = Osgi.await(context, InsQualification.class, WAIT);
        automatic = Osgi.await(context, AutomaticQualification.class, WAIT);
        patients = Osgi.await(context, PatientRepository.class, WAIT);
        audit = Osgi.await(context, AuditTrail.class, WAIT);
        events = Osgi.await(context, EventAdmin.class, WAIT);
        listener = context.registerService(EventHandler.class, seen::add, new java.util.Hashtable<>(Map.of(EventConstants.EVENT_TOPIC,
                new String[] { AutomaticQualification.TOPIC_DONE, MARK })));
    }

    @AfterAll
    void unregister() {
        listener.unregister();
    }

    @AfterEach
    void reset() {
        control.reset();
        seen.clear();
    }

    private Patient patient(String name, String firstNames, Sex sex, String date, String place) {
        return patients.save(Patient.create(Identity.provisional(BirthTraits.of(name, firstNames, sex, LocalDate.parse(date), place), null, null), null, null, null));
    }

    private void opened(UUID id, String user) {
        events.postEvent(new Event(CaduceeTopics.PATIENT_OPENED, Map.of(CaduceeTopics.PROP_PATIENT_ID, id.toString(), CaduceeTopics.PROP_USER, user)));
    }

    /** INSi searches traced for this patient. */
    private long searches(UUID id) {
        return audit.forSubject(id.toString()).stream().filter(a -> a.action().equals("INSI_RECHERCHE")).count();
    }

    /** The next TOPIC_DONE for this patient (other events are skipped). */
    private Event done(UUID id) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            Event e = seen.poll(500, TimeUnit.MILLISECONDS);
            if (e != null && e.getTopic().equals(AutomaticQualification.TOPIC_DONE) && id.toString().equals(e.getProperty(CaduceeTopics.PROP_PATIENT_ID))) {
                return e;
            }
        }
        throw new AssertionError("no automatic qualification outcome for " + id);
    }

    @Test
    void recordOpened_singleAnswer_comparisonKept_valuesInsiAddsMarkedNew_andTraced() throws Exception {
        Patient p = patient("DECOURCY", "RUTH ISABELLE", Sex.FEMALE, "2021-04-25", "75056");
        opened(p.id(), "secretaire");
        Event e = done(p.id());
        assertThat(e.getProperty(AutomaticQualification.PROP_KIND)).isEqualTo(Kind.TO_CONFIRM.name());
        QualificationOutcome o = automatic.latest(p.id()).orElseThrow();
        assertThat(o.kind()).isEqualTo(Kind.TO_CONFIRM);
        assertThat(o.result().ins().value()).isEqualTo("221042545611404");
        // nothing held locally for the matricule and the NIR: INSi brings them, shown as new rather than divergent
        assertThat(o.comparison().get(TraitField.MATRICULE).concordance()).isEqualTo(Concordance.MISSING_LOCALLY);
        assertThat(o.comparison().get(TraitField.NIR).concordance()).isEqualTo(Concordance.MISSING_LOCALLY);
        assertThat(o.comparison().get(TraitField.BIRTH_NAME).concordance()).isEqualTo(Concordance.CONCORDANT);
        assertThat(audit.forSubject(p.id().toString())).extracting(AuditEvent::action).contains("INSI_RECHERCHE");
        assertThat(audit.forSubject(p.id().toString())).filteredOn(a -> a.action().equals("INSI_RECHERCHE"))
                .allSatisfy(a -> assertThat(a.actor()).isEqualTo("secretaire"));
        assertThat(automatic.running(p.id())).isFalse();
    }

    @Test
    void recordOpened_whileInsiIsSlow_notCalledTwice_andTheEventThreadIsNotHeld() throws Exception {
        Patient p = patient("MARTIN", "JEAN", Sex.MALE, "1962-05-14", "13055");
        control.latency(Duration.ofSeconds(3));
        opened(p.id(), "secretaire");
        opened(p.id(), "secretaire");
        // the EventAdmin thread goes on delivering although INSi has not answered the first call yet
        events.postEvent(new Event(MARK, Map.of(CaduceeTopics.PROP_PATIENT_ID, p.id().toString())));
        Event mark;
        do {
            mark = seen.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        } while (mark != null && !mark.getTopic().equals(MARK));
        assertThat(mark).as("event delivered after the record-opened events").isNotNull();
        assertThat(automatic.running(p.id())).as("INSi still answering when the next event was delivered").isTrue();
        assertThat(automatic.request(p.id(), "secretaire")).as("already running").isFalse();

        Event e = done(p.id());
        assertThat(e.getProperty(AutomaticQualification.PROP_KIND)).isEqualTo(Kind.TO_CONFIRM.name());
        // one qualification: 02 without the birthplace, then 00 with it — not twice (the simulator's request count is
        // shared with the outbox, which may be delivering other tests' verifications: count this patient's traces)
        assertThat(searches(p.id())).isEqualTo(2);
        assertThat(automatic.latest(p.id()).orElseThrow().attempts()).hasSize(2);
    }

    @Test
    void recordOpened_identityAlreadyRecovered_insiNotCalled() throws Exception {
        Patient p = patient("ADRUN", "ZOE", Sex.FEMALE, "1975-12-31", "63220");
        assertThat(qualification.onVitaleRead(p.id(), VitaleQuery.of("275126322074974", "ADRUN", "1975-12-31"), "secretaire").kind())
                .isEqualTo(Kind.RECOVERED);
        long before = searches(p.id());
        opened(p.id(), "medecin");
        assertThat(done(p.id()).getProperty(AutomaticQualification.PROP_KIND)).isEqualTo(Kind.NOT_NEEDED.name());
        assertThat(searches(p.id())).isEqualTo(before);
    }

    @Test
    void recordOpenedTopic_isOutsideThePatientTopics() {
        // parts listening on org/caducee/patient/* reload the patient on changes: opening a record is not a change
        assertThat(CaduceeTopics.PATIENT_OPENED).doesNotStartWith("org/caducee/patient/");
        assertThat(AutomaticQualification.TOPIC_DONE).doesNotStartWith("org/caducee/patient/");
    }

    @Test
    void identityForm_changingABirthTraitOfARecoveredIdentity_dropsTheIns_keepsTheHistory_andIsTraced() {
        Patient p = patient("ADRUN", "ZOE", Sex.FEMALE, "1975-12-31", "63220");
        qualification.onVitaleRead(p.id(), VitaleQuery.of("275126322074974", "ADRUN", "1975-12-31"), "secretaire");
        Patient qualified = qualification.recordDocumentCheck(p.id(),
                new IdentityDocumentCheck(IdentityDocumentCheck.DocumentType.PASSEPORT, "secretaire", Instant.now()), "secretaire");
        assertThat(qualified.identity().status()).isEqualTo(IdentityStatus.QUALIFIEE);

        // used traits only: the INS stays
        Patient used = qualification.updateIdentity(p.id(), qualified.identity().traits(), "Martin", "Zoé", "secretaire");
        assertThat(used.identity().status()).isEqualTo(IdentityStatus.QUALIFIEE);
        assertThat(used.identity().usedName()).isEqualTo("MARTIN");
        assertThat(used.identity().ins()).isNotNull();

        // a birth trait: the INS goes, the document check stays (validée), the history keeps the matricule
        BirthTraits changed = BirthTraits.of("ADRUN", "ZOE MARIE", Sex.FEMALE, LocalDate.parse("1975-12-31"), "63220");
        Patient saved = qualification.updateIdentity(p.id(), changed, "MARTIN", "ZOE", "secretaire");
        assertThat(saved.identity().status()).isEqualTo(IdentityStatus.VALIDEE);
        assertThat(saved.identity().ins()).isNull();
        assertThat(saved.identity().traits().birthFirstNames()).containsExactly("ZOE", "MARIE");
        assertThat(qualification.history(p.id())).extracting(h -> h.ins().value()).contains("275126322074974");
        assertThat(qualification.dueVerifications(Instant.now().plus(Duration.ofDays(365 * 5)))).noneMatch(d -> d.patientId().equals(p.id()));
        List<AuditEvent> trail = audit.forSubject(p.id().toString());
        assertThat(trail).filteredOn(a -> a.action().equals("INS_TRAITS")).extracting(AuditEvent::detail)
                .anySatisfy(d -> assertThat(d).contains("prénoms de naissance").doesNotContain("MARIE"));
        assertThat(trail).filteredOn(a -> a.action().equals("INS_STATUT")).extracting(AuditEvent::detail)
                .anySatisfy(d -> assertThat(d).startsWith("QUALIFIEE → VALIDEE"));

        // nothing changed: nothing saved
        assertThat(qualification.updateIdentity(p.id(), changed, "MARTIN", "ZOE", "secretaire").version()).isEqualTo(saved.version());
        // an unknown birthplace is allowed when chosen
        BirthTraits unknownPlace = BirthTraits.of("ADRUN", "ZOE MARIE", Sex.FEMALE, LocalDate.parse("1975-12-31"), BirthTraits.UNKNOWN_BIRTHPLACE);
        assertThat(qualification.updateIdentity(p.id(), unknownPlace, null, null, "secretaire").identity().traits().birthplaceCode()).isEqualTo("99999");
        assertThatThrownBy(() -> qualification.updateIdentity(UUID.randomUUID(), changed, null, null, "secretaire"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Patient introuvable");
    }
}
