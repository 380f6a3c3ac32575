package org.caducee.psc;

/** A Pro Santé Connect failure, with a French message for the user. */
public class PscException extends Exception {

    private static final long serialVersionUID = 1L;

    /** What went wrong, for callers that react differently (retry, ask again, give up). */
    public enum Reason {
        /** No settings, discovery failed, network or TLS failure. */
        UNAVAILABLE,
        /** The user or the provider refused the authentication (denied, unknown user, cancelled). */
        DENIED,
        /** The request expired before the user approved it. */
        EXPIRED,
        /** The caller cancelled. */
        CANCELLED,
        /** A token or answer did not pass validation (signature, issuer, audience, nonce, expiry, level). */
        INVALID_TOKEN,
        /** No PSC session, or it ended. */
        NO_SESSION,
        /** The provider refused a request (bad client, bad grant…). */
        REFUSED
    }

    private final Reason reason;

    public PscException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public PscException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
