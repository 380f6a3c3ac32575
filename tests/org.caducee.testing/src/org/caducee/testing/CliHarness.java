package org.caducee.testing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Constructor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.caducee.cli.CliContext;
import org.caducee.cli.CliException;
import org.osgi.framework.BundleContext;

import picocli.CommandLine;

/**
 * Runs a bundle's {@code CliCommand} tree as {@code caducee-cli} would, without the launcher: a {@link CliContext}
 * with {@code --json} on or off, services from a function (the OSGi registry with {@link #osgi}), standard output and
 * error captured, the result document kept, subcommands built with their {@code (CliContext)} constructor and a
 * {@link CliException} turned into its exit code and message on standard error.
 *
 * <pre>
 * CliHarness cli = CliHarness.osgi(context, Duration.ofSeconds(60));
 * int code = cli.run(new InsCliCommand().command(cli), "cog", "lookup", "2B033", "--json");
 * Map&lt;String, Object&gt; data = cli.data();
 * </pre>
 *
 * A trailing or leading {@code --json} argument switches JSON mode for that run (as the launcher's common option).
 */
public final class CliHarness implements CliContext {

    private final Function<Class<?>, Object> services;
    private ByteArrayOutputStream out = new ByteArrayOutputStream();
    private ByteArrayOutputStream err = new ByteArrayOutputStream();
    private boolean json;
    private boolean alwaysJson;
    private Object document;
    private String text;

    public CliHarness(Function<Class<?>, Object> services) {
        this.services = services;
    }

    /** Every run in JSON mode, as with a {@code --json} argument. */
    public CliHarness alwaysJson() {
        alwaysJson = true;
        return this;
    }

    /** Services from the OSGi registry, waited for up to {@code timeout}. */
    public static CliHarness osgi(BundleContext context, Duration timeout) {
        return new CliHarness(type -> Osgi.await(context, type, timeout));
    }

    /**
     * Runs the command (the object a {@code CliCommand.command(context)} returned — build it with this harness as the
     * context) with the arguments; returns the exit code.
     */
    public int run(Object command, String... args) {
        out = new ByteArrayOutputStream();
        err = new ByteArrayOutputStream();
        document = null;
        text = null;
        java.util.List<String> list = new java.util.ArrayList<>(java.util.List.of(args));
        json = list.remove("--json") || alwaysJson;
        CommandLine line = new CommandLine(command, new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                try {
                    Constructor<K> c = cls.getDeclaredConstructor(CliContext.class);
                    c.setAccessible(true);
                    return c.newInstance(CliHarness.this);
                } catch (NoSuchMethodException e) {
                    return CommandLine.defaultFactory().create(cls);
                }
            }
        });
        line.setOut(new java.io.PrintWriter(out(), true));
        line.setErr(new java.io.PrintWriter(err(), true));
        line.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof CliException c) {
                err().println(c.getMessage());
                return c.exitCode();
            }
            throw e;
        });
        return line.execute(list.toArray(String[]::new));
    }

    /** The result document of the last run (JSON mode: the {@code data} field). */
    public Object document() {
        return document;
    }

    /** The result document as a JSON object. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> data() {
        return (Map<String, Object>) document;
    }

    /** The text the last run printed (its result text in human mode, and anything written to standard output). */
    public String text() {
        return (text == null ? "" : text + System.lineSeparator()) + out.toString(StandardCharsets.UTF_8);
    }

    /** Everything the last run printed, standard output then standard error. */
    public String output() {
        return text() + errors();
    }

    /** What the last run wrote to standard error (warnings, error messages, usage). */
    public String errors() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Override
    public PrintStream out() {
        return new PrintStream(out, true, StandardCharsets.UTF_8);
    }

    @Override
    public PrintStream err() {
        return new PrintStream(err, true, StandardCharsets.UTF_8);
    }

    @Override
    public boolean json() {
        return json;
    }

    @Override
    public boolean debug() {
        return false;
    }

    @Override
    public Optional<Path> dataDir() {
        return Optional.empty();
    }

    @Override
    public boolean sandbox() {
        return true;
    }

    @Override
    public <S> S service(Class<S> type) {
        Object s = services.apply(type);
        if (s == null) {
            throw new CliException(CliException.SERVICE_UNAVAILABLE, "service indisponible : " + type.getName());
        }
        return type.cast(s);
    }

    @Override
    public void result(Object document, String text) {
        this.document = document;
        this.text = json ? null : text;
    }

    @Override
    public String message(String key, Object... args) {
        return args.length == 0 ? key : key + " " + java.util.Arrays.toString(args);
    }
}
