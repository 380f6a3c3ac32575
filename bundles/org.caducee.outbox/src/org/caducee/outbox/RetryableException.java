package org.caducee.outbox;

/** A delivery failure that a later attempt may fix (service unreachable, busy…). */
public class RetryableException extends Exception {

    private static final long serialVersionUID = 1L;

    public RetryableException(String message, Throwable cause) {
        super(message, cause);
    }

    public RetryableException(String message) {
        super(message);
    }
}
