package org.caducee.psc.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.caducee.psc.CibaLogin;
import org.caducee.psc.PscIdentity;
import org.caducee.psc.PscSession;
import org.caducee.sandbox.SandboxHost;
import org.caducee.testing.Osgi;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;

/**
 * In the OSGi runtime of a sandbox installation, the PSC simulator starts with the other simulators and configures
 * the PSC session service by itself: a CIBA login works with no setting at all.
 */
class SandboxIntegrationTest {

    @Test
    void inSandboxMode_thePscSessionServiceTalksToTheSimulator_withoutAnySetting() throws Exception {
        Support.pki();
        Osgi.startBundleOf(org.caducee.sandbox.psc.PscProvider.class);
        BundleContext context = FrameworkUtil.getBundle(SandboxIntegrationTest.class).getBundleContext();
        SandboxHost host = Osgi.await(context, SandboxHost.class, Duration.ofSeconds(60));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (host.simulators().stream().noneMatch(s -> s.name().equals("psc") && s.state() == SandboxHost.State.RUNNING)) {
            assertThat(System.nanoTime()).as("simulateur psc démarré : %s", host.simulators()).isLessThan(deadline);
            Thread.sleep(50);
        }
        PscSession session = Osgi.await(context, PscSession.class, Duration.ofSeconds(30));
        CibaLogin login = session.loginWithCiba(Support.DOCTOR, PscSession.Channel.MOBILE);
        PscIdentity id = login.result().toCompletableFuture().get(60, TimeUnit.SECONDS);
        assertThat(id.practitioner()).get().extracting(p -> p.lastName()).isEqualTo("DURAND");
        assertThat(session.identity()).contains(id);
        session.logout();
        assertThat(session.state()).isEqualTo(PscSession.State.ENDED);
    }
}
