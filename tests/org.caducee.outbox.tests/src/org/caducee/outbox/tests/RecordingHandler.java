package org.caducee.outbox.tests;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.caducee.outbox.OutboxHandler;
import org.caducee.outbox.OutboxItem;

/**
 * A receiver that is idempotent on the key, as real handlers are, and records every call so that tests see a
 * second delivery of the same key.
 */
class RecordingHandler implements OutboxHandler {

    /** What the remote side has received, by idempotency key. */
    final Map<String, String> received = new ConcurrentHashMap<>();
    /** Every call, in order (keys). */
    final List<String> calls = new CopyOnWriteArrayList<>();
    /** Calls for a key already received (a real duplicate send would have happened without idempotency). */
    final List<String> duplicates = new CopyOnWriteArrayList<>();
    final AtomicInteger concurrent = new AtomicInteger();
    volatile int maxConcurrent;

    @Override
    public void deliver(OutboxItem item) throws Exception {
        int now = concurrent.incrementAndGet();
        maxConcurrent = Math.max(maxConcurrent, now);
        try {
            calls.add(item.idempotencyKey());
            if (received.putIfAbsent(item.idempotencyKey(), item.payload() == null ? "" : item.payload()) != null) {
                duplicates.add(item.idempotencyKey());
            }
        } finally {
            concurrent.decrementAndGet();
        }
    }

    long callsFor(String key) {
        return calls.stream().filter(key::equals).count();
    }
}
