package org.caducee.ins.cog;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One COG code during one period of validity: its official name (with article, e.g. "L'Abergement-Clémenciat"),
 * its kind, its département or collectivity ({@code 2A}, {@code 971}, {@code 987}…; null for countries), the period
 * {@code [validFrom, validTo)} ({@code validTo} null while valid) and, for a territory, the code of its country.
 */
public record CogPlace(String code, String name, CogPlaceKind kind, String department, LocalDate validFrom, LocalDate validTo,
        String parentCode) {

    public CogPlace {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
    }

    /** True when the code had this name on {@code date}. */
    public boolean validAt(LocalDate date) {
        return (validFrom == null || !date.isBefore(validFrom)) && (validTo == null || date.isBefore(validTo));
    }

    /** True while the code is in force today. */
    public boolean current() {
        return validTo == null;
    }

    /** "Name (department)" for communes, the name alone otherwise. */
    public String displayName() {
        return department == null || kind == CogPlaceKind.COUNTRY || kind == CogPlaceKind.UNKNOWN ? name : name + " (" + department + ")";
    }
}
