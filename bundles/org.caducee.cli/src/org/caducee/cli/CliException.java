package org.caducee.cli;

/**
 * A command failure with its exit code and a one-line French reason, printed on standard error without stack trace
 * (unless {@code --debug}).
 */
public class CliException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The operation failed or found a problem (not found, broken audit chain, refused transition…). */
    public static final int FAILURE = 1;
    /** The command line or the data given are invalid. */
    public static final int USAGE = 2;
    /** A service needed by the command did not appear in the OSGi registry in time. */
    public static final int SERVICE_UNAVAILABLE = 3;

    private final int exitCode;

    public CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public CliException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
