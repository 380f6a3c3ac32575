package org.caducee.outbox.internal;

/** Configuration of {@link OutboxServiceImpl} (Config Admin PID {@code org.caducee.outbox}). */
public @interface OutboxConfig {

    /** How often each channel worker looks for due items enqueued elsewhere (other workstations), in ms. */
    long pollIntervalMillis() default 30_000;

    /** First retry delay after a {@code RetryableException}; doubled at each attempt. */
    long backoffBaseMillis() default 30_000;

    /** Upper bound of the retry delay. */
    long backoffMaxMillis() default 3_600_000;

    /** Attempts before an item is FAILED. */
    int maxAttempts() default 10;

    /** Name of this workstation in {@code claimed_by}; empty means the host name. */
    String workstation() default "";

    /** An item IN_PROGRESS on another workstation for longer than this is considered abandoned, in seconds. */
    long staleAfterSeconds() default 3_600;
}
