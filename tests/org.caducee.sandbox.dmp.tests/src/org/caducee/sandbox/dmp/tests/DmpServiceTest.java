package org.caducee.sandbox.dmp.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import org.caducee.core.audit.AuditTrail;
import org.caducee.core.care.CareEpisode;
import org.caducee.core.care.CareRepository;
import org.caducee.core.identity.BirthTraits;
import org.caducee.core.identity.Identity;
import org.caducee.core.identity.IdentityDocumentCheck;
import org.caducee.core.identity.Ins;
import org.caducee.core.identity.InsType;
import org.caducee.core.identity.Sex;
import org.caducee.core.patient.Patient;
import org.caducee.core.patient.PatientRepository;
import org.caducee.dmp.AccessMode;
import org.caducee.dmp.Dica;
import org.caducee.dmp.DicaCondition;
import org.caducee.dmp.DmpCaller;
import org.caducee.dmp.DmpCallerSource;
import org.caducee.dmp.DmpRequest;
import org.caducee.dmp.DmpService;
import org.caducee.dmp.vihf.AuthenticationMode;
import org.caducee.outbox.OutboxItem;
import org.caducee.outbox.OutboxService;
import org.caducee.outbox.OutboxState;
import org.caducee.sandbox.DemoPractice;
import org.caducee.sandbox.Simulator;
import org.caducee.sandbox.dmp.internal.DmpSimulator;
import org.caducee.testing.Osgi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;

/** The DMP as the record sees it: DICA, consent, authorisation through the outbox, against the local DMP. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DmpServiceTest {

    private static final String NATIONAL_ID = "8" + DemoPractice.DOCTOR_RPPS;
    private BundleContext context;
    private DmpService dmp;
    private PatientRepository patients;
    private CareRepository care;
    private OutboxService outbox;
    private AuditTrail audit;
    private DmpSimulator simulator;
    private final AtomicReference<Optional<DmpCaller>> caller = new AtomicReference<>(Optional.empty());
    private ServiceRegistration<DmpCallerSource> registration;

    @BeforeAll
    void services() throws Exception {
        context = FrameworkUtil.getBundle(DmpServiceTest.class).getBundleContext();
        Osgi.startBundleOf(OutboxService.class);
        dmp = Osgi.await(context, DmpService.class, Duration.ofSeconds(30));
        patients = Osgi.await(context, PatientRepository.class, Duration.ofSeconds(30));
        care = Osgi.await(context, CareRepository.class, Duration.ofSeconds(30));
        outbox = Osgi.await(context, OutboxService.class, Duration.ofSeconds(30));
        audit = Osgi.await(context, AuditTrail.class, Duration.ofSeconds(30));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (simulator == null || simulator.endpoint().isEmpty()) {
            for (ServiceReference<Simulator> ref : context.getServiceReferences(Simulator.class, "(component.name=*DmpSimulator)")) {
                simulator = (DmpSimulator) context.getService(ref);
            }
            assertThat(System.nanoTime()).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private void authenticated() {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(Constants.SERVICE_RANKING, 50);
        registration = context.registerService(DmpCallerSource.class, () -> caller.get(), props);
        caller.set(Optional.of(new DmpCaller("medecin", new DmpRequest.Professional(NATIONAL_ID, "DURAND Sophie", "10",
                Optional.of("SM54")), AuthenticationMode.INDIRECTE)));
    }

    @AfterEach
    void unregister() {
        if (registration != null) {
            registration.unregister();
        }
    }

    private Patient qualifiedPatient() {
        String number = String.format("2%012d", Math.abs(UUID.randomUUID().getLeastSignificantBits()) % 1_000_000_000_000L);
        Ins ins = Ins.parse(number + Ins.computeKey(number), InsType.NIR);
        BirthTraits traits = new BirthTraits("DMPTEST", List.of("CLAIRE"), Sex.FEMALE, LocalDate.of(1980, 3, 12), "75056");
        Identity identity = Identity.provisional(traits, null, null).withInsFromInsi(ins, traits)
                .withDocumentCheck(new IdentityDocumentCheck(IdentityDocumentCheck.DocumentType.CARTE_IDENTITE, "medecin", Instant.now()));
        return patients.save(Patient.create(identity, null, null, null));
    }

    @Test
    void givenNoStrongAuthentication_thenTheDicaSaysSoAndNothingIsSent() {
        Patient patient = qualifiedPatient();
        Dica dica = dmp.dica(patient.id(), AccessMode.NORMAL);
        assertThat(dica.consultable()).isFalse();
        assertThat(dica.item(DicaCondition.AUTHENTIFICATION).satisfied()).isFalse();
        assertThat(dica.item(DicaCondition.INS_QUALIFIEE).satisfied()).isTrue();
        assertThat(audit.forSubject(patient.id().toString())).isEmpty();
    }

    @Test
    void givenConsentRecorded_thenTheAuthorisationLeavesThroughTheOutboxAndTheDicaIsGreen() throws Exception {
        authenticated();
        Patient patient = qualifiedPatient();
        care.save(new CareEpisode(UUID.randomUUID(), patient.id(), "Suivi", LocalDate.now().minusDays(1), null));
        Dica before = dmp.dica(patient.id(), AccessMode.NORMAL);
        assertThat(before.item(DicaCondition.DMP_ACCESSIBLE).satisfied()).isTrue();
        assertThat(before.item(DicaCondition.CONSENTEMENT).satisfied()).isFalse();

        dmp.recordConsent(patient.id(), true, false, true, "medecin");
        assertThat(dmp.consent(patient.id())).hasValueSatisfying(c -> assertThat(c.consultationAllowed()).isTrue());
        OutboxItem item = awaitDelivered(patient.id());
        assertThat(item.state()).isEqualTo(OutboxState.DONE);
        assertThat(simulator.authorization(patient.identity().ins().value(), NATIONAL_ID)).isPresent();

        Dica after = dmp.dica(patient.id(), AccessMode.NORMAL);
        assertThat(after.consultable()).isTrue();
        assertThat(audit.forSubject(patient.id().toString())).extracting(e -> e.action())
                .contains("dmp.consentement", "dmp.TD0_2_EXISTENCE", "dmp.TD0_3_AUTHORIZE");
    }

    @Test
    void givenAProSanteConnectSession_thenTheProfessionalIsStronglyAuthenticatedForTheDmp() throws Exception {
        org.caducee.psc.PscSession session = Osgi.await(context, org.caducee.psc.PscSession.class, Duration.ofSeconds(30));
        Patient patient = qualifiedPatient();
        assertThat(dmp.dica(patient.id(), AccessMode.NORMAL).item(DicaCondition.AUTHENTIFICATION).satisfied()).isFalse();
        org.caducee.psc.CibaLogin login = session.loginWithCiba(NATIONAL_ID, org.caducee.psc.PscSession.Channel.CARD);
        assertThat(login.bindingMessage()).matches("\\d{2}");
        login.result().toCompletableFuture().get(60, java.util.concurrent.TimeUnit.SECONDS);
        try {
            Dica dica = dmp.dica(patient.id(), AccessMode.NORMAL);
            assertThat(dica.item(DicaCondition.AUTHENTIFICATION).satisfied()).isTrue();
            // the existence test left with the PSC professional in the VIHF: the local DMP answered
            assertThat(dica.item(DicaCondition.DMP_ACCESSIBLE).satisfied()).isTrue();
        } finally {
            session.logout();
        }
    }

    private OutboxItem awaitDelivered(UUID patientId) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            Optional<OutboxItem> item = outbox.list(null, 200).stream()
                    .filter(i -> i.channel().equals(DmpService.AUTHORIZATION_CHANNEL) && i.idempotencyKey().contains(patientId.toString()))
                    .findFirst();
            if (item.isPresent() && item.get().state() != OutboxState.PENDING && item.get().state() != OutboxState.IN_PROGRESS) {
                return item.get();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("authorisation not delivered");
    }
}
