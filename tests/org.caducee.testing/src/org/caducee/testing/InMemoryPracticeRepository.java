package org.caducee.testing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.caducee.core.practice.PracticeRepository;
import org.caducee.core.practice.Practitioner;
import org.caducee.core.practice.Structure;

/** In-memory stand-in for the store's {@link PracticeRepository}. */
public class InMemoryPracticeRepository implements PracticeRepository {

    private final Map<String, Practitioner> practitioners = new LinkedHashMap<>();
    private final Map<String, Structure> structures = new LinkedHashMap<>();

    @Override
    public synchronized Practitioner save(Practitioner practitioner) {
        practitioners.put(practitioner.rpps(), practitioner);
        return practitioner;
    }

    @Override
    public synchronized Optional<Practitioner> findPractitioner(String rpps) {
        return Optional.ofNullable(practitioners.get(rpps));
    }

    @Override
    public synchronized List<Practitioner> practitioners() {
        return List.copyOf(practitioners.values());
    }

    @Override
    public synchronized Structure save(Structure structure) {
        structures.put(structure.id(), structure);
        return structure;
    }

    @Override
    public synchronized Optional<Structure> findStructure(String id) {
        return Optional.ofNullable(structures.get(id));
    }

    @Override
    public synchronized List<Structure> structures() {
        return List.copyOf(structures.values());
    }
}
