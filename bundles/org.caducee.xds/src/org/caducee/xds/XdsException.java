package org.caducee.xds;

/** XDS metadata or an XDM archive was refused; the message is French, for the user. */
public class XdsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** What was wrong, for programs (and the worklist). */
    public enum Reason {
        /** Not a readable archive: corrupt, truncated, hostile entry names, zip bomb. */
        ARCHIVE,
        /** No METADATA.XML, or one that cannot be read (not ebRIM, XXE, DTD, bad encoding). */
        METADATA,
        /** A document named by the metadata is missing, or a document has no metadata. */
        MISSING_DOCUMENT,
        /** The SHA-1 or the size of a document differs from its metadata. */
        INTEGRITY,
        /** The metadata name another patient than the CDA, or one archive holds several patients. */
        PATIENT_MISMATCH,
        /** The document itself cannot be read or lacks mandatory header data. */
        DOCUMENT
    }

    private final Reason reason;

    public XdsException(Reason reason, String message) {
        this(reason, message, null);
    }

    public XdsException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
