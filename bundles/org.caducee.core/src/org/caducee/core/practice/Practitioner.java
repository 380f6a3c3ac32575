package org.caducee.core.practice;

import org.caducee.core.internal.Messages;

import java.util.Objects;

/** A health professional identified by an RPPS number (11 digits), with profession and specialty codes (TRE_G15, TRE_R38). */
public record Practitioner(String rpps, String lastName, String firstName, String professionCode, String specialtyCode, String mssanteAddress) {

    public Practitioner {
        Objects.requireNonNull(rpps, "rpps");
        if (!rpps.matches("\\d{11}")) {
            throw new IllegalArgumentException(Messages.get("practitioner.rpps", rpps));
        }
        if (lastName == null || lastName.isBlank()) {
            throw new IllegalArgumentException(Messages.get("practitioner.name"));
        }
    }

    /** The national identifier used in CDA and XDS: "8" followed by the RPPS. */
    public String idNat() {
        return "8" + rpps;
    }

    public String displayName() {
        return (firstName == null ? "" : firstName + " ") + lastName;
    }
}
