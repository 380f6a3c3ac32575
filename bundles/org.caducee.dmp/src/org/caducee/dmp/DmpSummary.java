package org.caducee.dmp;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the record shows when it opens: the DMP's current documents, how many are new since this professional's
 * previous visit — documents he or she was never shown, whatever their creation date — (and how many of those the
 * patient cannot see yet), the announcements about documents already in the record (a newer version, or deleted in
 * the DMP), and for each document invisible to the patient the day the DMP makes it visible ({@link Revisibility}),
 * keyed by uniqueId.
 */
public record DmpSummary(List<DmpDocument> documents, int newDocuments, int newInvisibleToPatient, List<DmpAnnouncement> announcements,
        Optional<Instant> previousVisit, Map<String, LocalDate> patientVisibleOn) {

    public DmpSummary {
        documents = List.copyOf(documents);
        announcements = List.copyOf(announcements);
        patientVisibleOn = Map.copyOf(patientVisibleOn);
    }
}
