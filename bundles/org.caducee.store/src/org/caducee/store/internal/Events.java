package org.caducee.store.internal;

import java.util.Map;

import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/** Posts EventAdmin events when an EventAdmin is present (optional, dynamic). */
final class Events {

    private volatile EventAdmin eventAdmin;

    void set(EventAdmin admin) {
        eventAdmin = admin;
    }

    void unset(EventAdmin admin) {
        if (eventAdmin == admin) {
            eventAdmin = null;
        }
    }

    void post(String topic, Map<String, ?> properties) {
        EventAdmin admin = eventAdmin;
        if (admin != null) {
            admin.postEvent(new Event(topic, properties));
        }
    }
}
