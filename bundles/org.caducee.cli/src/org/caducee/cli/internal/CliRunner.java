package org.caducee.cli.internal;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.lang.reflect.Constructor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.caducee.cli.CliCommand;
import org.caducee.cli.CliContext;
import org.caducee.cli.CliException;
import org.caducee.core.installation.Installation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import picocli.CommandLine;
import picocli.CommandLine.IFactory;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Runs one command line without launching a process: parses, executes, prints the result and returns the exit code
 * ({@code 0} success, {@link CliException#FAILURE 1} failure, {@link CliException#USAGE 2} invalid command line,
 * {@link CliException#SERVICE_UNAVAILABLE 3} missing service). Errors are one French line on standard error; with
 * {@code --json} the standard output always carries exactly one JSON document, also on error.
 */
public final class CliRunner {

    /** System property: how long to wait for a service, in seconds (default 15). */
    public static final String TIMEOUT_PROPERTY = "caducee.cli.timeout";
    /** System property set from {@code --sandbox}. */
    public static final String SANDBOX_PROPERTY = "caducee.sandbox";

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    /** Longest wait for a contributed command that is not registered yet (a typo must not hang for long). */
    private static final Duration COMMAND_WAIT = Duration.ofSeconds(3);

    private final ServiceSource services;
    private final Duration timeout;

    public CliRunner(ServiceSource services, Duration timeout) {
        this.services = services;
        this.timeout = timeout;
    }

    /** The timeout from {@link #TIMEOUT_PROPERTY}, 15 s by default. */
    public static Duration defaultTimeout() {
        try {
            return Duration.ofSeconds(Long.parseLong(System.getProperty(TIMEOUT_PROPERTY, "15").trim()));
        } catch (NumberFormatException e) {
            return Duration.ofSeconds(15);
        }
    }

    /**
     * The JVM properties implied by {@code --data-dir} and {@code --sandbox}, read before any parsing so that they
     * can be set before the store starts.
     */
    public static Map<String, String> launchProperties(String[] args) {
        Map<String, String> props = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if ("--".equals(arg)) {
                break;
            }
            if ("--data-dir".equals(arg) && i + 1 < args.length) {
                props.put(Installation.DATA_DIR_PROPERTY, Path.of(args[i + 1]).toAbsolutePath().normalize().toString());
            } else if (arg.startsWith("--data-dir=")) {
                props.put(Installation.DATA_DIR_PROPERTY, Path.of(arg.substring("--data-dir=".length())).toAbsolutePath().normalize().toString());
            } else if ("--sandbox".equals(arg)) {
                props.put(SANDBOX_PROPERTY, "true");
            }
        }
        return props;
    }

    public int run(String[] args, PrintStream out, PrintStream err) {
        boolean jsonRequested = Arrays.asList(args).contains("--json");
        RootCommand root = new RootCommand();
        Run run = new Run(root, out, err);
        CommandLine line;
        try {
            ContextFactory factory = new ContextFactory(run);
            line = new CommandLine(root, factory);
            for (CliCommand contributed : contributedCommands(line, args)) {
                try {
                    if (line.getSubcommands().containsKey(contributed.name())) {
                        mergeSubcommands(line.getSubcommands().get(contributed.name()), new CommandLine(contributed.command(run), factory), err);
                        continue;
                    }
                    line.addSubcommand(contributed.name(), contributed.command(run));
                } catch (RuntimeException e) {
                    err.println(Messages.get("warn.commandBroken", contributed.name(), oneLine(e)));
                }
            }
        } catch (CommandLine.InitializationException e) {
            return fail(run, jsonRequested, null, new CliException(CliException.FAILURE, oneLine(e), e));
        }
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        line.setParameterExceptionHandler((ex, a) -> fail(run, jsonRequested, commandName(ex.getCommandLine()),
                new CliException(CliException.USAGE, usageMessage(ex), ex)));
        line.setExecutionExceptionHandler((ex, cl, parsed) -> fail(run, root.json, commandName(cl), asCliException(ex)));
        line.setExecutionStrategy(parsed -> {
            int code = new CommandLine.RunLast().execute(parsed);
            if (root.json && !parsed.isUsageHelpRequested()) {
                CommandLine last = parsed.asCommandLineList().get(parsed.asCommandLineList().size() - 1);
                printJson(run, document(code, commandName(last), run.document, null));
            }
            return code;
        });
        return line.execute(args);
    }

    /**
     * A contributed command named like a built-in one adds its sub-commands to it (e.g. {@code doc import} beside the
     * built-in {@code doc list}); a sub-command that already exists is kept and the contributed one ignored.
     */
    private static void mergeSubcommands(CommandLine builtIn, CommandLine contributed, PrintStream err) {
        if (contributed.getSubcommands().isEmpty()) {
            err.println(Messages.get("warn.commandClash", contributed.getCommandName()));
            return;
        }
        for (Map.Entry<String, CommandLine> sub : contributed.getSubcommands().entrySet()) {
            if (builtIn.getSubcommands().containsKey(sub.getKey())) {
                err.println(Messages.get("warn.commandClash", builtIn.getCommandName() + " " + sub.getKey()));
            } else {
                builtIn.addSubcommand(sub.getKey(), sub.getValue());
            }
        }
    }

    /**
     * The contributed commands. Services appear asynchronously: when the command word is neither built in nor
     * contributed yet, waits for it up to the timeout before letting the parser report an unknown command.
     */
    private List<CliCommand> contributedCommands(CommandLine line, String[] args) {
        List<CliCommand> commands = services.commands();
        String word = commandWord(args);
        if (word == null || commands.stream().anyMatch(c -> word.equals(c.name()))) {
            return commands;
        }
        if (line.getSubcommands().containsKey(word)) {
            // a built-in command: wait only when its sub-command word is neither built in nor contributed yet
            String sub = subcommandWord(args, word);
            if (sub == null || line.getSubcommands().get(word).getSubcommands().containsKey(sub)) {
                return commands;
            }
        }
        long deadline = System.nanoTime() + Math.min(timeout.toNanos(), COMMAND_WAIT.toNanos());
        while (System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            commands = services.commands();
            if (commands.stream().anyMatch(c -> word.equals(c.name()))) {
                break;
            }
        }
        return commands;
    }

    /** The first word after {@code command} that is not an option, or null. */
    static String subcommandWord(String[] args, String command) {
        boolean seen = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if ("--data-dir".equals(arg)) {
                i++;
            } else if (!seen && arg.equals(command)) {
                seen = true;
            } else if (seen && !arg.startsWith("-")) {
                return arg;
            }
        }
        return null;
    }

    /** The first word that is not an option nor the value of {@code --data-dir}. */
    static String commandWord(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if ("--data-dir".equals(arg)) {
                i++;
            } else if (!arg.startsWith("-")) {
                return arg;
            } else if ("--".equals(arg)) {
                return i + 1 < args.length ? args[i + 1] : null;
            }
        }
        return null;
    }

    private int fail(Run run, boolean json, String command, CliException e) {
        run.err.println(Messages.get("error.prefix", e.getMessage()));
        if (run.root.debug && e.getCause() != null) {
            e.getCause().printStackTrace(run.err);
        } else if (run.root.debug) {
            e.printStackTrace(run.err);
        }
        if (json) {
            printJson(run, document(e.exitCode(), command, run.document, e.getMessage()));
        }
        return e.exitCode();
    }

    /** The single JSON document: {@code ok}, {@code command}, {@code exitCode}, {@code data}, {@code error}. */
    private static Map<String, Object> document(int exitCode, String command, Object data, String error) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("ok", exitCode == 0);
        doc.put("command", command);
        doc.put("exitCode", exitCode);
        doc.put("data", data);
        doc.put("error", error);
        return doc;
    }

    private static void printJson(Run run, Object doc) {
        try {
            run.out.println(MAPPER.writeValueAsString(doc));
            run.out.flush();
        } catch (JsonProcessingException e) {
            run.err.println(Messages.get("error.prefix", oneLine(e)));
        }
    }

    private static CliException asCliException(Exception ex) {
        if (ex instanceof CliException cli) {
            return cli;
        }
        if (ex instanceof IllegalArgumentException) {
            return new CliException(CliException.USAGE, Messages.get("error.invalidData", oneLine(ex)), ex);
        }
        if (ex instanceof IllegalStateException) {
            return new CliException(CliException.FAILURE, oneLine(ex), ex);
        }
        return new CliException(CliException.FAILURE, Messages.get("error.unexpected", ex.getClass().getSimpleName(), oneLine(ex)), ex);
    }

    static String oneLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }

    private static String usageMessage(ParameterException ex) {
        if (ex.getMessage() != null && ex.getMessage().startsWith("Missing required subcommand")) {
            return Messages.get("usage.missingSubcommand", typed(ex.getCommandLine()),
                    String.join(", ", ex.getCommandLine().getSubcommands().keySet()));
        }
        if (ex instanceof UnmatchedArgumentException unmatched) {
            return Messages.get("usage.unmatched", String.join(" ", unmatched.getUnmatched()), typed(ex.getCommandLine()));
        }
        if (ex instanceof MissingParameterException missing) {
            List<String> names = missing.getMissing().stream()
                    .map(a -> a.isOption() ? ((CommandLine.Model.OptionSpec) a).longestName() : a.paramLabel()).toList();
            return Messages.get("usage.missing", String.join(", ", names), typed(ex.getCommandLine()));
        }
        return Messages.get("usage.invalid", oneLine(ex), typed(ex.getCommandLine()));
    }

    /** The command as the JSON {@code command} field names it: {@code patient find}, or {@code caducee} for the root. */
    private static String commandName(CommandLine line) {
        if (line == null) {
            return "caducee";
        }
        String name = line.getCommandSpec().qualifiedName(" ");
        return name.startsWith("caducee ") ? name.substring("caducee ".length()) : name;
    }

    /** The command as typed, with the program name: {@code caducee patient find}. */
    private static String typed(CommandLine line) {
        return line == null ? "caducee" : line.getCommandSpec().qualifiedName(" ");
    }

    /** Creates command objects, passing the run's context to constructors that take one. */
    private record ContextFactory(CliContext context) implements IFactory {
        @Override
        public <K> K create(Class<K> cls) throws Exception {
            try {
                Constructor<K> constructor = cls.getDeclaredConstructor(CliContext.class);
                constructor.setAccessible(true);
                return constructor.newInstance(context);
            } catch (NoSuchMethodException e) {
                return CommandLine.defaultFactory().create(cls);
            }
        }
    }

    /** The context of one run. */
    private final class Run implements CliContext {
        final RootCommand root;
        final PrintStream out;
        final PrintStream err;
        Object document;
        private boolean installationChecked;

        Run(RootCommand root, PrintStream out, PrintStream err) {
            this.root = root;
            this.out = out;
            this.err = err;
        }

        @Override
        public PrintStream out() {
            return out;
        }

        @Override
        public PrintStream err() {
            return err;
        }

        @Override
        public boolean json() {
            return root.json;
        }

        @Override
        public boolean debug() {
            return root.debug;
        }

        @Override
        public Optional<Path> dataDir() {
            return Optional.ofNullable(root.dataDir);
        }

        @Override
        public boolean sandbox() {
            return root.sandbox;
        }

        @Override
        public <S> S service(Class<S> type) {
            checkInstallation();
            return services.get(type, timeout).orElseThrow(() -> new CliException(CliException.SERVICE_UNAVAILABLE,
                    Messages.get("error.serviceUnavailable", type.getSimpleName(), timeout.toSeconds())));
        }

        /** Warns when the store already runs on another data directory than {@code --data-dir}. */
        private void checkInstallation() {
            if (installationChecked || root.dataDir == null) {
                return;
            }
            installationChecked = true;
            services.get(Installation.class, timeout).ifPresent(installation -> {
                Path wanted = root.dataDir.toAbsolutePath().normalize();
                Path actual = installation.dataDir().toAbsolutePath().normalize();
                if (!wanted.equals(actual)) {
                    err.println(Messages.get("warn.otherDataDir", actual, wanted));
                }
                if (root.sandbox && !installation.sandbox()) {
                    err.println(Messages.get("warn.notSandbox", actual));
                }
            });
        }

        @Override
        public void result(Object doc, String text) {
            if (root.json) {
                document = doc;
            } else if (text != null) {
                out.println(text);
            }
        }

        @Override
        public String message(String key, Object... args) {
            return Messages.get(key, args);
        }
    }
}
