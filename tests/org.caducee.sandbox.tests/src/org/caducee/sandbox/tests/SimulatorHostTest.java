package org.caducee.sandbox.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.caducee.sandbox.SandboxHost.State;
import org.caducee.sandbox.SandboxPki;
import org.caducee.sandbox.Simulator;
import org.caducee.sandbox.SimulatorContext;
import org.caducee.sandbox.internal.SimulatorRunner;
import org.junit.jupiter.api.Test;

class SimulatorHostTest {

    static class EchoSimulator implements Simulator {
        final AtomicReference<SimulatorContext> context = new AtomicReference<>();
        volatile URI endpoint;
        volatile boolean stopped;

        @Override
        public String name() {
            return "echo";
        }

        @Override
        public String description() {
            return "Simulateur d'essai";
        }

        @Override
        public URI start(SimulatorContext ctx) {
            context.set(ctx);
            endpoint = URI.create("https://localhost:" + (ctx.port() == 0 ? 4443 : ctx.port()) + "/echo");
            return endpoint;
        }

        @Override
        public void stop() {
            stopped = true;
            endpoint = null;
        }

        @Override
        public Optional<URI> endpoint() {
            return Optional.ofNullable(endpoint);
        }
    }

    @Test
    void givenSandboxInstallation_whenASimulatorIsRegistered_thenItIsStartedOnLoopbackAndListed() throws Exception {
        Path dir = Files.createTempDirectory("caducee-host");
        var installation = new Fakes.FakeInstallation(dir, true, Map.of("sandbox.echo.port", "18443"));
        SandboxPki pki = (SandboxPki) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] { SandboxPki.class }, (p, m, a) -> null);
        EchoSimulator echo = new EchoSimulator();
        try (SimulatorRunner runner = new SimulatorRunner(installation, () -> pki)) {
            runner.add(echo);
            runner.awaitIdle(10, TimeUnit.SECONDS);
            assertThat(runner.active()).isTrue();
            assertThat(runner.simulators()).singleElement().satisfies(s -> {
                assertThat(s.name()).isEqualTo("echo");
                assertThat(s.state()).isEqualTo(State.RUNNING);
                assertThat(s.endpoint()).isEqualTo(URI.create("https://localhost:18443/echo"));
            });
            assertThat(echo.context.get().address().isLoopbackAddress()).isTrue();
            assertThat(echo.context.get().workDir()).isEqualTo(dir.resolve("sandbox").resolve("echo"));
            runner.remove(echo);
            runner.awaitIdle(10, TimeUnit.SECONDS);
            assertThat(echo.stopped).isTrue();
            assertThat(runner.simulators()).isEmpty();
        }
    }

    @Test
    void givenProductionInstallation_thenSimulatorsAreListedButNotStarted() throws Exception {
        var installation = new Fakes.FakeInstallation(Files.createTempDirectory("caducee-host"), false, Map.of());
        EchoSimulator echo = new EchoSimulator();
        try (SimulatorRunner runner = new SimulatorRunner(installation, () -> {
            throw new AssertionError("la PKI ne doit pas être générée hors bac à sable");
        })) {
            runner.add(echo);
            runner.awaitIdle(10, TimeUnit.SECONDS);
            assertThat(runner.active()).isFalse();
            assertThat(runner.simulators()).singleElement().extracting(s -> s.state()).isEqualTo(State.STOPPED);
            assertThat(echo.context.get()).isNull();
        }
    }

    @Test
    void givenFailingSimulator_thenItIsReportedFailedWithTheReason() throws Exception {
        var installation = new Fakes.FakeInstallation(Files.createTempDirectory("caducee-host"), true, Map.of());
        EchoSimulator broken = new EchoSimulator() {
            @Override
            public URI start(SimulatorContext ctx) {
                throw new IllegalStateException("port occupé");
            }
        };
        SandboxPki pki = (SandboxPki) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] { SandboxPki.class }, (p, m, a) -> null);
        try (SimulatorRunner runner = new SimulatorRunner(installation, () -> pki)) {
            runner.add(broken);
            runner.awaitIdle(10, TimeUnit.SECONDS);
            assertThat(runner.simulators()).singleElement().satisfies(s -> {
                assertThat(s.state()).isEqualTo(State.FAILED);
                assertThat(s.error()).isEqualTo("port occupé");
            });
        }
    }
}
