package org.caducee.ins.matching;

import java.time.LocalDate;
import java.util.Objects;

import org.caducee.core.identity.Sex;

/**
 * One {@code rechercherInsAvecTraitsIdentite} request: birth name, the value of {@code Prenom} (one first name or the
 * space-separated list; null to send none), sex, birth date and, only on the retry after answer 02, the COG code of
 * the birthplace.
 */
public record TraitsQuery(String birthName, String firstName, Sex sex, LocalDate birthDate, String birthplaceCode) {

    public TraitsQuery {
        Objects.requireNonNull(birthName, "birthName");
        Objects.requireNonNull(sex, "sex");
        Objects.requireNonNull(birthDate, "birthDate");
    }

    public boolean withBirthplace() {
        return birthplaceCode != null;
    }

    /** The same query carrying the birthplace code. */
    public TraitsQuery withBirthplace(String code) {
        return new TraitsQuery(birthName, firstName, sex, birthDate, code);
    }
}
