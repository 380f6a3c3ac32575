package org.caducee.mss;

/** A messaging failure; the message is in French, for the user, and the kind tells what to do about it. */
public class MssException extends Exception {

    private static final long serialVersionUID = 1L;

    /** What went wrong, from the user's point of view. */
    public enum Kind {
        /** Settings missing or wrong (no address, unknown operator…): fix the configuration. */
        CONFIGURATION,
        /** The server could not be reached (DNS, refused, timeout): retried later. */
        CONNECTION,
        /** The TLS channel could not be established (certificate not IGC Santé, wrong host name, STARTTLS missing). */
        TLS,
        /** The server refused the credentials (token expired or not accepted, certificate refused). */
        AUTHENTICATION,
        /** The server refused the message or a recipient. */
        REFUSED,
        /** The message or attachment is invalid. */
        INVALID
    }

    private final Kind kind;

    public MssException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public MssException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    /** True when a later attempt may succeed without user action. */
    public boolean retryable() {
        return kind == Kind.CONNECTION;
    }
}
