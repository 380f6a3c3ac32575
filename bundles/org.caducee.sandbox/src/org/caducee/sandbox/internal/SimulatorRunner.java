package org.caducee.sandbox.internal;

import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.caducee.core.installation.Installation;
import org.caducee.sandbox.SandboxHost;
import org.caducee.sandbox.SandboxPki;
import org.caducee.sandbox.Simulator;
import org.caducee.sandbox.SimulatorContext;

/**
 * The logic of {@link SandboxHost}, independent of DS: keeps the simulators, starts them one at a time on its own
 * thread (never on the SCR thread), stops them on removal and at close.
 */
public final class SimulatorRunner implements SandboxHost, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(SimulatorRunner.class.getName());

    private final Installation installation;
    private final Supplier<SandboxPki> pki;
    private final boolean active;
    private final ExecutorService executor;
    private final Map<Simulator, SimulatorStatus> states = new LinkedHashMap<>();

    public SimulatorRunner(Installation installation, Supplier<SandboxPki> pki) {
        this.installation = installation;
        this.pki = pki;
        this.active = installation.sandbox();
        this.executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "caducee-sandbox-simulators");
            t.setDaemon(true);
            return t;
        });
    }

    public synchronized void add(Simulator simulator) {
        states.put(simulator, status(simulator, State.STOPPED, null, null));
        if (active) {
            states.put(simulator, status(simulator, State.STARTING, null, null));
            executor.execute(() -> start(simulator));
        }
    }

    public void remove(Simulator simulator) {
        synchronized (this) {
            states.remove(simulator);
        }
        executor.execute(() -> stopQuietly(simulator));
    }

    private void start(Simulator simulator) {
        synchronized (this) {
            if (!states.containsKey(simulator)) {
                return;
            }
        }
        try {
            int port = installation.setting("sandbox." + simulator.name() + ".port").map(String::trim).map(Integer::parseInt).orElse(0);
            Path work = Files.createDirectories(installation.dataDir().resolve("sandbox").resolve(simulator.name()));
            URI endpoint = simulator.start(new SimulatorContext(InetAddress.getLoopbackAddress(), port, pki.get(), work));
            LOG.log(System.Logger.Level.INFO, Messages.get("simulator.started", simulator.name(), endpoint));
            update(simulator, State.RUNNING, endpoint, null);
        } catch (Exception | LinkageError e) {
            LOG.log(System.Logger.Level.WARNING, Messages.get("simulator.failed", simulator.name(), e.getMessage()), e);
            update(simulator, State.FAILED, null, String.valueOf(e.getMessage()));
        }
    }

    private synchronized void update(Simulator simulator, State state, URI endpoint, String error) {
        if (states.containsKey(simulator)) {
            states.put(simulator, status(simulator, state, endpoint, error));
        } else if (state == State.RUNNING) {
            stopQuietly(simulator);
        }
    }

    private static SimulatorStatus status(Simulator simulator, State state, URI endpoint, String error) {
        return new SimulatorStatus(simulator.name(), simulator.description(), state, endpoint, error);
    }

    private static void stopQuietly(Simulator simulator) {
        try {
            simulator.stop();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, Messages.get("simulator.stopFailed", simulator.name(), e.getMessage()), e);
        }
    }

    @Override
    public boolean active() {
        return active;
    }

    @Override
    public synchronized List<SimulatorStatus> simulators() {
        List<SimulatorStatus> list = new ArrayList<>(states.values());
        list.sort(Comparator.comparing(SimulatorStatus::name));
        return list;
    }

    /** Waits until every start and stop queued so far has run (tests, orderly shutdown). */
    public void awaitIdle(long timeout, TimeUnit unit) throws InterruptedException {
        var done = new java.util.concurrent.CountDownLatch(1);
        executor.execute(done::countDown);
        done.await(timeout, unit);
    }

    @Override
    public void close() {
        List<Simulator> all;
        synchronized (this) {
            all = new ArrayList<>(states.keySet());
            states.clear();
        }
        executor.execute(() -> all.forEach(SimulatorRunner::stopQuietly));
        executor.shutdown();
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
