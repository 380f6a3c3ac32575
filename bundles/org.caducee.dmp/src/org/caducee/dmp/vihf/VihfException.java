package org.caducee.dmp.vihf;

/** A VIHF could not be built, signed, read or verified; the message is for the user (French). */
public final class VihfException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public VihfException(String message, Throwable cause) {
        super(message, cause);
    }

    public VihfException(String message) {
        super(message);
    }
}
