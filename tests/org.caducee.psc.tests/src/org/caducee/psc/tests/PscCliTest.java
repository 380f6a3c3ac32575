package org.caducee.psc.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Constructor;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.caducee.cli.CliContext;
import org.caducee.cli.CliException;
import org.caducee.psc.PscSession;
import org.caducee.psc.internal.PscCliCommand;
import org.caducee.psc.internal.PscSessionComponent;
import org.caducee.sandbox.SandboxPki;
import org.caducee.sandbox.psc.PscProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

/** {@code psc login --ciba}, {@code whoami}, {@code logout} with {@code --json}, as the command line runs them. */
class PscCliTest {

    private static PscProvider provider;
    private static SandboxPki pki;

    @TempDir
    Path dataDir;

    @BeforeAll
    static void start() throws Exception {
        pki = Support.pki();
        provider = new PscProvider(pki.serverSslContext(), pki.organisationsCaCertificate(), Support.professionals());
        provider.cibaOutcome(PscProvider.CibaOutcome.APPROVE, Duration.ofSeconds(1)).cibaExpiry(Duration.ofMinutes(1), 1);
        provider.start(InetAddress.getLoopbackAddress(), 0);
    }

    @AfterAll
    static void stop() {
        provider.stop();
    }

    /** A minimal command-line context: JSON mode, the given session, results captured. */
    static final class Context implements CliContext {
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final PscSession session;
        Object document;

        Context(PscSession session) {
            this.session = session;
        }

        @Override
        public PrintStream out() {
            return System.out;
        }

        @Override
        public PrintStream err() {
            return new PrintStream(err, true, StandardCharsets.UTF_8);
        }

        @Override
        public boolean json() {
            return true;
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
            return type.cast(session);
        }

        @Override
        public void result(Object document, String text) {
            this.document = document;
        }

        @Override
        public String message(String key, Object... args) {
            return key;
        }
    }

    private static int run(Context context, String... args) {
        CommandLine line = new CommandLine(new PscCliCommand().command(context), new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                try {
                    Constructor<K> c = cls.getDeclaredConstructor(CliContext.class);
                    c.setAccessible(true);
                    return c.newInstance(context);
                } catch (NoSuchMethodException e) {
                    return CommandLine.defaultFactory().create(cls);
                }
            }
        });
        line.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof CliException c) {
                context.err().println(c.getMessage());
                return c.exitCode();
            }
            throw e;
        });
        return line.execute(args);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> doc(Context context) {
        return (Map<String, Object>) context.document;
    }

    @Test
    void cibaLogin_whoami_logout() {
        PscSessionComponent session = new PscSessionComponent(new Support.TestInstallation(dataDir, Map.of()), null);
        session.addProvider(() -> Optional.of(Support.settings(provider.issuer(), provider.clientId(), provider.clientSecret(),
                pki.clientSslContext(SandboxPki.Credential.ORGANISATION_AUTH), pki, SandboxPki.Credential.ORGANISATION_AUTH)), Map.of());
        Context context = new Context(session);

        assertThat(run(context, "whoami")).isEqualTo(5);
        assertThat(run(context, "login", "--ciba", "--national-id", Support.DOCTOR, "--channel", "CARD")).isEqualTo(0);
        assertThat(context.err.toString(StandardCharsets.UTF_8)).containsPattern("Code à vérifier sur la carte ou l’application e-CPS : \\d{2}");
        assertThat(doc(context)).containsEntry("nationalId", Support.DOCTOR).containsEntry("acr", "eidas3")
                .containsEntry("lastName", (Object) "DURAND");

        assertThat(run(context, "whoami")).isEqualTo(0);
        assertThat(doc(context)).containsEntry("rpps", Support.DOCTOR.substring(1)).containsEntry("state", "ACTIVE");

        assertThat(run(context, "logout")).isEqualTo(0);
        assertThat(run(context, "whoami")).isEqualTo(5);

        provider.cibaOutcome(PscProvider.CibaOutcome.DENY, Duration.ZERO);
        try {
            assertThat(run(context, "login", "--ciba", "--national-id", Support.DOCTOR)).isEqualTo(4);
            assertThat(context.err.toString(StandardCharsets.UTF_8)).contains("refusée");
        } finally {
            provider.cibaOutcome(PscProvider.CibaOutcome.APPROVE, Duration.ofSeconds(1));
        }
    }
}
