package org.caducee.cli;

import java.io.Console;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.caducee.cli.internal.Messages;

/**
 * Reading of secrets (passwords, backup passphrases) for commands: never from a command-line argument (it would show
 * in the process list and the shell history), but from a file given by an option, an environment variable (scripts),
 * or the terminal without echo. Stateless.
 */
public final class Secrets {

    private Secrets() {
    }

    /**
     * The secret from {@code file} when given (first line), else the environment variable {@code variable}, else the
     * terminal (asked twice when {@code confirm}).
     *
     * @throws CliException {@link CliException#USAGE} when none is available or the two entries differ
     */
    public static char[] read(Path file, String variable, String prompt, boolean confirm) {
        if (file != null) {
            try {
                String first = Files.readAllLines(file, StandardCharsets.UTF_8).stream().findFirst().orElse("");
                return first.strip().toCharArray();
            } catch (IOException e) {
                throw new CliException(CliException.USAGE, Messages.get("secret.file", file, e.getMessage()), e);
            }
        }
        String env = variable == null ? null : System.getenv(variable);
        if (env != null && !env.isEmpty()) {
            return env.toCharArray();
        }
        Console console = System.console();
        if (console == null) {
            throw new CliException(CliException.USAGE, Messages.get("secret.none", prompt, variable));
        }
        char[] first = console.readPassword("%s : ", prompt);
        if (first == null) {
            throw new CliException(CliException.USAGE, Messages.get("secret.none", prompt, variable));
        }
        if (confirm) {
            char[] again = console.readPassword("%s (confirmation) : ", prompt);
            if (again == null || !Arrays.equals(first, again)) {
                throw new CliException(CliException.USAGE, Messages.get("secret.mismatch"));
            }
            Arrays.fill(again, '\0');
        }
        return first;
    }
}
