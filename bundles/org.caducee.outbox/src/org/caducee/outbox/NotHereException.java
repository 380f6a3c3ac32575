package org.caducee.outbox;

/**
 * The item cannot be delivered from this workstation but can from another (the author's credentials are there): the
 * outbox leaves it PENDING for another workstation sharing the database, without counting an attempt, and offers it
 * again here after the poll interval. The message says what is awaited.
 */
public class NotHereException extends Exception {

    private static final long serialVersionUID = 1L;

    public NotHereException(String message) {
        super(message);
    }
}
