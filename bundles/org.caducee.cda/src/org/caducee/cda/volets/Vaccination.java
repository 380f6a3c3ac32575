package org.caducee.cda.volets;

import java.time.LocalDate;
import java.util.Objects;

import org.caducee.cda.CodedValue;

/**
 * One vaccination act of a note de vaccination.
 *
 * @param vaccine      the vaccine, coded in CIS (1.2.250.1.213.2.3.1) with its display name
 * @param atc          the ATC class (2.16.840.1.113883.6.73)
 * @param cip13        the CIP13 presentation (1.2.250.1.213.2.3.2), or {@code null}
 * @param lotNumber    the batch number
 * @param rank         the rank of the injection in the series, or {@code null}
 * @param route        route of administration (EDQM), or {@code null}
 * @param comment      free comment, or {@code null}
 */
public record Vaccination(LocalDate date, CodedValue vaccine, CodedValue atc, CodedValue cip13, String lotNumber, Integer rank,
        CodedValue route, String comment) {

    public Vaccination {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(vaccine, "vaccine");
        Objects.requireNonNull(atc, "atc");
        Objects.requireNonNull(lotNumber, "lotNumber");
    }

    /** EDQM 20035000 "Voie intramusculaire". */
    public static final CodedValue INTRAMUSCULAR = new CodedValue("20035000", "0.4.0.127.0.16.1.1.2.1", "Voie intramusculaire");
}
