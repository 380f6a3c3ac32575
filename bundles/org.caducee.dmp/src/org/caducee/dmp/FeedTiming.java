package org.caducee.dmp;

/**
 * When a document queued for the DMP leaves: feeding is deferred so that the author can still hold or cancel it
 * (setting {@code dmp.alimentation.envoi} gives the default; {@code dmp.alimentation.delai.minutes} the delay,
 * {@code dmp.alimentation.soir} the evening hour, Paris time).
 */
public enum FeedTiming {
    /** As soon as the outbox worker takes it. */
    NOW,
    /** After the configured delay (default 15 minutes). */
    DELAYED,
    /** This evening at the configured hour (default 19:00), or now if it is later. */
    EVENING
}
