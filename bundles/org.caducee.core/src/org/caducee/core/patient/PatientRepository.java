package org.caducee.core.patient;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Persistent patients. Implementations are thread-safe and never called from the UI thread. */
public interface PatientRepository {

    /** Inserts or updates; returns the stored patient with its new version. Fails on a concurrent change. */
    Patient save(Patient patient);

    Optional<Patient> find(UUID id);

    /** Prefix search as typed; results sorted by name, first name, birth date. */
    List<Patient> search(PatientQuery query);

    /** Patients holding this INS matricule (13 characters), normally zero or one. */
    List<Patient> findByIns(String insNumber);

    long count();
}
