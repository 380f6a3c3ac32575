package org.caducee.cda;

import java.io.Serial;

/** The document could not be read as a CDA R2 document; the message is in French, for the user. */
public class CdaReadException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    public CdaReadException(String message, Throwable cause) {
        super(message, cause);
    }
}
