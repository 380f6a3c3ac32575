package org.caducee.outbox;

/** Life cycle of an outbox item. */
public enum OutboxState {
    /** Waiting for its not-before time or for a worker. */
    PENDING,
    /** Held by a user: not sent until released. */
    HELD,
    /** Cancelled by a user: never sent. */
    CANCELLED,
    /** A worker is delivering it. */
    IN_PROGRESS,
    /** Delivered. */
    DONE,
    /** Gave up after the last retry, or refused by the receiver; {@code lastError} says why. */
    FAILED
}
