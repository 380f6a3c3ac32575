package org.caducee.ins.insi;

/**
 * An INSi call that gave no usable answer. {@link #getMessage()} is French and meant for the person at the front desk;
 * {@link #kind()} tells whether a later attempt may succeed.
 */
public class InsiException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why the call failed. */
    public enum Kind {
        /** The service could not be reached or did not answer in time (network, TLS handshake, HTTP 5xx): retry later. */
        UNAVAILABLE,
        /** INSi answered with a SOAP fault ({@link #faultCode()} holds {@code siram_*} / {@code desir_*}). */
        FAULT,
        /** The answer is not a valid INSi answer (malformed, too large, hostile XML). */
        BAD_RESPONSE,
        /** The installation is not configured for INSi (endpoint, certificate, authorisation number). */
        CONFIGURATION
    }

    private final Kind kind;
    private final String faultCode;

    public InsiException(Kind kind, String message, String faultCode, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.faultCode = faultCode;
    }

    public InsiException(Kind kind, String message, Throwable cause) {
        this(kind, message, null, cause);
    }

    public Kind kind() {
        return kind;
    }

    /** The detailed error code of a SOAP fault ({@code desir_550}…), or the subcode, or null. */
    public String faultCode() {
        return faultCode;
    }

    /** True when a later attempt may succeed. */
    public boolean retryable() {
        return kind == Kind.UNAVAILABLE;
    }
}
