package org.caducee.core.patient;

/** Checks shared by the patient value types: bounded lengths, no control characters. */
final class PatientFields {

    private PatientFields() {
    }

    static String clean(String value, int max, String what) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        for (int i = 0; i < v.length(); i++) {
            if (Character.isISOControl(v.charAt(i))) {
                throw new IllegalArgumentException(what + " contient un caractère de contrôle");
            }
        }
        if (v.length() > max) {
            throw new IllegalArgumentException(what + " dépasse " + max + " caractères");
        }
        return v;
    }

    static String phone(String value) {
        String v = clean(value, 30, "Le numéro de téléphone");
        if (v != null && !v.matches("\\+?[0-9 .()-]{4,30}")) {
            throw new IllegalArgumentException("Numéro de téléphone invalide : « " + v + " »");
        }
        return v;
    }
}
