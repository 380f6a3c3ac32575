package org.caducee.psc.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.caducee.psc.PscSession;
import org.caducee.psc.internal.PscCliCommand;
import org.caducee.psc.internal.PscSessionComponent;
import org.caducee.sandbox.SandboxPki;
import org.caducee.sandbox.psc.PscProvider;
import org.caducee.testing.CliHarness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    private static int run(CliHarness cli, String... args) {
        return cli.run(new PscCliCommand().command(cli), args);
    }

    @Test
    void cibaLogin_whoami_logout() {
        PscSessionComponent session = new PscSessionComponent(new Support.TestInstallation(dataDir, Map.of()), null);
        session.addProvider(() -> Optional.of(Support.settings(provider.issuer(), provider.clientId(), provider.clientSecret(),
                pki.clientSslContext(SandboxPki.Credential.ORGANISATION_AUTH), pki, SandboxPki.Credential.ORGANISATION_AUTH)), Map.of());
        CliHarness context = new CliHarness(type -> session).alwaysJson();

        assertThat(run(context, "whoami")).isEqualTo(5);
        assertThat(run(context, "login", "--ciba", "--national-id", Support.DOCTOR, "--channel", "CARD")).isEqualTo(0);
        assertThat(context.errors()).containsPattern("Code à vérifier sur la carte ou l’application e-CPS : \\d{2}");
        assertThat(context.data()).containsEntry("nationalId", Support.DOCTOR).containsEntry("acr", "eidas3")
                .containsEntry("lastName", (Object) "DURAND");

        assertThat(run(context, "whoami")).isEqualTo(0);
        assertThat(context.data()).containsEntry("rpps", Support.DOCTOR.substring(1)).containsEntry("state", "ACTIVE");

        assertThat(run(context, "logout")).isEqualTo(0);
        assertThat(run(context, "whoami")).isEqualTo(5);

        provider.cibaOutcome(PscProvider.CibaOutcome.DENY, Duration.ZERO);
        try {
            assertThat(run(context, "login", "--ciba", "--national-id", Support.DOCTOR)).isEqualTo(4);
            assertThat(context.errors()).contains("refusée");
        } finally {
            provider.cibaOutcome(PscProvider.CibaOutcome.APPROVE, Duration.ofSeconds(1));
        }
    }
}
