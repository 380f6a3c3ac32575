package org.caducee.cda.validation;

import java.io.Serial;

/** The ANS kit is missing or one of its files cannot be used; the message is in French and names the file. */
public class CdaKitException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    public CdaKitException(String message) {
        super(message);
    }

    public CdaKitException(String message, Throwable cause) {
        super(message, cause);
    }
}
