package org.caducee.ins.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;


import javax.net.ssl.SSLContext;

import org.caducee.core.audit.AuditEvent;
import org.caducee.core.audit.AuditTrail;
import org.caducee.core.identity.BirthTraits;
import org.caducee.core.identity.Identity;
import org.caducee.core.identity.IdentityDocumentCheck;
import org.caducee.core.identity.IdentityStatus;
import org.caducee.core.identity.Sex;
import org.caducee.core.patient.Patient;
import org.caducee.core.patient.PatientRepository;
import org.caducee.ins.insi.InsiAuthentication;
import org.caducee.ins.insi.InsiClient;
import org.caducee.ins.insi.InsiException;
import org.caducee.ins.insi.InsiResult;
import org.caducee.ins.insi.InsiSettings;
import org.caducee.ins.insi.VitaleQuery;
import org.caducee.ins.internal.insi.HttpInsiClient;
import org.caducee.ins.internal.qualification.QualificationComponent;
import org.caducee.ins.matching.InsiAnswer;
import org.caducee.ins.matching.TraitField;
import org.caducee.ins.matching.TraitsQuery;
import org.caducee.ins.qualification.InsHistoryEntry;
import org.caducee.ins.qualification.InsQualification;
import org.caducee.ins.qualification.QualificationOutcome;
import org.caducee.ins.qualification.QualificationOutcome.Kind;
import org.caducee.outbox.OutboxItem;
import org.caducee.outbox.OutboxService;
import org.caducee.outbox.OutboxState;
import org.caducee.sandbox.SandboxPki;
import org.caducee.sandbox.Simulator;
import org.caducee.sandbox.insi.InsiSimulatorControl;
import org.caducee.testing.Osgi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.w3c.dom.Element;

/**
 * The whole INS workflow in the OSGi runtime against the local INSi simulator, over real HTTPS on loopback with the
 * sandbox test PKI (PS card TLS + signed Assertion PS by default). The sandbox host starts the simulator, which
 * configures the client itself.
 */
@TestInstance(Lifecycle.PER_CLASS)
class InsiWorkflowTest {

    private static final Duration WAIT = Duration.ofSeconds(120);
    private InsiSimulatorControl control;
    private Simulator simulator;
    private InsQualification qualification;
    private InsiClient client;
    private PatientRepository patients;
    private OutboxService outbox;
    private AuditTrail audit;
    private SandboxPki pki;

    @BeforeAll
    void services() throws Exception {
        BundleContext context = FrameworkUtil.getBundle(InsiWorkflowTest.class).getBundleContext();
        control = Osgi.await(context, InsiSimulatorControl.class, WAIT);
        simulator = (Simulator) control;
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (simulator.endpoint().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(simulator.endpoint()).as("simulator started by the sandbox host").isPresent();
        qualification = Osgi.await(context, InsQualification.class, WAIT);
        client = Osgi.await(context, InsiClient.class, WAIT);
        patients = Osgi.await(context, PatientRepository.class, WAIT);
        outbox = Osgi.await(context, OutboxService.class, WAIT);
        audit = Osgi.await(context, AuditTrail.class, WAIT);
        pki = Osgi.await(context, SandboxPki.class, WAIT);
    }

    @AfterEach
    void reset() throws Exception {
        control.available(true);
        control.reset();
    }

    private Patient patient(String name, String firstNames, Sex sex, String date, String place) {
        return patients.save(Patient.create(Identity.provisional(BirthTraits.of(name, firstNames, sex, LocalDate.parse(date), place), null, null), null, null, null));
    }

    @Test
    void requestsAreValidatedAgainstTheCnamSchemas() {
        assertThat(control.validatesRequests()).as("XSD found under caducee.shared").isTrue();
    }

    @Test
    void vitale_perfectMatch_recoveredWithoutAClick_andTraced() {
        Patient p = patient("ADRUN", "ZOE", Sex.FEMALE, "1975-12-31", "63220");
        QualificationOutcome o = qualification.onVitaleRead(p.id(), VitaleQuery.of("275126322074974", "ADRUN", "1975-12-31"), "secretaire");
        assertThat(o.kind()).as(o.message()).isEqualTo(Kind.RECOVERED);
        Patient stored = patients.find(p.id()).orElseThrow();
        assertThat(stored.identity().status()).isEqualTo(IdentityStatus.RECUPEREE);
        assertThat(stored.identity().ins().value()).isEqualTo("275126322074974");
        List<AuditEvent> trail = audit.forSubject(p.id().toString());
        assertThat(trail).extracting(AuditEvent::action).contains("INSI_RECHERCHE", "INS_STATUT");
        assertThat(trail).allSatisfy(e -> assertThat(e.actor()).isEqualTo("secretaire"));

        // douteuse downgrades and drops the INS; the history stays
        Patient doubtful = qualification.markDoubtful(p.id(), "medecin");
        assertThat(doubtful.identity().status()).isEqualTo(IdentityStatus.PROVISOIRE);
        assertThat(doubtful.identity().ins()).isNull();
        assertThat(qualification.history(p.id())).extracting(h -> h.ins().value()).contains("275126322074974");
        assertThat(qualification.onRecordOpened(p.id(), "secretaire").kind()).isEqualTo(Kind.NOT_NEEDED);
    }

    @Test
    void traitsOnly_divergenceShown_thenOneClickValidation_thenDocument_qualifiee() {
        Patient p = patient("CORSE", "ANTHONY", Sex.MALE, "1980-03-12", "2B033");
        QualificationOutcome o = qualification.onRecordOpened(p.id(), "secretaire");
        assertThat(o.kind()).as(o.message()).isEqualTo(Kind.TO_CONFIRM);
        assertThat(o.comparison().traits()).filteredOn(t -> t.field() == TraitField.BIRTHPLACE).singleElement()
                .satisfies(t -> assertThat(t.concordant()).isFalse());
        assertThat(o.comparison().perfectMatch()).isFalse();
        assertThat(patients.find(p.id()).orElseThrow().identity().status()).isEqualTo(IdentityStatus.PROVISOIRE);
        // Corsica: 2B counts as 18 in the key
        assertThat(o.result().ins().number()).isEqualTo("180032B020401");
        assertThat(o.result().ins().keyValid()).isTrue();
        assertThat(o.warnings()).isEmpty();

        Patient accepted = qualification.accept(p.id(), o.result(), "secretaire");
        assertThat(accepted.identity().status()).isEqualTo(IdentityStatus.RECUPEREE);
        assertThat(accepted.identity().traits().birthplaceCode()).isEqualTo("2B020");
        Patient qualified = qualification.recordDocumentCheck(p.id(),
                new IdentityDocumentCheck(IdentityDocumentCheck.DocumentType.CARTE_IDENTITE, "secretaire", Instant.now()), "secretaire");
        assertThat(qualified.identity().status()).isEqualTo(IdentityStatus.QUALIFIEE);
        assertThat(qualified.identity().documentCheck().checkedBy()).isEqualTo("secretaire");
    }

    @Test
    void answer02_silentRetryWithBirthplace_then00() {
        Patient p = patient("MARTIN", "JEAN", Sex.MALE, "1962-05-14", "13055");
        QualificationOutcome o = qualification.onRecordOpened(p.id(), "secretaire");
        assertThat(o.attempts()).hasSize(2);
        assertThat(o.attempts().get(0).answer()).isEqualTo(InsiAnswer.SEVERAL);
        assertThat(o.attempts().get(0).query().withBirthplace()).isFalse();
        assertThat(o.attempts().get(1).query().birthplaceCode()).isEqualTo("13055");
        assertThat(o.attempts().get(1).answer()).isEqualTo(InsiAnswer.FOUND);
        assertThat(o.kind()).isEqualTo(Kind.TO_CONFIRM);
        assertThat(o.result().ins().value()).isEqualTo("162051305504488");
    }

    @Test
    void answer01_adviceForTheFrontDesk() {
        Patient p = patient("TCHITCHI", "OLA", Sex.FEMALE, "1990-01-01", "63220");
        QualificationOutcome o = qualification.onRecordOpened(p.id(), "secretaire");
        assertThat(o.kind()).isEqualTo(Kind.NOT_FOUND);
        assertThat(o.message()).contains("carte Vitale").contains("trait d’union");
        assertThat(patients.find(p.id()).orElseThrow().identity().status()).isEqualTo(IdentityStatus.PROVISOIRE);
    }

    @Test
    void nia_verifiedAgainOnANewEvent() {
        Patient p = patient("PROVISOIRE", "MATRICULE", Sex.MALE, "2009-07-01", "63220");
        QualificationOutcome o = qualification.onRecordOpened(p.id(), "secretaire");
        assertThat(o.result().ins().isNia()).isTrue();
        qualification.accept(p.id(), o.result(), "secretaire");
        assertThat(qualification.onNewEvent(p.id(), "medecin")).isTrue();
        assertThat(outbox.list(null, 50)).extracting(OutboxItem::idempotencyKey).anySatisfy(k -> assertThat(k).startsWith("verify-nia:" + p.id()));
    }

    @Test
    void insHistory_keptWithWrongKeysFlagged() {
        Patient p = patient("HERMANN", "GATIEN", Sex.MALE, "1981-03-24", "63220");
        QualificationOutcome o = qualification.onRecordOpened(p.id(), "secretaire");
        assertThat(o.warnings()).hasSize(2);
        qualification.accept(p.id(), o.result(), "secretaire");
        List<InsHistoryEntry> history = qualification.history(p.id());
        assertThat(history).extracting(h -> h.ins().value()).containsExactlyInAnyOrder("181036322045660", "281036322045610");
        assertThat(history.get(0).active()).isTrue();
        assertThat(history.get(0).ins().value()).isEqualTo("181036322045660");
    }

    @Test
    void fourYearVerificationDue_queuedInTheOutbox() {
        Patient p = patient("DECOURCY", "RUTH ISABELLE", Sex.FEMALE, "2021-04-25", "75056");
        QualificationOutcome o = qualification.onRecordOpened(p.id(), "secretaire");
        Patient accepted = qualification.accept(p.id(), o.result(), "secretaire");
        Instant now = Instant.now();
        assertThat(qualification.dueVerifications(now)).noneMatch(d -> d.patientId().equals(p.id()));
        ((QualificationComponent) qualification).markVerified(p.id(), accepted.identity().ins(),
                now.atOffset(ZoneOffset.UTC).minusYears(4).minusDays(1).toInstant(), "00");
        assertThat(qualification.dueVerifications(now)).anyMatch(d -> d.patientId().equals(p.id()));
        assertThat(qualification.queueDueVerifications(now, "system")).isGreaterThanOrEqualTo(1);
        assertThat(outbox.list(null, 100)).extracting(OutboxItem::idempotencyKey).anySatisfy(k -> assertThat(k).startsWith("verify:" + p.id()));
        QualificationOutcome verified = qualification.verify(p.id(), "system");
        assertThat(verified.kind()).as(verified.message()).isEqualTo(Kind.RECOVERED);
        assertThat(qualification.dueVerifications(now)).noneMatch(d -> d.patientId().equals(p.id()));
    }

    @Test
    void simulatorDown_callQueued_thenDoneWhenBack() throws Exception {
        Patient p = patient("DE VINCI", "LEONARDO", Sex.MALE, "1952-04-15", "99127");
        control.available(false);
        QualificationOutcome o = qualification.onVitaleRead(p.id(), VitaleQuery.of("152049912710197", "DE VINCI", "1952-04-15"), "secretaire");
        assertThat(o.kind()).as(o.message()).isEqualTo(Kind.QUEUED);
        assertThat(o.message()).contains("injoignable");
        control.available(true);
        long deadline = System.nanoTime() + Duration.ofSeconds(150).toNanos();
        while ((patients.find(p.id()).orElseThrow().identity().status() != IdentityStatus.RECUPEREE
                || outbox.list(OutboxState.DONE, 500).stream().noneMatch(i -> i.idempotencyKey().startsWith("qualify:" + p.id())))
                && System.nanoTime() < deadline) {
            Thread.sleep(250);
        }
        assertThat(patients.find(p.id()).orElseThrow().identity().status()).isEqualTo(IdentityStatus.RECUPEREE);
        assertThat(outbox.list(OutboxState.DONE, 500)).extracting(OutboxItem::idempotencyKey).anySatisfy(k -> assertThat(k).startsWith("qualify:" + p.id()));
    }

    @Test
    void apcv_qualifiedAtOnce() {
        var apcv = control.apcv("2970263113012").orElseThrow();
        Patient p = qualification.receiveFromApcv(null, apcv, "secretaire");
        assertThat(p.identity().status()).isEqualTo(IdentityStatus.QUALIFIEE);
        assertThat(p.identity().documentCheck().type()).isEqualTo(IdentityDocumentCheck.DocumentType.APPLI_CARTE_VITALE);
        assertThat(patients.find(p.id())).isPresent();
    }

    @Test
    void organisationMode_mutualTls() throws Exception {
        control.clientMode("organisation");
        InsiResult r = client.searchWithTraits(new TraitsQuery("ADRUN", "ZOE", Sex.FEMALE, LocalDate.parse("1975-12-31"), null));
        assertThat(r.answer()).isEqualTo(InsiAnswer.FOUND);
    }

    @Test
    void wrongAuthorisationNumber_refusedWithAnExplanation() {
        control.clientIdam("LOGICIEL-PIRATE");
        assertThatThrownBy(() -> client.searchWithTraits(new TraitsQuery("ADRUN", "ZOE", Sex.FEMALE, LocalDate.parse("1975-12-31"), null)))
                .isInstanceOf(InsiException.class).hasMessageContaining("autorisation du logiciel")
                .satisfies(e -> assertThat(((InsiException) e).faultCode()).isEqualTo("desir_550"));
    }

    @Test
    void unsignedAssertion_refused() {
        URI endpoint = simulator.endpoint().orElseThrow();
        InsiAuthentication unsigned = new InsiAuthentication() {
            @Override
            public String mode() {
                return "cps";
            }

            @Override
            public SSLContext sslContext() throws GeneralSecurityException {
                return pki.clientSslContext(SandboxPki.Credential.CARD_AUTH);
            }

            @Override
            public String emitter() {
                return "810001234565";
            }

            @Override
            public void fillSecurityHeader(Element security) {
                Element a = security.getOwnerDocument().createElementNS("urn:oasis:names:tc:SAML:2.0:assertion", "saml:Assertion");
                a.setAttribute("ID", "_forged");
                security.appendChild(a);
            }
        };
        InsiSettings s = new InsiSettings(endpoint, InsiSimulatorControl.SANDBOX_IDAM, null, null, null, unsigned, Duration.ofSeconds(10), 0);
        HttpInsiClient forged = new HttpInsiClient(() -> Optional.of(s), null);
        assertThatThrownBy(() -> forged.searchWithTraits(new TraitsQuery("ADRUN", "ZOE", Sex.FEMALE, LocalDate.parse("1975-12-31"), null)))
                .isInstanceOf(InsiException.class).hasMessageContaining("assertion")
                .satisfies(e -> assertThat(((InsiException) e).faultCode()).isEqualTo("desir_570"));
    }

    @Test
    void hostileServer_rejectedCleanly() {
        TraitsQuery q = new TraitsQuery("ADRUN", "ZOE", Sex.FEMALE, LocalDate.parse("1975-12-31"), null);
        control.failure(InsiSimulatorControl.Failure.MALFORMED);
        assertKind(q, InsiException.Kind.BAD_RESPONSE, "invalide");
        control.failure(InsiSimulatorControl.Failure.HUGE);
        assertKind(q, InsiException.Kind.BAD_RESPONSE, "Ko");
        control.failure(InsiSimulatorControl.Failure.XXE);
        assertKind(q, InsiException.Kind.BAD_RESPONSE, "invalide");
        control.failure(InsiSimulatorControl.Failure.HTTP_500);
        assertKind(q, InsiException.Kind.UNAVAILABLE, "500");
        control.failure(InsiSimulatorControl.Failure.TLS_REFUSAL);
        assertKind(q, InsiException.Kind.UNAVAILABLE, "connexion sécurisée");
        control.clientTimeout(Duration.ofSeconds(1));
        control.failure(InsiSimulatorControl.Failure.TIMEOUT);
        assertKind(q, InsiException.Kind.UNAVAILABLE, "n’a pas répondu");
    }

    private void assertKind(TraitsQuery q, InsiException.Kind kind, String text) {
        assertThatThrownBy(() -> client.searchWithTraits(q)).isInstanceOf(InsiException.class).hasMessageContaining(text)
                .satisfies(e -> assertThat(((InsiException) e).kind()).isEqualTo(kind));
    }

}
