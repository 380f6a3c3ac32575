package org.caducee.core.practice;

/** A care structure (cabinet, maison de santé…) identified by FINESS and/or SIRET. */
public record Structure(String id, String name, String finess, String siret, String activitySectorCode) {

    public Structure {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("Le nom de la structure est obligatoire");
        }
        if (finess != null && !finess.matches("\\d{2}[0-9AB]\\d{6}")) {
            throw new IllegalArgumentException("FINESS invalide (9 caractères) : « " + finess + " »");
        }
        if (siret != null && !siret.matches("\\d{14}")) {
            throw new IllegalArgumentException("SIRET invalide (14 chiffres) : « " + siret + " »");
        }
        if (finess == null && siret == null) {
            throw new IllegalArgumentException("Une structure est identifiée par son FINESS ou son SIRET");
        }
    }

    /** National identifier: "1" + FINESS, else "3" + SIRET. */
    public String idNat() {
        return finess != null ? "1" + finess : "3" + siret;
    }
}
