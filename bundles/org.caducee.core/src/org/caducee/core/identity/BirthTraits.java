package org.caducee.core.identity;

import org.caducee.core.internal.Messages;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

import org.caducee.core.text.Names;

/**
 * The five INS reference traits: birth name, birth first names (in order), sex, birth date and the INSEE code
 * of the birthplace ({@code 99999} when unknown). Names are stored normalised (upper case, no diacritics),
 * as INSi returns them.
 */
public record BirthTraits(String birthName, List<String> birthFirstNames, Sex sex, LocalDate birthDate, String birthplaceCode) {

    /** INSEE code for an unknown birthplace. */
    public static final String UNKNOWN_BIRTHPLACE = "99999";

    public BirthTraits {
        birthName = Names.normalize(birthName);
        if (birthName.isEmpty()) {
            throw new IllegalArgumentException(Messages.get("traits.birthNameRequired"));
        }
        if (birthName.length() > 100) {
            throw new IllegalArgumentException(Messages.get("traits.birthNameTooLong"));
        }
        birthFirstNames = birthFirstNames == null ? List.of()
                : birthFirstNames.stream().map(Names::normalize).filter(s -> !s.isEmpty()).toList();
        if (birthFirstNames.stream().anyMatch(s -> s.length() > 100)) {
            throw new IllegalArgumentException(Messages.get("traits.firstNameTooLong"));
        }
        Objects.requireNonNull(sex, "Le sexe est obligatoire");
        Objects.requireNonNull(birthDate, "La date de naissance est obligatoire");
        if (birthDate.isAfter(LocalDate.now().plusDays(1)) || birthDate.isBefore(LocalDate.of(1880, 1, 1))) {
            throw new IllegalArgumentException(Messages.get("traits.birthDate", birthDate));
        }
        birthplaceCode = birthplaceCode == null || birthplaceCode.isBlank() ? null : birthplaceCode.trim().toUpperCase(java.util.Locale.ROOT);
        if (birthplaceCode != null && !birthplaceCode.matches("\\d{5}|\\d[AB]\\d{3}")) {
            throw new IllegalArgumentException(Messages.get("traits.birthplace", birthplaceCode));
        }
    }

    /** Convenience: first names given as one space-separated string. */
    public static BirthTraits of(String birthName, String firstNames, Sex sex, LocalDate birthDate, String birthplaceCode) {
        List<String> list = firstNames == null || firstNames.isBlank() ? List.of() : List.of(Names.normalize(firstNames).split(" "));
        return new BirthTraits(birthName, list, sex, birthDate, birthplaceCode);
    }

    /** The first birth first name, or an empty string. */
    public String firstBirthFirstName() {
        return birthFirstNames.isEmpty() ? "" : birthFirstNames.get(0);
    }

    /** All birth first names, space-separated, as INSi's {@code ListePrenom}. */
    public String firstNamesList() {
        return String.join(" ", birthFirstNames);
    }
}
