package org.caducee.sandbox.dmp.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.caducee.core.document.Channel;
import org.caducee.core.document.DocumentRepository;
import org.caducee.core.document.HealthDocument;
import org.caducee.core.document.SharingState;
import org.caducee.core.patient.Patient;
import org.caducee.dmp.DmpCaller;
import org.caducee.dmp.DmpCallerSource;
import org.caducee.dmp.DmpRequest;
import org.caducee.dmp.DmpService;
import org.caducee.dmp.FeedTiming;
import org.caducee.dmp.vihf.AuthenticationMode;
import org.caducee.mss.MssDocumentSender;
import org.caducee.mss.MssDocumentSender.DocumentMessage;
import org.caducee.mss.MssSender.QueuedMessage;
import org.caducee.outbox.OutboxItem;
import org.caducee.outbox.OutboxService;
import org.caducee.outbox.OutboxState;
import org.caducee.sandbox.DemoPractice;
import org.caducee.sandbox.mss.SandboxMssOperator;
import org.caducee.testing.Osgi;
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
 * The feed "en Y" with the local DMP and the sandbox MSSanté operator in one runtime: one document of the record,
 * shared once to both, lands in the DMP (XDS, invisible to the patient) and in the correspondent's mailbox (the
 * IHE_XDM.zip of the same CDA), and the document row carries each channel's state.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DmpFeedEnYTest {

    private static final String NATIONAL_ID = "8" + DemoPractice.DOCTOR_RPPS;
    private DmpTestRuntime runtime;
    private BundleContext context;
    private DmpService dmp;
    private MssDocumentSender mss;
    private SandboxMssOperator operator;
    private OutboxService outbox;
    private DocumentRepository documents;
    private ServiceRegistration<DmpCallerSource> registration;

    @BeforeAll
    void services() throws Exception {
        context = FrameworkUtil.getBundle(DmpFeedEnYTest.class).getBundleContext();
        Osgi.startBundleOf(OutboxService.class);
        Osgi.startBundleOf(MssDocumentSender.class);
        Osgi.startBundleOf(SandboxMssOperator.class);
        runtime = new DmpTestRuntime();
        dmp = Osgi.await(context, DmpService.class, Duration.ofSeconds(30));
        mss = Osgi.await(context, MssDocumentSender.class, Duration.ofSeconds(30));
        operator = Osgi.await(context, SandboxMssOperator.class, Duration.ofSeconds(30));
        outbox = Osgi.await(context, OutboxService.class, Duration.ofSeconds(30));
        documents = Osgi.await(context, DocumentRepository.class, Duration.ofSeconds(30));
    }

    @BeforeEach
    void authenticated() {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(Constants.SERVICE_RANKING, 60);
        registration = context.registerService(DmpCallerSource.class, () -> Optional.of(new DmpCaller("medecin",
                new DmpRequest.Professional(NATIONAL_ID, "DURAND Sophie", "10", Optional.of("SM54")), AuthenticationMode.INDIRECTE)), props);
    }

    @AfterEach
    void cleanUp() {
        registration.unregister();
    }

    @Test
    void givenOneShareToBothChannels_thenTheDmpAndTheCorrespondentReceiveTheSameDocument() throws Exception {
        Patient patient = runtime.qualifiedPatient();
        HealthDocument doc = runtime.producedDocument(patient);
        int before = operator.inbox(SandboxMssOperator.ROBOT).size();

        OutboxItem feed = dmp.share(doc.id(), Set.of(Visibility.INVISIBLE_PATIENT), FeedTiming.NOW, "medecin");
        List<QueuedMessage> messages = mss.send(new DocumentMessage(doc.id(), List.of(SandboxMssOperator.ROBOT), "", false, false, "medecin"));
        assertThat(messages).hasSize(1);

        runtime.await(feed.id(), OutboxState.DONE, Duration.ofSeconds(60));
        assertThat(runtime.inTheDmp(patient, doc.uniqueId())).singleElement().satisfies(d -> assertThat(d.invisibleToPatient()).isTrue());

        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (operator.inbox(SandboxMssOperator.ROBOT).size() <= before && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        List<byte[]> inbox = operator.inbox(SandboxMssOperator.ROBOT);
        assertThat(inbox).as("the correspondent's mailbox").hasSizeGreaterThan(before);
        String message = new String(inbox.get(inbox.size() - 1), StandardCharsets.ISO_8859_1);
        assertThat(message).contains("IHE_XDM.zip");

        long stateDeadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (documents.find(doc.id()).orElseThrow().sharing(Channel.MSSANTE) != SharingState.SENT && System.nanoTime() < stateDeadline) {
            Thread.sleep(200);
        }
        HealthDocument row = documents.find(doc.id()).orElseThrow();
        assertThat(row.sharing(Channel.DMP)).isEqualTo(SharingState.SENT);
        assertThat(row.sharing(Channel.MSSANTE)).isEqualTo(SharingState.SENT);
        assertThat(outbox.list(OutboxState.DONE, 10_000)).extracting(OutboxItem::channel).contains(DmpService.FEED_CHANNEL, "mssante");
    }

    @Test
    @SuppressWarnings("unchecked")
    void givenTheCommandLineWithMss_thenOneShareReachesTheDmpAndTheCorrespondent() throws Exception {
        Patient patient = runtime.qualifiedPatient();
        HealthDocument doc = runtime.producedDocument(patient);
        int before = operator.inbox(SandboxMssOperator.PDF_ONLY_CORRESPONDENT).size();

        DmpConsultationTest.Result shared = DmpConsultationTest.cli("share", "--doc", doc.id().toString(), "--now", "--mss",
                SandboxMssOperator.PDF_ONLY_CORRESPONDENT);
        assertThat(shared.code()).as(shared.out()).isZero();
        assertThat(shared.out()).contains("en file pour le DMP").contains("1 message(s) MSSanté en file pour " + SandboxMssOperator.PDF_ONLY_CORRESPONDENT);
        java.util.Map<String, Object> json = (java.util.Map<String, Object>) shared.json();
        assertThat((List<String>) json.get("mssMessages")).hasSize(1);
        runtime.await(java.util.UUID.fromString((String) json.get("outboxItem")), OutboxState.DONE, Duration.ofSeconds(60));
        assertThat(runtime.inTheDmp(patient, doc.uniqueId())).hasSize(1);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (operator.inbox(SandboxMssOperator.PDF_ONLY_CORRESPONDENT).size() <= before && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(operator.inbox(SandboxMssOperator.PDF_ONLY_CORRESPONDENT)).as("the correspondent's mailbox").hasSizeGreaterThan(before);

        DmpConsultationTest.Result refused = DmpConsultationTest.cli("share", "--doc", doc.id().toString(), "--mss", "pas-une-adresse");
        assertThat(refused.code()).as("a hostile address is refused with a French message keeping it").isNotZero();
        assertThat(refused.out()).contains("pas-une-adresse");
    }
}
