package org.caducee.core.patient;

/** Postal address. Every field is optional. */
public record Address(String line, String postalCode, String city, String country) {

    public static final Address NONE = new Address(null, null, null, null);

    public Address {
        line = PatientFields.clean(line, 200, "L'adresse");
        postalCode = PatientFields.clean(postalCode, 10, "Le code postal");
        city = PatientFields.clean(city, 100, "La ville");
        country = PatientFields.clean(country, 100, "Le pays");
    }
}
