package org.caducee.psc;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.caducee.core.practice.Practitioner;

/**
 * The health professional authenticated by Pro Santé Connect: national id ({@code SubjectNameID}, "8" + RPPS for
 * RPPS holders), names, eIDAS level reached and professions ({@code SubjectRefPro.exercices}).
 */
public record PscIdentity(String nationalId, String subject, String lastName, String firstName, String acr,
        List<Exercise> exercises) {

    /** One profession exercised (codes of TRE_G15 profession, TRE_R09 category, TRE_R38 savoir-faire). */
    public record Exercise(String professionCode, String categoryCode, String savoirFaireCode, String lastName,
            String firstName, List<Activity> activities) {
        public Exercise {
            activities = activities == null ? List.of() : List.copyOf(activities);
        }
    }

    /** One activity place (structure) of an exercise. */
    public record Activity(String modeCode, String sectorCode, String structureName, String finess, String structureId) {
    }

    public PscIdentity {
        Objects.requireNonNull(nationalId, "nationalId");
        exercises = exercises == null ? List.of() : List.copyOf(exercises);
    }

    /** The RPPS when the national id is "8" + 11 digits. */
    public Optional<String> rpps() {
        return nationalId.matches("8\\d{11}") ? Optional.of(nationalId.substring(1)) : Optional.empty();
    }

    /** The core practitioner (RPPS holders only), with the first profession and savoir-faire. */
    public Optional<Practitioner> practitioner() {
        return rpps().map(r -> {
            Exercise first = exercises.isEmpty() ? null : exercises.get(0);
            String last = lastName != null && !lastName.isBlank() ? lastName : first == null ? null : first.lastName();
            String given = firstName != null && !firstName.isBlank() ? firstName : first == null ? null : first.firstName();
            return new Practitioner(r, last, given, first == null ? null : first.professionCode(),
                    first == null ? null : first.savoirFaireCode(), null);
        });
    }

    public String displayName() {
        return ((firstName == null ? "" : firstName + " ") + (lastName == null ? "" : lastName)).trim();
    }
}
