package org.caducee.core.patient;

import org.caducee.core.internal.Messages;

/** Postal address. Every field is optional. */
public record Address(String line, String postalCode, String city, String country) {

    public static final Address NONE = new Address(null, null, null, null);

    public Address {
        line = PatientFields.clean(line, 200, "field.address");
        postalCode = PatientFields.clean(postalCode, 10, "field.postalCode");
        city = PatientFields.clean(city, 100, "field.city");
        country = PatientFields.clean(country, 100, "field.country");
    }
}
