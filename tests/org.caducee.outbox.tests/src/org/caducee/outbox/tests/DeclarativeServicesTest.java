package org.caducee.outbox.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
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
import org.caducee.store.SchemaReady;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

/** The outbox is wired by Felix SCR, finds handlers on the whiteboard and posts on the real EventAdmin. */
class DeclarativeServicesTest {

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

    private static BundleContext context() throws Exception {
        // this test plays the store's part itself: the real store bundle (API + implementation) must not run
        Bundle store = FrameworkUtil.getBundle(Database.class);
        if (store != null && store.getState() == Bundle.ACTIVE) {
            store.stop();
        }
        Bundle bundle = FrameworkUtil.getBundle(OutboxSchema.class);
        if (bundle.getState() != Bundle.ACTIVE) {
            bundle.start();
        }
        return bundle.getBundleContext();
    }

    private static <T> T await(BundleContext context, Class<T> type) {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            ServiceReference<T> reference = context.getServiceReference(type);
            if (reference != null) {
                T service = context.getService(reference);
                if (service != null) {
                    return service;
                }
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("service absent : " + type.getName());
    }

    @Test
    void theOutboxDeliversThroughAWhiteboardHandlerAndPostsEvents() throws Exception {
        BundleContext context = context();
        SchemaMigrations migrations = await(context, SchemaMigrations.class);
        assertThat(migrations.module()).isEqualTo("outbox");
        db = new H2TestDatabase(dir).migrate(migrations);
        registrations.add(context.registerService(Database.class, db, null));
        Dictionary<String, Object> ready = new Hashtable<>();
        ready.put(SchemaReady.PROPERTY_MODULE, "outbox");
        registrations.add(context.registerService(SchemaReady.class, new SchemaReady() {
            @Override
            public String module() {
                return "outbox";
            }

            @Override
            public int version() {
                return 1;
            }
        }, ready));
        List<Event> events = new CopyOnWriteArrayList<>();
        Dictionary<String, Object> topics = new Hashtable<>();
        topics.put(EventConstants.EVENT_TOPIC, "org/caducee/outbox/*");
        registrations.add(context.registerService(EventHandler.class, events::add, topics));
        RecordingHandler receiver = new RecordingHandler();
        Dictionary<String, Object> channel = new Hashtable<>();
        channel.put(OutboxHandler.PROPERTY_CHANNEL, "insi");
        registrations.add(context.registerService(OutboxHandler.class, receiver, channel));

        OutboxService outbox = await(context, OutboxService.class);
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
