package org.caducee.core.patient;

import org.caducee.core.internal.Messages;

/** Phone numbers and e-mail of a patient. Every field is optional. */
public record Contact(String phone, String mobile, String email) {

    public static final Contact NONE = new Contact(null, null, null);

    public Contact {
        phone = PatientFields.phone(phone);
        mobile = PatientFields.phone(mobile);
        email = PatientFields.clean(email, 200, "field.email");
        if (email != null && !email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            throw new IllegalArgumentException(Messages.get("email.invalid", email));
        }
    }
}
