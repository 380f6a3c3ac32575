package org.caducee.core.practice;

import java.util.List;
import java.util.Optional;

/** Practitioners and structures known to the installation. */
public interface PracticeRepository {

    Practitioner save(Practitioner practitioner);

    Optional<Practitioner> findPractitioner(String rpps);

    List<Practitioner> practitioners();

    Structure save(Structure structure);

    Optional<Structure> findStructure(String id);

    List<Structure> structures();
}
