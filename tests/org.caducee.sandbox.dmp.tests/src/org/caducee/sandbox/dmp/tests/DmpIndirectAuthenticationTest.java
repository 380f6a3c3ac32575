package org.caducee.sandbox.dmp.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.caducee.core.patient.Patient;
import org.caducee.core.document.HealthDocument;
import org.caducee.dmp.AccessMode;
import org.caducee.dmp.DicaCondition;
import org.caducee.dmp.DmpClient;
import org.caducee.dmp.DmpDocument;
import org.caducee.dmp.DmpException;
import org.caducee.dmp.DmpRequest;
import org.caducee.dmp.DmpService;
import org.caducee.dmp.DocumentQuery;
import org.caducee.dmp.DocumentStatus;
import org.caducee.dmp.FeedTiming;
import org.caducee.dmp.vihf.AuthenticationContext;
import org.caducee.dmp.vihf.AuthenticationMode;
import org.caducee.outbox.OutboxItem;
import org.caducee.outbox.OutboxService;
import org.caducee.outbox.OutboxState;
import org.caducee.sandbox.DemoPractice;
import org.caducee.security.Role;
import org.caducee.security.SessionGuard;
import org.caducee.security.UserAccount;
import org.caducee.testing.Osgi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;

/**
 * Indirect authentication (Structures d'exercice coordonné, SC.DMP/CONF.22): with the setting
 * {@code dmp.authentification.indirecte=structure}, the logged-in professional feeds the local DMP under the
 * structure's certificate, named as author in the VIHF; the DMP refuses that credential for anything but feeding.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DmpIndirectAuthenticationTest {

    private static final String SETTING = "caducee.dmp.authentification.indirecte";
    private DmpTestRuntime runtime;
    private BundleContext context;
    private DmpService dmp;
    private DmpClient client;
    private OutboxService outbox;
    private SessionGuard session;

    @BeforeAll
    void services() throws Exception {
        context = FrameworkUtil.getBundle(DmpIndirectAuthenticationTest.class).getBundleContext();
        Osgi.startBundleOf(OutboxService.class);
        dmp = Osgi.await(context, DmpService.class, Duration.ofSeconds(30));
        client = Osgi.await(context, DmpClient.class, Duration.ofSeconds(30));
        outbox = Osgi.await(context, OutboxService.class, Duration.ofSeconds(30));
        session = Osgi.await(context, SessionGuard.class, Duration.ofSeconds(30));
        runtime = new DmpTestRuntime();
    }

    @BeforeEach
    void structureMode() {
        System.setProperty(SETTING, "structure");
        session.open(new UserAccount("sophie.durand", "DURAND Sophie", Set.of(Role.MEDECIN), DemoPractice.DOCTOR_RPPS, true), "test");
    }

    @AfterEach
    void cleanUp() {
        System.clearProperty(SETTING);
        session.logout();
    }

    @Test
    void givenStructureMode_whenADocumentIsShared_thenItIsFedUnderTheStructureCertificateWithTheAuthorInTheVihf() throws Exception {
        Patient patient = runtime.qualifiedPatient();
        HealthDocument doc = runtime.producedDocument(patient);
        OutboxItem item = dmp.share(doc.id(), Set.of(), FeedTiming.NOW, "sophie.durand");
        assertThat(item.payload()).contains("CERTIFICAT_STRUCTURE").contains("8" + DemoPractice.DOCTOR_RPPS);
        runtime.await(item.id(), OutboxState.DONE, Duration.ofSeconds(60));
        List<DmpDocument> found = runtime.inTheDmp(patient, doc.uniqueId());
        assertThat(found).hasSize(1);
    }

    @Test
    void givenStructureModeOnly_whenTheRecordIsConsulted_thenTheServiceSaysFeedingOnlyAndSendsNothing() throws Exception {
        Patient patient = runtime.qualifiedPatient();
        assertThatThrownBy(() -> dmp.documents(patient.id(), AccessMode.BRIS_DE_GLACE, new DocumentQuery(Set.of(DocumentStatus.APPROVED), Optional.empty(), List.of())))
                .isInstanceOf(DmpException.class).hasMessageContaining("ne permet que l’alimentation");
        assertThat(dmp.dica(patient.id(), AccessMode.NORMAL).items()).filteredOn(i -> i.condition() == DicaCondition.AUTHENTIFICATION)
                .singleElement().satisfies(i -> assertThat(i.satisfied()).as("feeding-only credential").isFalse());
    }

    @Test
    void givenTheStructureCertificateOnTheWire_whenItAsksForDocuments_thenTheLocalDmpRefusesIt() throws Exception {
        Patient patient = runtime.qualifiedPatient();
        DmpRequest structure = new DmpRequest(patient.identity().ins().value(), patient.identity().ins().oid(),
                new DmpRequest.Professional("8" + DemoPractice.DOCTOR_RPPS, "DURAND Sophie", "10", Optional.empty()),
                AccessMode.BRIS_DE_GLACE, Optional.empty(), AuthenticationMode.INDIRECTE, AuthenticationContext.CERTIFICAT_STRUCTURE);
        assertThatThrownBy(() -> client.getDocuments(structure, "1.2.250.1.999.2.1.1")).isInstanceOf(DmpException.class)
                .hasMessageContaining("seule l’alimentation")
                .satisfies(e -> assertThat(((DmpException) e).kind()).isEqualTo(DmpException.Kind.REFUSED));
    }
}
