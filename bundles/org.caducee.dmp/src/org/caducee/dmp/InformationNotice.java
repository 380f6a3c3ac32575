package org.caducee.dmp;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The message shown to the professional about traced DMP accesses (DSR SC.DMP/CONF.21): at first use, then every
 * {@code period} (180 days by default). Its "J’ai compris" box is unchecked by default; the acknowledgement is traced.
 */
public final class InformationNotice {

    /** The DSR's default period. */
    public static final Duration DEFAULT_PERIOD = Duration.ofDays(180);

    private final Duration period;

    public InformationNotice(Duration period) {
        this.period = Objects.requireNonNull(period, "period");
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("period must be positive");
        }
    }

    /** True when the notice must be shown before the next DMP access. */
    public boolean due(Optional<Instant> lastAcknowledged, Instant now) {
        return lastAcknowledged.map(last -> !last.plus(period).isAfter(now)).orElse(true);
    }
}
