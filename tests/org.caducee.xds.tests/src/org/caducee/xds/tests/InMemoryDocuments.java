package org.caducee.xds.tests;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.caducee.core.document.Channel;
import org.caducee.core.document.DocumentRepository;
import org.caducee.core.document.DuplicateDocumentException;
import org.caducee.core.document.HealthDocument;
import org.caducee.core.document.SharingState;

/** Stand-in for the store's document repository, with the same refusals. */
final class InMemoryDocuments implements DocumentRepository {

    private final Map<UUID, HealthDocument> byId = new LinkedHashMap<>();

    @Override
    public synchronized HealthDocument add(HealthDocument d) {
        if (byId.values().stream().anyMatch(o -> o.uniqueId().equals(d.uniqueId()))) {
            throw new DuplicateDocumentException("même identifiant " + d.uniqueId());
        }
        if (byId.values().stream().anyMatch(o -> o.setId().equals(d.setId()) && o.versionNumber() == d.versionNumber())) {
            throw new DuplicateDocumentException("même version " + d.setId() + " " + d.versionNumber());
        }
        byId.put(d.id(), d);
        return d;
    }

    @Override
    public synchronized HealthDocument updateSharing(UUID id, Channel channel, SharingState state) {
        HealthDocument d = byId.get(id).withSharing(channel, state);
        byId.put(id, d);
        return d;
    }

    @Override
    public synchronized Optional<HealthDocument> markDeleted(UUID id, java.time.Instant at) {
        HealthDocument d = byId.get(id);
        if (d == null) {
            return Optional.empty();
        }
        if (!d.deleted()) {
            d = new HealthDocument(d.id(), d.patientId(), d.uniqueId(), d.setId(), d.versionNumber(), d.typeCode(), d.typeLabel(), d.title(),
                    d.actDate(), d.authorName(), d.format(), d.provenance(), d.sharing(), d.confidentiality(), d.storedAt(), at);
            byId.put(id, d);
        }
        return Optional.of(d);
    }

    @Override
    public synchronized Optional<HealthDocument> find(UUID id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public synchronized Optional<HealthDocument> findByUniqueId(String uniqueId) {
        return byId.values().stream().filter(d -> d.uniqueId().equals(uniqueId)).findFirst();
    }

    @Override
    public synchronized List<HealthDocument> forPatient(UUID patientId) {
        List<HealthDocument> out = new ArrayList<>(byId.values().stream().filter(d -> d.patientId().equals(patientId)).toList());
        out.sort(Comparator.comparing(HealthDocument::versionNumber).reversed());
        return out;
    }

    @Override
    public synchronized List<HealthDocument> latestVersions(UUID patientId) {
        return forPatient(patientId).stream().filter(d -> byId.values().stream()
                .noneMatch(n -> n.setId().equals(d.setId()) && n.versionNumber() > d.versionNumber())).toList();
    }
}
