package org.caducee.testing;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.caducee.core.patient.Patient;
import org.caducee.core.patient.PatientQuery;
import org.caducee.core.patient.PatientRepository;
import org.caducee.core.text.Names;

/** In-memory stand-in for the store's {@link PatientRepository}; search matches name prefixes like the store does. */
public class InMemoryPatientRepository implements PatientRepository {

    private final Map<UUID, Patient> byId = new LinkedHashMap<>();

    /** The stored patients, in insertion order. */
    public synchronized Collection<Patient> all() {
        return List.copyOf(byId.values());
    }

    @Override
    public synchronized Patient save(Patient patient) {
        Patient stored = new Patient(patient.id(), patient.identity(), patient.address(), patient.contact(), patient.treatingDoctorRpps(),
                patient.version() + 1);
        byId.put(stored.id(), stored);
        return stored;
    }

    @Override
    public synchronized Optional<Patient> find(UUID id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public synchronized List<Patient> search(PatientQuery query) {
        List<Patient> out = new ArrayList<>();
        for (Patient p : byId.values()) {
            var id = p.identity();
            if (query.insNumber() != null && (id.ins() == null || !id.ins().number().equals(query.insNumber()))) {
                continue;
            }
            if (query.birthDate() != null && !query.birthDate().equals(id.traits().birthDate())) {
                continue;
            }
            List<String> keys = new ArrayList<>();
            keys.add(Names.searchKey(id.traits().birthName()));
            if (id.usedName() != null) {
                keys.add(Names.searchKey(id.usedName()));
            }
            id.traits().birthFirstNames().forEach(f -> keys.add(Names.searchKey(f)));
            if (query.namePrefixes().stream().allMatch(prefix -> keys.stream().anyMatch(k -> k.startsWith(prefix)))) {
                out.add(p);
            }
        }
        out.sort(Comparator.comparing((Patient p) -> p.identity().traits().birthName())
                .thenComparing(p -> p.identity().traits().firstBirthFirstName()));
        return out.stream().limit(query.limit()).toList();
    }

    @Override
    public synchronized List<Patient> findByIns(String insNumber) {
        return byId.values().stream().filter(p -> p.identity().ins() != null && p.identity().ins().number().equals(insNumber)).toList();
    }

    @Override
    public synchronized long count() {
        return byId.size();
    }
}
