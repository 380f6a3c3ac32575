package org.caducee.dmp;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;

import org.caducee.core.care.CareEpisode;
import org.caducee.core.care.Consent;

/**
 * When the individual authorisation (TD0.3 AJOUT) must be asked for (DSR SC.DMP/UX.46): once the consent to
 * consultation is recorded, then again when the last one is older than the validity (6 months by default), as
 * long as the care episode lasts. Never without the consent, never for a closed episode.
 */
public final class AuthorizationSchedule {

    /** The DSR's renewal period. */
    public static final Period DEFAULT_VALIDITY = Period.ofMonths(6);

    private final Period validity;
    private final ZoneId zone;

    public AuthorizationSchedule(Period validity, ZoneId zone) {
        this.validity = Objects.requireNonNull(validity, "validity");
        this.zone = Objects.requireNonNull(zone, "zone");
        if (validity.isNegative() || validity.isZero()) {
            throw new IllegalArgumentException("validity must be positive");
        }
    }

    /** True when TD0.3 AJOUT must be sent now. */
    public boolean authorizationDue(CareEpisode episode, Optional<Consent> consent, Optional<Instant> lastAuthorization,
            Instant now) {
        LocalDate today = now.atZone(zone).toLocalDate();
        if (!episode.isOpen(today) || !consent.map(Consent::consultationAllowed).orElse(false)) {
            return false;
        }
        return lastAuthorization.map(last -> !last.atZone(zone).plus(validity).toInstant().isAfter(now)).orElse(true);
    }
}
