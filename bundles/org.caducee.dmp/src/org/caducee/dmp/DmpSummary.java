package org.caducee.dmp;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the record shows when it opens: the DMP's current documents, how many are new since this professional's
 * previous visit (and how many of those the patient cannot see yet), and the announcements about documents already
 * in the record (a newer version, or deleted in the DMP).
 */
public record DmpSummary(List<DmpDocument> documents, int newDocuments, int newInvisibleToPatient, List<DmpAnnouncement> announcements,
        Optional<Instant> previousVisit) {

    public DmpSummary {
        documents = List.copyOf(documents);
        announcements = List.copyOf(announcements);
    }
}
