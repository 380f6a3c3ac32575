package org.caducee.dmp;

import java.time.Instant;
import java.util.Objects;

/**
 * The answer of the existence test (TD0.2) for one patient and this professional.
 *
 * @param state whether the DMP exists, is open, or blocks this professional
 * @param authorized whether this professional holds an individual authorisation (consultation)
 * @param attendingDoctor whether this professional is the patient's "médecin traitant DMP"
 * @param checkedAt when the answer was received
 */
public record DmpAccess(DmpState state, boolean authorized, boolean attendingDoctor, Instant checkedAt) {

    public DmpAccess {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(checkedAt, "checkedAt");
    }

    /** The DMP could not be reached (the DICA shows the weather page link). */
    public static DmpAccess unreachable(Instant at) {
        return new DmpAccess(DmpState.UNREACHABLE, false, false, at);
    }
}
