package org.caducee.core.patient;

import org.caducee.core.internal.Messages;

import java.util.Objects;
import java.util.UUID;

import org.caducee.core.identity.Identity;

/**
 * A patient of the practice: identity (RNIV), contact data and the RPPS of the médecin traitant. {@code id} is
 * the local identifier (IPP); {@code version} supports optimistic locking in the store.
 */
public record Patient(UUID id, Identity identity, Address address, Contact contact, String treatingDoctorRpps, long version) {

    public Patient {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(identity, "identity");
        address = address == null ? Address.NONE : address;
        contact = contact == null ? Contact.NONE : contact;
        treatingDoctorRpps = PatientFields.clean(treatingDoctorRpps, 11, "field.treatingDoctor");
        if (treatingDoctorRpps != null && !treatingDoctorRpps.matches("\\d{11}")) {
            throw new IllegalArgumentException(Messages.get("patient.treatingDoctor", treatingDoctorRpps));
        }
    }

    /** A new patient, not yet stored. */
    public static Patient create(Identity identity, Address address, Contact contact, String treatingDoctorRpps) {
        return new Patient(UUID.randomUUID(), identity, address, contact, treatingDoctorRpps, 0);
    }

    public Patient withIdentity(Identity newIdentity) {
        return new Patient(id, newIdentity, address, contact, treatingDoctorRpps, version);
    }

    public Patient withContact(Address newAddress, Contact newContact) {
        return new Patient(id, identity, newAddress, newContact, treatingDoctorRpps, version);
    }

    public Patient withTreatingDoctor(String rpps) {
        return new Patient(id, identity, address, contact, rpps, version);
    }

    /** "NOM Prénom" as shown in lists and banners. */
    public String displayName() {
        String first = identity.displayFirstName();
        if (first.isEmpty()) {
            return identity.displayName();
        }
        return identity.displayName() + " " + first.charAt(0) + first.substring(1).toLowerCase(java.util.Locale.FRENCH);
    }
}
