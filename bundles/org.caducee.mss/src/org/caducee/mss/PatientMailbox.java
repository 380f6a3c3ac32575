package org.caducee.mss;

import java.util.Optional;

import org.caducee.core.identity.Identity;

/** The patient's Mon espace santé mailbox: {@code <matricule INS>@patient.mssante.fr}, only from a qualified INS. */
public final class PatientMailbox {

    public static final String DOMAIN = "patient.mssante.fr";

    private PatientMailbox() {
    }

    /** The address, or empty when the identity is not qualified or its INS key is wrong. */
    public static Optional<String> address(Identity identity) {
        if (identity == null || !identity.insShareable() || identity.ins() == null || !identity.ins().keyValid()) {
            return Optional.empty();
        }
        return Optional.of(identity.ins().value() + "@" + DOMAIN);
    }

    /** True when the address is a patient's mailbox. */
    public static boolean isPatient(String address) {
        return address != null && address.toLowerCase(java.util.Locale.ROOT).strip().endsWith("@" + DOMAIN);
    }
}
