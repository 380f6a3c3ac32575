package org.caducee.cli.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.caducee.cli.CliCommand;
import org.caducee.cli.CliContext;
import org.caducee.cli.internal.CliRunner;
import org.caducee.cli.internal.OsgiServices;
import org.caducee.core.audit.AuditTrail;
import org.caducee.core.audit.AuditVerification;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;

class OsgiServicesTest {

    private static BundleContext context() {
        return FrameworkUtil.getBundle(CliRunner.class).getBundleContext();
    }

    private static int run(OsgiServices services, Duration timeout, ByteArrayOutputStream out, ByteArrayOutputStream err, String... args) {
        return new CliRunner(services, timeout).run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void givenServiceRegisteredLate_whenCommandRuns_thenTheTrackerWaitsForIt() throws Exception {
        FakeServices.Audit audit = new FakeServices.Audit();
        audit.verification = AuditVerification.ok(3);
        // the real security bundle (its JDBC audit trail) is in this runtime since the CLI uses it: stop it for this test
        org.osgi.framework.Bundle security = org.osgi.framework.FrameworkUtil.getBundle(org.caducee.security.AccountService.class);
        boolean securityWasActive = security.getState() == org.osgi.framework.Bundle.ACTIVE;
        security.stop();
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        var registration = scheduler.schedule(() -> context().registerService(AuditTrail.class, audit, null), 300, TimeUnit.MILLISECONDS);
        try (OsgiServices services = new OsgiServices(context())) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = run(services, Duration.ofSeconds(10), out, err, "audit", "verify");
            assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("3");
        } finally {
            registration.get().unregister();
            scheduler.shutdownNow();
            if (securityWasActive) {
                security.start();
            }
        }
    }

    @Test
    void givenNoService_whenTimeoutExpires_thenExitCode3() throws org.osgi.framework.BundleException {
        // the real outbox bundle (API + implementation) is in this runtime: stop it to play "service missing"
        org.osgi.framework.Bundle outbox = org.osgi.framework.FrameworkUtil.getBundle(org.caducee.outbox.OutboxService.class);
        boolean wasActive = outbox.getState() == org.osgi.framework.Bundle.ACTIVE;
        outbox.stop();
        try (OsgiServices services = new OsgiServices(context())) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = run(services, Duration.ofMillis(300), new ByteArrayOutputStream(), err, "outbox", "list");
            assertThat(code).isEqualTo(3);
            assertThat(err.toString(StandardCharsets.UTF_8).lines()).singleElement().asString().contains("OutboxService");
        } finally {
            if (wasActive) {
                outbox.start();
            }
        }
    }

    @Test
    void givenCliCommandService_thenItIsAddedAsSubcommand() {
        CliCommand command = new CliCommand() {
            @Override
            public String name() {
                return "bonjour";
            }

            @Override
            public Object command(CliContext ctx) {
                return new CliRunnerTest.Hello(ctx);
            }
        };
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(CliCommand.PROPERTY_NAME, "bonjour");
        ServiceRegistration<CliCommand> registration = context().registerService(CliCommand.class, command, props);
        try (OsgiServices services = new OsgiServices(context())) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int code = run(services, Duration.ofSeconds(1), out, new ByteArrayOutputStream(), "bonjour", "Ruth");
            assertThat(code).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("Bonjour Ruth");
        } finally {
            registration.unregister();
        }
    }

    @Test
    void givenCliCommandRegisteredLate_thenTheRunnerWaitsForIt() throws Exception {
        CliCommand command = new CliCommand() {
            @Override
            public String name() {
                return "salut";
            }

            @Override
            public Object command(CliContext ctx) {
                return new CliRunnerTest.Hello(ctx);
            }
        };
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        var registration = scheduler.schedule(() -> context().registerService(CliCommand.class, command, null), 300, TimeUnit.MILLISECONDS);
        try (OsgiServices services = new OsgiServices(context())) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = run(services, Duration.ofSeconds(10), out, err, "--json", "salut", "Ruth");
            assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("Bonjour Ruth");
        } finally {
            registration.get().unregister();
            scheduler.shutdownNow();
        }
    }
}
