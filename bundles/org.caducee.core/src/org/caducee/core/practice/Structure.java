package org.caducee.core.practice;

import org.caducee.core.internal.Messages;

/** A care structure (cabinet, maison de santé…) identified by FINESS and/or SIRET. */
public record Structure(String id, String name, String finess, String siret, String activitySectorCode) {

    public Structure {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException(Messages.get("structure.name"));
        }
        if (finess != null && !finess.matches("\\d{2}[0-9AB]\\d{6}")) {
            throw new IllegalArgumentException(Messages.get("structure.finess", finess));
        }
        if (siret != null && !siret.matches("\\d{14}")) {
            throw new IllegalArgumentException(Messages.get("structure.siret", siret));
        }
        if (finess == null && siret == null) {
            throw new IllegalArgumentException(Messages.get("structure.id"));
        }
    }

    /** National identifier: "1" + FINESS, else "3" + SIRET. */
    public String idNat() {
        return finess != null ? "1" + finess : "3" + siret;
    }
}
