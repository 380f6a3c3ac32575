package org.caducee.outbox.internal;

import java.net.InetAddress;
import java.time.Duration;

/** Resolved settings of the outbox (see {@link OutboxConfig}). */
public record OutboxSettings(Duration pollInterval, Duration backoffBase, Duration backoffMax, int maxAttempts, String workstation,
        Duration staleAfter) {

    public OutboxSettings {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts");
        }
        if (workstation == null || workstation.isBlank()) {
            workstation = hostName();
        }
    }

    public static OutboxSettings of(OutboxConfig config) {
        return new OutboxSettings(Duration.ofMillis(config.pollIntervalMillis()), Duration.ofMillis(config.backoffBaseMillis()),
                Duration.ofMillis(config.backoffMaxMillis()), config.maxAttempts(), config.workstation(),
                Duration.ofSeconds(config.staleAfterSeconds()));
    }

    /** Defaults of {@link OutboxConfig}. */
    public static OutboxSettings defaults() {
        return new OutboxSettings(Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofHours(1), 10, null, Duration.ofHours(1));
    }

    public OutboxSettings withWorkstation(String name) {
        return new OutboxSettings(pollInterval, backoffBase, backoffMax, maxAttempts, name, staleAfter);
    }

    /** Delay before the next attempt after {@code attempts} failed ones: base × 2^(attempts-1), capped. */
    public Duration backoff(int attempts) {
        long base = backoffBase.toMillis();
        int shift = Math.min(Math.max(attempts - 1, 0), 40);
        long delay = base > (Long.MAX_VALUE >> shift) ? Long.MAX_VALUE : base << shift;
        return Duration.ofMillis(Math.min(delay, backoffMax.toMillis()));
    }

    private static String hostName() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "poste";
        }
    }
}
