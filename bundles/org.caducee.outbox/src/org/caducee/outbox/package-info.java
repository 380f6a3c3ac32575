/**
 * The durable outbox every send goes through: {@link org.caducee.outbox.OutboxService} to enqueue (idempotent on
 * channel and key), hold, release, cancel and retry; {@link org.caducee.outbox.OutboxHandler} services (whiteboard,
 * property {@code channel}) deliver the items of one channel, one at a time, and must be idempotent on the key.
 * A crash at any point leads to exactly one delivery after restart.
 */
package org.caducee.outbox;
