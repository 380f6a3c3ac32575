package org.caducee.security.backup;

/** A backup or restore failure, with a French message for the user; the archive and the database are left untouched. */
public class BackupException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why. */
    public enum Reason {
        /** The passphrase does not open the archive. */
        WRONG_PASSPHRASE,
        /** The archive was altered (or is not a Caducée archive). */
        TAMPERED,
        /** The archive is incomplete. */
        TRUNCATED,
        /** The archive was made with another schema version. */
        INCOMPATIBLE,
        /** Passphrase too weak, file missing or unwritable, database error. */
        FAILED
    }

    private final Reason reason;

    public BackupException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public BackupException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
