package org.caducee.dmp;

/** A DMP call failed; the message is for the user (French), {@link #kind()} tells what to do about it. */
public final class DmpException extends Exception {

    private static final long serialVersionUID = 1L;

    /** What went wrong, from the user's point of view. */
    public enum Kind {
        /** Not configured (no endpoint or credentials). */
        NOT_CONFIGURED,
        /** The DMP did not answer or the connection failed: retry later (the outbox does). */
        UNREACHABLE,
        /** The DMP refused the request (fault): the message says why. */
        REFUSED,
        /** The answer could not be read. */
        INVALID_RESPONSE
    }

    private final Kind kind;

    public DmpException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public DmpException(Kind kind, String message) {
        this(kind, message, null);
    }

    public Kind kind() {
        return kind;
    }
}
