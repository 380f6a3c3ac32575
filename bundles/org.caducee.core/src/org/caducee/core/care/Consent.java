package org.caducee.core.care;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The patient's choices for one care episode (DSR SC.DMP/CONF.06): informed, opposition to DMP feeding
 * (default: none, feeding allowed), explicit consent to DMP consultation (default: not given).
 */
public record Consent(UUID episodeId, boolean patientInformed, boolean feedingOpposed, boolean consultationAllowed,
        String recordedBy, Instant recordedAt) {

    public Consent {
        Objects.requireNonNull(episodeId, "episodeId");
        Objects.requireNonNull(recordedAt, "recordedAt");
    }

    /** The defaults when nothing was recorded: feeding allowed, consultation not allowed. */
    public static Consent defaults(UUID episodeId, String recordedBy, Instant at) {
        return new Consent(episodeId, false, false, false, recordedBy, at);
    }

    public boolean feedingAllowed() {
        return !feedingOpposed;
    }
}
