package org.caducee.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What a command gets from the command line for one run: output streams, the common options, services from the
 * OSGi registry and the single result document.
 */
public interface CliContext {

    /** Standard output. In {@code --json} mode, write nothing here yourself: use {@link #result}. */
    PrintStream out();

    /** Standard error: warnings and progress, in French. */
    PrintStream err();

    /** {@code --json}: the run prints exactly one JSON document on standard output. */
    boolean json();

    /** {@code --debug}: errors are printed with their stack trace. */
    boolean debug();

    /** {@code --data-dir}, when given. */
    Optional<Path> dataDir();

    /** {@code --sandbox}. */
    boolean sandbox();

    /**
     * A service from the OSGi registry, waiting for it to appear (services start asynchronously) up to the
     * command-line timeout.
     *
     * @throws CliException with {@link CliException#SERVICE_UNAVAILABLE} when it did not appear in time
     */
    <S> S service(Class<S> type);

    /**
     * The result of the command: in {@code --json} mode, {@code document} (maps, lists, strings, numbers, booleans,
     * null) becomes the {@code data} field of the single JSON document printed at the end; otherwise {@code text} is
     * printed at once (when not null).
     */
    void result(Object document, String text);

    /** A message of this bundle's French resource bundle, formatted with {@link java.text.MessageFormat}. */
    String message(String key, Object... args);
}
