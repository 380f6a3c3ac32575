package org.caducee.core.care;

import org.caducee.core.internal.Messages;

import java.time.LocalDate;
import java.util.Objects;
import java.util.UUID;

/** A care episode (prise en charge) of a patient by the care team; consents are recorded per episode. */
public record CareEpisode(UUID id, UUID patientId, String label, LocalDate start, LocalDate end) {

    public CareEpisode {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(patientId, "patientId");
        Objects.requireNonNull(start, "start");
        if (end != null && end.isBefore(start)) {
            throw new IllegalArgumentException(Messages.get("episode.endBeforeStart"));
        }
    }

    public boolean isOpen(LocalDate day) {
        return !day.isBefore(start) && (end == null || !day.isAfter(end));
    }
}
