package org.caducee.core.care;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Care episodes and their consents. */
public interface CareRepository {

    CareEpisode save(CareEpisode episode);

    List<CareEpisode> episodes(UUID patientId);

    Consent save(Consent consent);

    /** The latest consent recorded for the episode. */
    Optional<Consent> consent(UUID episodeId);
}
