package org.caducee.outbox;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The durable work queue every send goes through. Changes are posted on {@code org/caducee/outbox/CHANGED}. */
public interface OutboxService {

    /** Adds an item, or returns the existing one with the same channel and idempotency key. */
    OutboxItem enqueue(String channel, String idempotencyKey, String description, String payload, Instant notBefore);

    Optional<OutboxItem> find(UUID id);

    /** Items, newest first; {@code state} null means all states. */
    List<OutboxItem> list(OutboxState state, int max);

    /** PENDING → HELD. */
    OutboxItem hold(UUID id);

    /** HELD → PENDING. */
    OutboxItem release(UUID id);

    /** PENDING or HELD → CANCELLED. */
    OutboxItem cancel(UUID id);

    /** FAILED (or CANCELLED) → PENDING, due now, attempts reset. */
    OutboxItem retry(UUID id);

    /** Number of items per state, for the status bar. */
    Map<OutboxState, Long> counts();
}
