package org.caducee.core.patient;

import org.caducee.core.internal.Messages;

/** Checks shared by the patient value types: bounded lengths, no control characters. */
final class PatientFields {

    private PatientFields() {
    }

    /** {@code what} is the message key naming the field. */
    static String clean(String value, int max, String what) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        for (int i = 0; i < v.length(); i++) {
            if (Character.isISOControl(v.charAt(i))) {
                throw new IllegalArgumentException(Messages.get("field.control", Messages.get(what)));
            }
        }
        if (v.length() > max) {
            throw new IllegalArgumentException(Messages.get("field.tooLong", Messages.get(what), max));
        }
        return v;
    }

    static String phone(String value) {
        String v = clean(value, 30, "field.phone");
        if (v != null && !v.matches("\\+?[0-9 .()-]{4,30}")) {
            throw new IllegalArgumentException(Messages.get("phone.invalid", v));
        }
        return v;
    }
}
