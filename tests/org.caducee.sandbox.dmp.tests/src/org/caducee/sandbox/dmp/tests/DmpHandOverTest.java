package org.caducee.sandbox.dmp.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.Hashtable;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;

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
import org.caducee.outbox.OutboxHandler;
import org.caducee.outbox.OutboxItem;
import org.caducee.outbox.OutboxService;
import org.caducee.outbox.OutboxState;
import org.caducee.outbox.internal.OutboxServiceImpl;
import org.caducee.outbox.internal.OutboxSettings;
import org.caducee.security.AccountService;
import org.caducee.security.Role;
import org.caducee.store.Database;
import org.caducee.testing.Osgi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;

/**
 * Hand-over of a feeding order to the workstation holding the author's credentials: the producing workstation (the
 * runtime's outbox) has no Pro Santé Connect session for the author and no indirect authentication, so it leaves the
 * order; a second outbox worker on the same database (PostgreSQL when the runtime uses it), where the author is
 * logged in, delivers it: exactly one document in the DMP.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DmpHandOverTest {

    private DmpTestRuntime runtime;
    private BundleContext context;
    private DmpService dmp;
    private OutboxService outbox;
    private DocumentRepository documents;
    private AccountService accounts;
    private Database database;
    private final AtomicReference<Optional<DmpCaller>> loggedIn = new AtomicReference<>(Optional.empty());
    private ServiceRegistration<DmpCallerSource> registration;
    private OutboxServiceImpl authorsWorkstation;

    @BeforeAll
    void services() throws Exception {
        context = FrameworkUtil.getBundle(DmpHandOverTest.class).getBundleContext();
        Osgi.startBundleOf(OutboxService.class);
        dmp = Osgi.await(context, DmpService.class, Duration.ofSeconds(30));
        outbox = Osgi.await(context, OutboxService.class, Duration.ofSeconds(30));
        documents = Osgi.await(context, DocumentRepository.class, Duration.ofSeconds(30));
        accounts = Osgi.await(context, AccountService.class, Duration.ofSeconds(30));
        database = Osgi.await(context, Database.class, Duration.ofSeconds(30));
        runtime = new DmpTestRuntime();
    }

    @AfterEach
    void cleanUp() {
        if (registration != null) {
            registration.unregister();
        }
        if (authorsWorkstation != null) {
            authorsWorkstation.close();
        }
    }

    @Test
    void givenNoCredentialsForTheAuthorHere_thenTheOrderWaitsAndTheAuthorsWorkstationSendsItOnce() throws Exception {
        String rpps = String.format("1%010d", ThreadLocalRandom.current().nextLong(10_000_000_000L));
        String login = "auteur-" + UUID.randomUUID().toString().substring(0, 8);
        accounts.create(login, "MARTIN Paul", Set.of(Role.MEDECIN), rpps, "Passe-Tres-Long-2026!".toCharArray());
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(Constants.SERVICE_RANKING, 60);
        registration = context.registerService(DmpCallerSource.class, loggedIn::get, props);

        Patient patient = runtime.qualifiedPatient();
        HealthDocument doc = runtime.producedDocument(patient);
        OutboxItem item = dmp.share(doc.id(), Set.of(), FeedTiming.NOW, login);
        assertThat(item.payload()).contains("8" + rpps);

        OutboxItem left = awaitDeclined(item.id(), Duration.ofSeconds(60));
        assertThat(left.state()).isEqualTo(OutboxState.PENDING);
        assertThat(left.attempts()).isZero();
        assertThat(left.lastError()).contains("MARTIN Paul").contains("autre poste");
        assertThat(runtime.inTheDmp(patient, doc.uniqueId())).isEmpty();
        assertThat(documents.find(doc.id()).orElseThrow().sharing(Channel.DMP)).isEqualTo(SharingState.PENDING);

        // the author's workstation: another worker on the same database, where the author has a PSC session
        OutboxHandler feed = context.getService(context.getServiceReferences(OutboxHandler.class,
                "(" + OutboxHandler.PROPERTY_CHANNEL + "=" + DmpService.FEED_CHANNEL + ")").iterator().next());
        DmpCaller author = new DmpCaller(login, new DmpRequest.Professional("8" + rpps, "MARTIN Paul", "10", Optional.empty()),
                AuthenticationMode.INDIRECTE);
        authorsWorkstation = OutboxServiceImpl.create(database, new OutboxSettings(Duration.ofMillis(200), Duration.ofSeconds(1),
                Duration.ofSeconds(5), 5, "poste-de-l-auteur", Duration.ofHours(1)), Clock.systemUTC());
        // one JVM plays both workstations: the author's session exists only while the author's worker delivers
        authorsWorkstation.addHandler(it -> {
            loggedIn.set(Optional.of(author));
            try {
                feed.deliver(it);
            } finally {
                loggedIn.set(Optional.empty());
            }
        }, Map.of(OutboxHandler.PROPERTY_CHANNEL, DmpService.FEED_CHANNEL));

        OutboxItem done = runtime.await(item.id(), OutboxState.DONE, Duration.ofSeconds(120));
        assertThat(done.attempts()).isEqualTo(1);
        assertThat(runtime.inTheDmp(patient, doc.uniqueId())).hasSize(1);
        assertThat(documents.find(doc.id()).orElseThrow().sharing(Channel.DMP)).isEqualTo(SharingState.SENT);
    }

    private OutboxItem awaitDeclined(UUID id, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < deadline) {
            OutboxItem item = outbox.find(id).orElseThrow();
            if (item.lastError() != null) {
                return item;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("order not left for another workstation: " + outbox.find(id));
    }
}
