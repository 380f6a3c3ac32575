package org.caducee.outbox;

/**
 * Whiteboard: delivers the items of one channel. Register as an OSGi service with the property
 * {@code channel=<name>}. One worker per channel calls it, never concurrently for that channel.
 */
public interface OutboxHandler {

    String PROPERTY_CHANNEL = "channel";

    /**
     * Delivers the item. Must be idempotent on {@link OutboxItem#idempotencyKey()}: the item may be handed again
     * after a crash during a previous attempt.
     *
     * @throws RetryableException when a later attempt may succeed (network down, 5xx…)
     * @throws NotHereException when another workstation sharing the database can deliver it and this one cannot
     * @throws Exception any other failure marks the item FAILED at once
     */
    void deliver(OutboxItem item) throws Exception;
}
