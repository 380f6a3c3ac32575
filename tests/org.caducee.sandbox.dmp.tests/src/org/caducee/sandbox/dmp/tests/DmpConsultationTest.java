package org.caducee.sandbox.dmp.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import org.caducee.cli.CliCommand;
import org.caducee.core.document.Channel;
import org.caducee.core.document.DocumentRepository;
import org.caducee.core.document.HealthDocument;
import org.caducee.core.document.Provenance;
import org.caducee.core.document.SharingState;
import org.caducee.core.patient.Patient;
import org.caducee.dmp.AccessMode;
import org.caducee.dmp.DmpAnnouncement;
import org.caducee.dmp.DmpCaller;
import org.caducee.dmp.DmpCallerSource;
import org.caducee.dmp.DmpDocument;
import org.caducee.dmp.DmpRequest;
import org.caducee.dmp.DmpService;
import org.caducee.dmp.DmpSummary;
import org.caducee.dmp.DocumentStatus;
import org.caducee.dmp.FeedTiming;
import org.caducee.dmp.vihf.AuthenticationMode;
import org.caducee.outbox.OutboxService;
import org.caducee.outbox.OutboxState;
import org.caducee.sandbox.DemoPractice;
import org.caducee.testing.CliHarness;
import org.caducee.testing.Osgi;
import org.caducee.xds.DocumentEntry;
import org.caducee.xds.ImportOutcome;
import org.caducee.xds.XdsMetadataFactory;
import org.caducee.dmp.DmpClient;
import org.caducee.dmp.DmpSubmission;
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
 * Consultation when the record opens (counter, announcements of new versions and deletions), integration with
 * dedupe and provenance DMP, and the {@code dmp share|list|get|hide|show|archive|delete} commands.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DmpConsultationTest {

    private static final String NATIONAL_ID = "8" + DemoPractice.DOCTOR_RPPS;
    private DmpTestRuntime runtime;
    private BundleContext context;
    private DmpService dmp;
    private DocumentRepository documents;
    private final AtomicReference<Optional<DmpCaller>> caller = new AtomicReference<>(Optional.empty());
    private ServiceRegistration<DmpCallerSource> registration;

    @BeforeAll
    void services() throws Exception {
        context = FrameworkUtil.getBundle(DmpConsultationTest.class).getBundleContext();
        Osgi.startBundleOf(OutboxService.class);
        runtime = new DmpTestRuntime();
        dmp = Osgi.await(context, DmpService.class, Duration.ofSeconds(30));
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
    }

    private void sent(HealthDocument doc, Set<Visibility> visibility) throws Exception {
        runtime.await(dmp.share(doc.id(), visibility, FeedTiming.NOW, "medecin").id(), OutboxState.DONE, Duration.ofSeconds(60));
    }

    @Test
    void givenDocumentsInTheDmp_whenTheRecordOpens_thenNewOnesAreCountedOnceAndChangesAreAnnounced() throws Exception {
        Patient patient = runtime.qualifiedPatient();
        String root = "1.2.250.1.999.3." + Math.abs(java.util.UUID.randomUUID().getLeastSignificantBits());
        HealthDocument v1 = runtime.producedDocument(patient, root, 1);
        HealthDocument other = runtime.producedDocument(patient);
        sent(v1, Set.of());
        sent(other, Set.of(Visibility.INVISIBLE_PATIENT));

        DmpSummary first = dmp.open(patient.id(), AccessMode.BRIS_DE_GLACE);
        assertThat(first.previousVisit()).isEmpty();
        assertThat(first.documents()).hasSize(2);
        assertThat(first.newDocuments()).isEqualTo(2);
        assertThat(first.newInvisibleToPatient()).isEqualTo(1);
        assertThat(first.announcements()).isEmpty();

        HealthDocument v2 = runtime.producedDocument(patient, root, 2);
        sent(v2, Set.of());
        DmpDocument otherInDmp = dmp.document(patient.id(), AccessMode.BRIS_DE_GLACE, other.uniqueId()).orElseThrow();
        dmp.changeStatus(patient.id(), otherInDmp, DocumentStatus.DELETED);
        assertThat(documents.find(other.id()).orElseThrow().sharing(Channel.DMP)).isEqualTo(SharingState.DELETED);

        DmpSummary second = dmp.open(patient.id(), AccessMode.BRIS_DE_GLACE);
        assertThat(second.previousVisit()).isPresent();
        assertThat(second.documents()).extracting(DmpDocument::uniqueId).containsExactly(v2.uniqueId());
        assertThat(second.announcements()).extracting(DmpAnnouncement::uniqueId, DmpAnnouncement::kind).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(v1.uniqueId(), DmpAnnouncement.Kind.NEW_VERSION),
                org.assertj.core.groups.Tuple.tuple(other.uniqueId(), DmpAnnouncement.Kind.DELETED));
        assertThat(second.announcements().stream().filter(a -> a.kind() == DmpAnnouncement.Kind.NEW_VERSION).findFirst().orElseThrow()
                .latest()).hasValueSatisfying(d -> assertThat(d.uniqueId()).isEqualTo(v2.uniqueId()));
        assertThat(dmp.versions(patient.id(), AccessMode.BRIS_DE_GLACE, second.documents().get(0))).hasSize(2);
    }

    @Test
    void givenADocumentCreatedLongAgoButSentAfterTheLastVisit_whenTheRecordOpens_thenItIsCountedAsNew() throws Exception {
        Patient patient = runtime.qualifiedPatient();
        HealthDocument first = runtime.producedDocument(patient);
        sent(first, Set.of());
        DmpSummary before = dmp.open(patient.id(), AccessMode.BRIS_DE_GLACE);
        assertThat(before.newDocuments()).isEqualTo(1);

        // the official example is dated 2021: created years before this visit, sent to the DMP after it
        HealthDocument late = runtime.producedDocument(patient);
        sent(late, Set.of(Visibility.INVISIBLE_PATIENT));
        DmpDocument lateInDmp = dmp.document(patient.id(), AccessMode.BRIS_DE_GLACE, late.uniqueId()).orElseThrow();
        assertThat(lateInDmp.entry().creationTime().substring(0, 8)).as("created long before today's visits")
                .isLessThan(java.time.LocalDate.now(java.time.ZoneOffset.UTC).format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE));
        DmpSummary after = dmp.open(patient.id(), AccessMode.BRIS_DE_GLACE);
        assertThat(after.documents()).hasSize(2);
        assertThat(after.newDocuments()).as("sent since the last visit, whatever its creation date").isEqualTo(1);
        assertThat(after.newInvisibleToPatient()).isEqualTo(1);

        DmpSummary again = dmp.open(patient.id(), AccessMode.BRIS_DE_GLACE);
        assertThat(again.newDocuments()).as("listed at the previous visit").isZero();

        // another professional has never seen them: both are new to her
        caller.set(Optional.of(new DmpCaller("medecin2", new DmpRequest.Professional("8" + DemoPractice.SECOND_DOCTOR_RPPS, "MARTIN Paul",
                "10", Optional.empty()), AuthenticationMode.INDIRECTE)));
        assertThat(dmp.open(patient.id(), AccessMode.BRIS_DE_GLACE).newDocuments()).isEqualTo(2);
    }

    @Test
    void givenADocumentOfAnotherPractice_whenIntegrated_thenItIsFiledOnceWithProvenanceDmp() throws Exception {
        Patient patient = runtime.qualifiedPatient();
        HealthDocument produced = runtime.producedDocument(patient);
        sent(produced, Set.of());
        DmpDocument inDmp = dmp.document(patient.id(), AccessMode.BRIS_DE_GLACE, produced.uniqueId()).orElseThrow();
        ImportOutcome again = dmp.integrate(patient.id(), AccessMode.BRIS_DE_GLACE, inDmp);
        assertThat(again.status()).as(again.message()).isEqualTo(ImportOutcome.Status.ALREADY_STORED);

        // a document another practice sent: only the DMP has it
        String root = "1.2.250.1.999.4." + Math.abs(java.util.UUID.randomUUID().getLeastSignificantBits());
        byte[] cda = runtime.cda(patient, root, 1).getBytes(StandardCharsets.UTF_8);
        XdsMetadataFactory factory = Osgi.await(context, XdsMetadataFactory.class, Duration.ofSeconds(30));
        DocumentEntry entry = factory.documentEntry(cda, "DOC0001.XML", Set.of());
        DmpClient client = Osgi.await(context, DmpClient.class, Duration.ofSeconds(30));
        DmpRequest colleague = new DmpRequest(patient.identity().ins().value(), patient.identity().ins().oid(),
                new DmpRequest.Professional("8" + DemoPractice.SECOND_DOCTOR_RPPS, "MARTIN Paul", "10", Optional.empty()),
                AccessMode.NORMAL, Optional.empty(), AuthenticationMode.INDIRECTE);
        client.submit(colleague, new DmpSubmission(factory.submissionSet(List.of(entry), "CR"),
                List.of(new DmpSubmission.Document(entry, cda, Optional.empty()))));
        DmpDocument foreign = dmp.document(patient.id(), AccessMode.BRIS_DE_GLACE, entry.uniqueId()).orElseThrow();
        ImportOutcome integrated = dmp.integrate(patient.id(), AccessMode.BRIS_DE_GLACE, foreign);
        assertThat(integrated.status()).as(integrated.message()).isEqualTo(ImportOutcome.Status.STORED);
        HealthDocument filed = documents.find(integrated.documentId()).orElseThrow();
        assertThat(filed.provenance()).isEqualTo(Provenance.IMPORTED_DMP);
        assertThat(filed.patientId()).isEqualTo(patient.id());
        assertThat(dmp.integrate(patient.id(), AccessMode.BRIS_DE_GLACE, foreign).status()).isEqualTo(ImportOutcome.Status.ALREADY_STORED);
    }

    // ------------------------------------------------------------------ CLI

    record Result(int code, String out, Object json) {
    }

    /** Runs {@code caducee-cli dmp ARGS} in this runtime (the command's own picocli tree and context). */
    static Result cli(String... args) throws Exception {
        BundleContext context = FrameworkUtil.getBundle(DmpConsultationTest.class).getBundleContext();
        CliCommand command = context.getService(context.getServiceReferences(CliCommand.class, "(" + CliCommand.PROPERTY_NAME + "=dmp)")
                .iterator().next());
        CliHarness cli = CliHarness.osgi(context, Duration.ofSeconds(10));
        int code = cli.run(command.command(cli), args);
        return new Result(code, cli.output(), cli.document());
    }

    @Test
    @SuppressWarnings("unchecked")
    void givenTheCommandLine_thenShareListGetHideShowArchiveDeleteWork() throws Exception {
        Patient patient = runtime.qualifiedPatient();
        HealthDocument doc = runtime.producedDocument(patient);
        Result shared = cli("share", "--doc", doc.id().toString(), "--now", "--invisible");
        assertThat(shared.code()).as(shared.out()).isZero();
        assertThat(shared.out()).contains("en file pour le DMP");
        String item = (String) ((Map<String, Object>) shared.json()).get("outboxItem");
        runtime.await(java.util.UUID.fromString(item), OutboxState.DONE, Duration.ofSeconds(60));
        Result again = cli("share", "--doc", doc.uniqueId());
        assertThat(again.out()).contains("déjà envoyé avec succès");

        Result listed = cli("list", "--patient", patient.id().toString(), "--mode", "bris_de_glace");
        assertThat(listed.code()).as(listed.out()).isZero();
        assertThat(listed.out()).contains(doc.uniqueId()).contains("INVISIBLE_PATIENT").contains("1 document(s).");
        List<Map<String, Object>> rows = (List<Map<String, Object>>) ((Map<String, Object>) listed.json()).get("documents");
        assertThat(rows).singleElement().satisfies(r -> assertThat(r.get("invisibleToPatient")).isEqualTo(true));

        Result refused = cli("list", "--patient", patient.id().toString());
        assertThat(refused.code()).isNotZero();
        assertThat(refused.out()).contains("consentement");

        Result got = cli("get", doc.uniqueId(), "--mode", "bris_de_glace", "--integrate");
        assertThat(got.code()).as(got.out()).isZero();
        assertThat(got.out()).contains("Déjà dans le dossier");

        dmp.recordConsent(patient.id(), true, false, true, "medecin");
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Result shown;
        do {
            Thread.sleep(200);
            shown = cli("show", doc.uniqueId());
        } while (shown.code() != 0 && System.nanoTime() < deadline);
        assertThat(shown.code()).as(shown.out()).isZero();
        assertThat(cli("list", "--patient", patient.id().toString()).out()).doesNotContain("INVISIBLE_PATIENT");
        assertThat(cli("hide", doc.uniqueId()).out()).contains("masqué aux autres professionnels");
        assertThat(cli("archive", doc.uniqueId()).code()).isZero();
        assertThat(cli("list", "--patient", patient.id().toString()).out()).contains("0 document(s).");
        assertThat(cli("list", "--patient", patient.id().toString(), "--all").out()).contains("ARCHIVED");
        Result deleted = cli("archive", doc.uniqueId(), "--undo");
        assertThat(deleted.code()).as(deleted.out()).isZero();
        assertThat(cli("delete", doc.uniqueId()).out()).contains("supprimé du DMP");
        assertThat(documents.find(doc.id()).orElseThrow().sharing(Channel.DMP)).isEqualTo(SharingState.DELETED);
    }
}
