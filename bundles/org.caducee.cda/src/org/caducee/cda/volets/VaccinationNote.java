package org.caducee.cda.volets;

import java.util.List;

/** Content of a "note de vaccination" (volet VAC-NOTE 2023.01): the vaccinations given during the encounter. */
public record VaccinationNote(List<Vaccination> vaccinations) {

    public VaccinationNote {
        vaccinations = List.copyOf(vaccinations);
        if (vaccinations.isEmpty()) {
            throw new IllegalArgumentException("at least one vaccination");
        }
    }
}
