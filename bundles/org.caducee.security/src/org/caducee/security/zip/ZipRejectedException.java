package org.caducee.security.zip;

/** An archive was refused by {@link SafeZip}; the message (French) names the problem and the entry. */
public class ZipRejectedException extends java.io.IOException {

    private static final long serialVersionUID = 1L;

    /** What was wrong, for programs. */
    public enum Reason {
        PATH_TRAVERSAL, ABSOLUTE_PATH, BACKSLASH, DRIVE_LETTER, BAD_NAME, DUPLICATE, TOO_MANY_ENTRIES, ENTRY_TOO_LARGE,
        TOTAL_TOO_LARGE, COMPRESSION_RATIO, CORRUPT, TARGET
    }

    private final Reason reason;
    private final String entry;

    public ZipRejectedException(Reason reason, String entry, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.entry = entry;
    }

    public Reason reason() {
        return reason;
    }

    /** The offending entry name, or null. */
    public String entry() {
        return entry;
    }
}
