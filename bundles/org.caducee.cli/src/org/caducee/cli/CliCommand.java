package org.caducee.cli;

/**
 * Whiteboard: a sub-command contributed by another bundle. Register an implementation as an OSGi service; the
 * command line adds {@link #command(CliContext)} with {@code CommandLine.addSubcommand(name(), …)} at each run.
 * <p>
 * The returned object is a picocli {@code @Command}-annotated object implementing {@code Callable<Integer>} or
 * {@code Runnable}, created anew for every run (picocli stores parsed values in it). Its nested sub-command classes
 * may declare a constructor taking a {@link CliContext}; the command line uses it. The common options
 * ({@code --data-dir}, {@code --sandbox}, {@code --json}, {@code --debug}) are inherited automatically.
 */
public interface CliCommand {

    /** Optional service property naming the command, for diagnostics. */
    String PROPERTY_NAME = "caducee.cli.command";

    /**
     * The sub-command name, e.g. {@code insi}. A name equal to a built-in command (e.g. {@code doc}) adds the
     * returned command's own sub-commands to the built-in one, beside its existing sub-commands.
     */
    String name();

    /** A new picocli command object bound to this run's context. */
    Object command(CliContext context);
}
