package org.caducee.outbox.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.caducee.core.event.CaduceeTopics;
import org.caducee.outbox.OutboxHandler;
import org.caducee.outbox.OutboxItem;
import org.caducee.outbox.NotHereException;
import org.caducee.outbox.OutboxState;
import org.caducee.outbox.RetryableException;
import org.caducee.outbox.internal.OutboxSchema;
import org.caducee.outbox.internal.OutboxServiceImpl;
import org.caducee.outbox.internal.OutboxSettings;
import org.caducee.testing.H2TestDatabase;
import org.caducee.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

class OutboxServiceTest {

    private static final String DMP = "dmp";

    @TempDir
    Path dir;

    private TestDatabase db;

    /** The database under test: H2 here, PostgreSQL in the {@code Postgres*} subclasses. */
    protected TestDatabase newDatabase(Path directory) {
        return new H2TestDatabase(directory);
    }
    private final List<OutboxServiceImpl> services = new ArrayList<>();

    @BeforeEach
    void setUp() {
        db = newDatabase(dir).migrate(new OutboxSchema());
    }

    @AfterEach
    void tearDown() {
        services.forEach(OutboxServiceImpl::close);
        if (db != null) {
            db.close();
        }
    }

    /** Fast settings: poll every 50 ms, back-off 20 ms doubling up to 100 ms, 3 attempts. */
    private static OutboxSettings fast(String workstation) {
        return new OutboxSettings(Duration.ofMillis(50), Duration.ofMillis(20), Duration.ofMillis(100), 3, workstation, Duration.ofHours(1));
    }

    private OutboxServiceImpl start(String workstation) {
        return start(fast(workstation));
    }

    private OutboxServiceImpl start(OutboxSettings settings) {
        OutboxServiceImpl service = OutboxServiceImpl.create(db, settings, Clock.systemUTC());
        services.add(service);
        return service;
    }

    private static Map<String, Object> channel(String name) {
        return Map.of(OutboxHandler.PROPERTY_CHANNEL, name);
    }

    private static OutboxState state(OutboxServiceImpl service, UUID id) {
        return service.find(id).orElseThrow().state();
    }

    @Test
    void enqueueIsIdempotentOnChannelAndKey() {
        OutboxServiceImpl outbox = start("poste-A");

        OutboxItem first = outbox.enqueue(DMP, "1.2.250.1.213.1.1.9.42", "CR de consultation", "{\"doc\":42}", null);
        OutboxItem again = outbox.enqueue(DMP, "1.2.250.1.213.1.1.9.42", "autre description", "autre", null);
        OutboxItem otherChannel = outbox.enqueue("mssante", "1.2.250.1.213.1.1.9.42", "Envoi MSSanté", "{}", null);

        assertThat(again).isEqualTo(first);
        assertThat(first.state()).isEqualTo(OutboxState.PENDING);
        assertThat(first.payload()).isEqualTo("{\"doc\":42}");
        assertThat(first.attempts()).isZero();
        assertThat(otherChannel.id()).isNotEqualTo(first.id());
        assertThat(outbox.counts()).containsEntry(OutboxState.PENDING, 2L).containsEntry(OutboxState.DONE, 0L).hasSize(6);
        assertThat(outbox.list(null, 10)).extracting(OutboxItem::id).containsExactlyInAnyOrder(first.id(), otherChannel.id());
        assertThatThrownBy(() -> outbox.enqueue(DMP, " ", "x", "x", null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("clé d’idempotence");
    }

    @Test
    void aDueItemIsDeliveredOnceOnTheChannelWorkerThreadAndMarkedDone() {
        OutboxServiceImpl outbox = start("poste-A");
        List<String> threads = new CopyOnWriteArrayList<>();
        RecordingHandler receiver = new RecordingHandler() {
            @Override
            public void deliver(OutboxItem item) throws Exception {
                threads.add(Thread.currentThread().getName() + (Thread.currentThread().isDaemon() ? " daemon" : ""));
                assertThat(item.state()).isEqualTo(OutboxState.IN_PROGRESS);
                super.deliver(item);
            }
        };
        outbox.addHandler(receiver, channel(DMP));

        OutboxItem item = outbox.enqueue(DMP, "doc-1", "CR", "payload", null);
        Await.until("envoi terminé", () -> state(outbox, item.id()) == OutboxState.DONE);

        assertThat(receiver.calls).containsExactly("doc-1");
        assertThat(threads).containsExactly("caducee-outbox-dmp daemon");
        OutboxItem done = outbox.find(item.id()).orElseThrow();
        assertThat(done.attempts()).isEqualTo(1);
        assertThat(done.lastError()).isNull();
    }

    @Test
    void notBeforeIsRespected() {
        OutboxServiceImpl outbox = start("poste-A");
        List<Instant> callTimes = new CopyOnWriteArrayList<>();
        RecordingHandler receiver = new RecordingHandler() {
            @Override
            public void deliver(OutboxItem item) throws Exception {
                callTimes.add(Instant.now());
                super.deliver(item);
            }
        };
        outbox.addHandler(receiver, channel(DMP));

        OutboxItem later = outbox.enqueue(DMP, "demain", "envoi différé", "x", Instant.now().plus(Duration.ofHours(1)));
        Instant soonAt = Instant.now().plusMillis(300);
        OutboxItem soon = outbox.enqueue(DMP, "bientot", "envoi dans 300 ms", "x", soonAt);
        OutboxItem now = outbox.enqueue(DMP, "maintenant", "envoi immédiat", "x", null);

        Await.until("envois dus terminés", () -> state(outbox, soon.id()) == OutboxState.DONE && state(outbox, now.id()) == OutboxState.DONE);

        assertThat(receiver.calls).containsExactlyInAnyOrder("maintenant", "bientot");
        assertThat(callTimes.get(receiver.calls.indexOf("bientot"))).isAfterOrEqualTo(soon.notBefore());
        OutboxItem waiting = outbox.find(later.id()).orElseThrow();
        assertThat(waiting.state()).isEqualTo(OutboxState.PENDING);
        assertThat(waiting.attempts()).isZero();
    }

    @Test
    void holdReleaseCancelAndRetryFollowTheAllowedTransitionsOnly() {
        OutboxServiceImpl outbox = start("poste-A");
        OutboxItem item = outbox.enqueue(DMP, "doc-2", "Lettre au Dr Martin", "x", null);

        assertThat(outbox.hold(item.id()).state()).isEqualTo(OutboxState.HELD);
        assertThatThrownBy(() -> outbox.hold(item.id())).isInstanceOf(IllegalStateException.class)
                .hasMessage("Impossible de suspendre l’envoi « Lettre au Dr Martin » : il est suspendu. Seul un envoi en attente peut être suspendu.");
        assertThat(outbox.release(item.id()).state()).isEqualTo(OutboxState.PENDING);
        assertThatThrownBy(() -> outbox.release(item.id())).isInstanceOf(IllegalStateException.class).hasMessageContaining("reprendre");
        assertThatThrownBy(() -> outbox.retry(item.id())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("relancer").hasMessageContaining("en attente");
        assertThat(outbox.hold(item.id()).state()).isEqualTo(OutboxState.HELD);
        assertThat(outbox.cancel(item.id()).state()).isEqualTo(OutboxState.CANCELLED);
        assertThatThrownBy(() -> outbox.cancel(item.id())).isInstanceOf(IllegalStateException.class).hasMessageContaining("annulé");
        assertThatThrownBy(() -> outbox.hold(item.id())).isInstanceOf(IllegalStateException.class);
        OutboxItem retried = outbox.retry(item.id());
        assertThat(retried.state()).isEqualTo(OutboxState.PENDING);
        assertThat(retried.attempts()).isZero();
        assertThat(outbox.cancel(retried.id()).state()).isEqualTo(OutboxState.CANCELLED);
        assertThatThrownBy(() -> outbox.hold(UUID.randomUUID())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Aucun envoi");
        assertThat(outbox.counts()).containsEntry(OutboxState.CANCELLED, 1L).containsEntry(OutboxState.PENDING, 0L);
    }

    @Test
    void aHeldItemWaitsUntilReleasedAndACancelledOneIsNeverSent() {
        OutboxServiceImpl outbox = start("poste-A");
        OutboxItem held = outbox.enqueue(DMP, "held", "suspendu", "x", null);
        OutboxItem cancelled = outbox.enqueue(DMP, "cancelled", "annulé", "x", null);
        outbox.hold(held.id());
        outbox.cancel(cancelled.id());
        RecordingHandler receiver = new RecordingHandler();
        outbox.addHandler(receiver, channel(DMP));

        OutboxItem marker = outbox.enqueue(DMP, "marker", "témoin", "x", null);
        Await.until("témoin envoyé", () -> state(outbox, marker.id()) == OutboxState.DONE);
        assertThat(receiver.calls).containsExactly("marker");
        assertThat(state(outbox, held.id())).isEqualTo(OutboxState.HELD);

        outbox.release(held.id());
        Await.until("envoi repris", () -> state(outbox, held.id()) == OutboxState.DONE);
        assertThat(receiver.calls).containsExactly("marker", "held");
        assertThat(state(outbox, cancelled.id())).isEqualTo(OutboxState.CANCELLED);
    }

    @Test
    void retryableFailuresBackOffThenTheItemFailsAfterTheLastAttempt() {
        OutboxServiceImpl outbox = start("poste-A");
        AtomicInteger calls = new AtomicInteger();
        List<Instant> notBefores = new CopyOnWriteArrayList<>();
        outbox.addHandler(item -> {
            calls.incrementAndGet();
            notBefores.add(item.notBefore());
            throw new RetryableException("DMP injoignable (503)");
        }, channel(DMP));

        OutboxItem item = outbox.enqueue(DMP, "doc-3", "CR", "x", null);
        Await.until("échec final", () -> state(outbox, item.id()) == OutboxState.FAILED);

        OutboxItem failed = outbox.find(item.id()).orElseThrow();
        assertThat(calls.get()).isEqualTo(3);
        assertThat(failed.attempts()).isEqualTo(3);
        assertThat(failed.lastError()).isEqualTo("Abandon après 3 tentative(s) : DMP injoignable (503)");
        // each retry was scheduled later than the previous attempt's due time
        assertThat(notBefores).isSorted().doesNotHaveDuplicates();
        assertThat(outbox.counts()).containsEntry(OutboxState.FAILED, 1L);
    }

    @Test
    void backOffDoublesFromTheBaseAndIsCapped() {
        OutboxSettings defaults = OutboxSettings.defaults();
        assertThat(defaults.backoff(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(defaults.backoff(2)).isEqualTo(Duration.ofSeconds(60));
        assertThat(defaults.backoff(5)).isEqualTo(Duration.ofSeconds(480));
        assertThat(defaults.backoff(8)).isEqualTo(Duration.ofHours(1));
        assertThat(defaults.backoff(60)).isEqualTo(Duration.ofHours(1));
        assertThat(defaults.maxAttempts()).isEqualTo(10);
    }

    @Test
    void aRetryableFailureFollowedBySuccessEndsDone() {
        OutboxServiceImpl outbox = start("poste-A");
        AtomicInteger calls = new AtomicInteger();
        outbox.addHandler(item -> {
            if (calls.incrementAndGet() < 3) {
                throw new RetryableException("délai dépassé");
            }
        }, channel(DMP));

        OutboxItem item = outbox.enqueue(DMP, "doc-4", "CR", "x", null);
        Await.until("envoi terminé", () -> state(outbox, item.id()) == OutboxState.DONE);

        assertThat(outbox.find(item.id()).orElseThrow().attempts()).isEqualTo(3);
        assertThat(outbox.find(item.id()).orElseThrow().lastError()).isNull();
    }

    @Test
    void anyOtherExceptionFailsAtOnceWithTheReasonAndRetryByTheUserSendsAgain() {
        OutboxServiceImpl outbox = start("poste-A");
        AtomicInteger calls = new AtomicInteger();
        outbox.addHandler(item -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalArgumentException("document refusé par le DMP : INS non qualifiée");
            }
        }, channel(DMP));

        OutboxItem item = outbox.enqueue(DMP, "doc-5", "CR", "x", null);
        Await.until("échec", () -> state(outbox, item.id()) == OutboxState.FAILED);
        OutboxItem failed = outbox.find(item.id()).orElseThrow();
        assertThat(failed.attempts()).isEqualTo(1);
        assertThat(failed.lastError()).isEqualTo("Échec définitif : document refusé par le DMP : INS non qualifiée");

        outbox.retry(item.id());
        Await.until("renvoyé", () -> state(outbox, item.id()) == OutboxState.DONE);
        assertThat(calls.get()).isEqualTo(2);
    }

    @Test
    void givenACrashDuringDeliveryWhenTheServiceRestartsThenEachItemIsDeliveredExactlyOnce() {
        OutboxServiceImpl beforeCrash = OutboxServiceImpl.create(db, fast("poste-A"), Clock.systemUTC());
        OutboxItem reached = beforeCrash.enqueue(DMP, "doc-reached", "arrivé avant la panne", "x", null);
        OutboxItem lost = beforeCrash.enqueue(DMP, "doc-lost", "perdu pendant la panne", "x", null);
        // the process died while delivering both: the first had reached the receiver, the second had not
        db.execute("UPDATE caducee_outbox SET state = 'IN_PROGRESS', claimed_by = 'poste-A'");
        RecordingHandler receiver = new RecordingHandler();
        receiver.received.put("doc-reached", "x");

        OutboxServiceImpl afterRestart = start("poste-A");
        assertThat(state(afterRestart, reached.id())).isEqualTo(OutboxState.PENDING);
        afterRestart.addHandler(receiver, channel(DMP));
        Await.until("reprise terminée", () -> state(afterRestart, reached.id()) == OutboxState.DONE
                && state(afterRestart, lost.id()) == OutboxState.DONE);

        assertThat(receiver.received).containsOnlyKeys("doc-reached", "doc-lost");
        assertThat(receiver.callsFor("doc-lost")).isEqualTo(1);
        assertThat(receiver.callsFor("doc-reached")).isEqualTo(1);
        // the replay of the item that had reached the receiver was recognised by its key: one copy at the receiver
        assertThat(receiver.duplicates).containsExactly("doc-reached");

        // a second restart redelivers nothing
        afterRestart.close();
        OutboxServiceImpl again = start("poste-A");
        again.addHandler(receiver, channel(DMP));
        OutboxItem marker = again.enqueue(DMP, "marker", "témoin", "x", null);
        Await.until("témoin envoyé", () -> state(again, marker.id()) == OutboxState.DONE);
        assertThat(receiver.calls).containsExactlyInAnyOrder("doc-reached", "doc-lost", "marker");
    }

    @Test
    void anItemInProgressOnAnotherLiveWorkstationIsNotTakenOverUntilItsClaimIsStale() {
        OutboxServiceImpl other = start("poste-B");
        OutboxItem item = other.enqueue(DMP, "doc-6", "CR", "x", null);
        db.execute("UPDATE caducee_outbox SET state = 'IN_PROGRESS', claimed_by = 'poste-B'");

        OutboxServiceImpl mine = start("poste-A");
        assertThat(state(mine, item.id())).isEqualTo(OutboxState.IN_PROGRESS);

        db.execute("UPDATE caducee_outbox SET updated_at = TIMESTAMP WITH TIME ZONE '2020-01-01 00:00:00+00'");
        RecordingHandler receiver = new RecordingHandler();
        mine.addHandler(receiver, channel(DMP));
        Await.until("envoi abandonné repris", () -> state(mine, item.id()) == OutboxState.DONE);
        assertThat(receiver.calls).containsExactly("doc-6");
    }

    @Test
    void twoWorkstationsOnTheSameDatabaseNeverDeliverOneItemTwice() {
        OutboxServiceImpl a = start("poste-A");
        OutboxServiceImpl b = start("poste-B");
        RecordingHandler receiver = new RecordingHandler();
        a.addHandler(receiver, channel(DMP));
        b.addHandler(receiver, channel(DMP));

        int n = 60;
        for (int i = 0; i < n; i++) {
            (i % 2 == 0 ? a : b).enqueue(DMP, "doc-" + i, "CR " + i, "x", null);
        }
        Await.until("tous envoyés", () -> a.counts().get(OutboxState.DONE) == n);

        assertThat(receiver.duplicates).isEmpty();
        assertThat(receiver.calls).hasSize(n).doesNotHaveDuplicates();
        assertThat(a.list(OutboxState.DONE, 100)).hasSize(n).allSatisfy(item -> assertThat(item.attempts()).isEqualTo(1));
    }

    @Test
    void givenAWorkstationWithoutTheCredentials_thenItLeavesTheItemAndTheWorkstationHoldingThemDeliversItOnce() {
        // the producing workstation polls slowly: it must not take the item back while the other one is there
        OutboxServiceImpl producing = start(new OutboxSettings(Duration.ofSeconds(30), Duration.ofMillis(20), Duration.ofMillis(100), 3,
                "poste-accueil", Duration.ofHours(1)));
        OutboxServiceImpl authors = start("poste-medecin");
        List<String> declined = new CopyOnWriteArrayList<>();
        producing.addHandler(item -> {
            declined.add(item.idempotencyKey());
            throw new NotHereException("l’auteur n’est pas connecté sur ce poste");
        }, channel(DMP));
        OutboxItem item = producing.enqueue(DMP, "doc-y", "CR", "x", null);
        Await.until("laissé par le poste sans identifiants", () -> producing.find(item.id()).orElseThrow().lastError() != null);
        assertThat(declined).contains("doc-y");
        OutboxItem waiting = producing.find(item.id()).orElseThrow();
        assertThat(waiting.state()).isEqualTo(OutboxState.PENDING);
        assertThat(waiting.attempts()).isZero();
        assertThat(waiting.lastError()).contains("autre poste").contains("l’auteur n’est pas connecté");

        RecordingHandler receiver = new RecordingHandler();
        authors.addHandler(receiver, channel(DMP));
        Await.until("envoyé par le poste de l’auteur", () -> state(producing, item.id()) == OutboxState.DONE);
        assertThat(receiver.calls).containsExactly("doc-y");
        assertThat(producing.find(item.id()).orElseThrow().attempts()).isEqualTo(1);
    }

    @Test
    void eachStateChangeIsPostedOnEventAdminWithTheChannel() {
        OutboxServiceImpl outbox = start("poste-A");
        List<Event> events = new CopyOnWriteArrayList<>();
        outbox.setEventAdmin(new EventAdmin() {
            @Override
            public void postEvent(Event event) {
                events.add(event);
            }

            @Override
            public void sendEvent(Event event) {
                events.add(event);
            }
        });

        OutboxItem item = outbox.enqueue(DMP, "doc-7", "CR", "x", null);
        outbox.hold(item.id());
        outbox.release(item.id());
        outbox.addHandler(new RecordingHandler(), channel(DMP));
        Await.until("envoi terminé", () -> state(outbox, item.id()) == OutboxState.DONE);
        Await.until("événement DONE", () -> events.stream().anyMatch(e -> "DONE".equals(e.getProperty("state"))));

        assertThat(events).allSatisfy(e -> {
            assertThat(e.getTopic()).isEqualTo(CaduceeTopics.OUTBOX_CHANGED);
            assertThat(e.getProperty(CaduceeTopics.PROP_CHANNEL)).isEqualTo(DMP);
            assertThat(e.getProperty("id")).isEqualTo(item.id().toString());
        });
        assertThat(events).extracting(e -> e.getProperty("state")).containsExactly("PENDING", "HELD", "PENDING", "IN_PROGRESS", "DONE");
    }

    @Test
    void deactivationStopsTheWorkerThreadsAndItemsStayPending() {
        OutboxServiceImpl outbox = start("poste-A");
        outbox.addHandler(new RecordingHandler(), channel("mssante"));
        Await.until("fil de travail démarré", () -> threadAlive("caducee-outbox-mssante"));

        outbox.close();

        Await.until("fil de travail arrêté", () -> !threadAlive("caducee-outbox-mssante"));
        OutboxItem item = outbox.enqueue("mssante", "msg-1", "mail", "x", null);
        assertThat(state(outbox, item.id())).isEqualTo(OutboxState.PENDING);
    }

    @Test
    void removingTheHandlerStopsDeliveriesOnItsChannel() {
        OutboxServiceImpl outbox = start("poste-A");
        RecordingHandler receiver = new RecordingHandler();
        outbox.addHandler(receiver, channel(DMP));
        OutboxItem first = outbox.enqueue(DMP, "a", "a", "x", null);
        Await.until("premier envoi", () -> state(outbox, first.id()) == OutboxState.DONE);

        outbox.removeHandler(receiver, channel(DMP));
        OutboxItem second = outbox.enqueue(DMP, "b", "b", "x", null);

        assertThat(state(outbox, second.id())).isEqualTo(OutboxState.PENDING);
        assertThat(receiver.calls).containsExactly("a");
    }

    private static boolean threadAlive(String name) {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals(name) && t.isAlive());
    }
}
