package org.caducee.outbox.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.caducee.core.event.CaduceeTopics;
import org.caducee.outbox.OutboxHandler;
import org.caducee.outbox.OutboxItem;
import org.caducee.outbox.OutboxService;
import org.caducee.outbox.OutboxState;
import org.caducee.outbox.internal.OutboxSchema;
import org.caducee.store.Database;
import org.caducee.store.SchemaMigrations;
import org.caducee.testing.H2TestDatabase;
import org.caducee.testing.Osgi;
import org.caducee.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

/** The outbox is wired by Felix SCR, finds handlers on the whiteboard and posts on the real EventAdmin. */
class DeclarativeServicesTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();
    private TestDatabase db;

    @AfterEach
    void tearDown() {
        registrations.forEach(ServiceRegistration::unregister);
        if (db != null) {
            db.close();
        }
    }

    @Test
    void theOutboxDeliversThroughAWhiteboardHandlerAndPostsEvents() throws Exception {
        // this test plays the store's part itself: the real store bundle (API + implementation) must not run
        Osgi.stopBundleOf(Database.class);
        BundleContext context = Osgi.startBundleOf(OutboxSchema.class);
        SchemaMigrations migrations = Osgi.await(context, SchemaMigrations.class, TIMEOUT);
        assertThat(migrations.module()).isEqualTo("outbox");
        db = new H2TestDatabase(dir).migrate(migrations);
        registrations.addAll(Osgi.registerStore(context, db, "outbox", 1));
        List<Event> events = new CopyOnWriteArrayList<>();
        Dictionary<String, Object> topics = new Hashtable<>();
        topics.put(EventConstants.EVENT_TOPIC, "org/caducee/outbox/*");
        registrations.add(context.registerService(EventHandler.class, events::add, topics));
        RecordingHandler receiver = new RecordingHandler();
        Dictionary<String, Object> channel = new Hashtable<>();
        channel.put(OutboxHandler.PROPERTY_CHANNEL, "insi");
        registrations.add(context.registerService(OutboxHandler.class, receiver, channel));

        OutboxService outbox = Osgi.await(context, OutboxService.class, TIMEOUT);
        OutboxItem item = outbox.enqueue("insi", "verif-42", "Vérification INSi", "{}", null);
        Await.until("envoi terminé", () -> outbox.find(item.id()).orElseThrow().state() == OutboxState.DONE);
        Await.until("événement DONE reçu", () -> events.stream().anyMatch(e -> "DONE".equals(e.getProperty("state"))));

        assertThat(receiver.calls).containsExactly("verif-42");
        assertThat(events).allSatisfy(e -> {
            assertThat(e.getTopic()).isEqualTo(CaduceeTopics.OUTBOX_CHANGED);
            assertThat(e.getProperty(CaduceeTopics.PROP_CHANNEL)).isEqualTo("insi");
        });
    }
}
