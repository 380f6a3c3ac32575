package org.caducee.outbox;

import java.time.Instant;
import java.util.UUID;

/**
 * One durable piece of work to send on a channel ({@code dmp}, {@code mssante}, {@code insi}…). The idempotency
 * key (document uniqueId, Message-ID…) is unique per channel: enqueueing it twice returns the existing item, and
 * handlers use it so that a retry after a crash never delivers twice.
 */
public record OutboxItem(UUID id, String channel, String idempotencyKey, String description, String payload, OutboxState state,
        Instant notBefore, int attempts, String lastError, Instant createdAt, Instant updatedAt) {
}
