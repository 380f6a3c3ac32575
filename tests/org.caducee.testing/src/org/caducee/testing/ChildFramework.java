package org.caducee.testing;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.opentest4j.AssertionFailedError;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/**
 * A second Equinox in a real process, made of the bundles of the running test runtime: the products' situation, for
 * tests that stop or kill a process (SIGTERM, SIGKILL) and start it again on the same data directory. Only the bundles
 * given with a start level are started (Declarative Services, the event admin, the store…); every other bundle of the
 * runtime is only installed. Framework properties ({@code caducee.data.dir}, {@code caducee.<setting>}) are passed as
 * system properties, as the launchers do. Each {@link #start()} writes its console to its own file in the directory.
 */
public final class ChildFramework {

    private final BundleContext context;
    private final Path dir;
    private final Map<String, Integer> started;
    private final Map<String, String> properties;
    private final List<String> debugLoggers;
    private int starts;

    /**
     * @param context a bundle context of this test runtime (where the bundles are found)
     * @param dir working directory of the child (configuration area, logs)
     * @param started symbolic names of the bundles to start, with their start level
     * @param properties framework properties of the child
     * @param debugLoggers loggers written at level FINE (the rest at INFO, as in the products)
     */
    public ChildFramework(BundleContext context, Path dir, Map<String, Integer> started, Map<String, String> properties, String... debugLoggers) {
        this.context = context;
        this.dir = dir;
        this.started = Map.copyOf(started);
        this.properties = new LinkedHashMap<>(properties);
        this.debugLoggers = List.of(debugLoggers);
    }

    /** Starts a new child process. */
    public Child start() throws IOException {
        Files.createDirectories(dir);
        Path install = Path.of(URI.create(context.getProperty("osgi.install.area")));
        List<String> bundles = new ArrayList<>();
        for (Bundle b : context.getBundles()) {
            // Equinox records the bundles of osgi.bundles as "initial@reference:file:…"
            String location = b.getLocation().replaceFirst("^initial@", "");
            if (b.getBundleId() == 0 || !location.startsWith("reference:file:")) {
                continue;
            }
            // Tycho gives locations relative to the install area of this runtime: make them absolute for the child
            Path file = install.resolve(location.substring("reference:file:".length())).normalize();
            if (Files.isDirectory(file)) {
                continue; // a test fragment, in development mode
            }
            Integer level = started.get(b.getSymbolicName());
            bundles.add("reference:" + file.toUri() + (level != null ? "@" + level + ":start" : ""));
        }
        if (bundles.size() <= started.size()) {
            throw new AssertionFailedError("bundles du runtime de test introuvables : " + bundles);
        }
        String framework = Path.of(URI.create(context.getProperty("osgi.framework"))).toString();
        String java = ProcessHandle.current().info().command().orElse("java");
        int n = ++starts;
        Path logging = dir.resolve("logging.properties");
        StringBuilder levels = new StringBuilder("handlers=java.util.logging.ConsoleHandler\njava.util.logging.ConsoleHandler.level=ALL\n.level=INFO\n");
        debugLoggers.forEach(l -> levels.append(l).append(".level=FINE\n"));
        Files.writeString(logging, levels);
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-Duser.language=fr", "-Duser.country=FR", "-Djava.awt.headless=true",
                "-Djava.util.logging.config.file=" + logging, "-Dosgi.compatibility.bootdelegation=true", "-Dosgi.bundles=" + String.join(",", bundles),
                "-Dosgi.noShutdown=true", "-Declipse.ignoreApp=true", "-Dosgi.install.area=" + dir.resolve("install").toUri(),
                "-Dosgi.configuration.area=" + dir.resolve("configuration").toUri()));
        properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.addAll(List.of("-cp", framework, "org.eclipse.core.runtime.adaptor.EclipseStarter", "-consoleLog"));
        Path log = dir.resolve("child-" + n + ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new Child(process, log, String.join(" ", command));
    }

    /** One child process; {@code log} is its console, {@code command} its command line. */
    public record Child(Process process, Path log, String command) {

        /** What the child wrote to its console so far. */
        public String output() {
            try {
                return Files.readString(log, StandardCharsets.UTF_8);
            } catch (IOException e) {
                return e.getMessage();
            }
        }

        /** Waits until the child has written {@code text} to its console; fails with the console when it does not. */
        public void waitFor(String text, Duration timeout) throws InterruptedException {
            long end = System.nanoTime() + timeout.toNanos();
            while (!output().contains(text) && process.isAlive() && System.nanoTime() < end) {
                Thread.sleep(100);
            }
            if (!output().contains(text)) {
                throw new AssertionFailedError("sortie attendue du processus : « " + text + " »\n" + command + "\n" + output());
            }
        }

        /** SIGKILL, as a power cut or the OOM killer would: nothing runs in the child after it. */
        public void kill() throws InterruptedException {
            process.destroyForcibly();
            ended(Duration.ofSeconds(30));
        }

        /** SIGTERM, then waits for the end of the process. */
        public void terminate(Duration timeout) throws InterruptedException {
            process.destroy();
            ended(timeout);
        }

        private void ended(Duration timeout) throws InterruptedException {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionFailedError("le processus ne s’arrête pas\n" + output());
            }
        }
    }
}
