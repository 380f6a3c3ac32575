package org.caducee.psc.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

import org.caducee.core.audit.AuditEvent;
import org.caducee.core.audit.AuditTrail;
import org.caducee.psc.proxy.PscProxy;
import org.caducee.sandbox.SandboxHost;
import org.caducee.sandbox.SandboxPki;
import org.caducee.testing.Osgi;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;

/**
 * In a sandbox installation the Proxy e-santé starts as the {@code psc-proxy} simulator through the same code path
 * as the production server: it answers over HTTPS with the test PKI, a workstation without session gets 401 with
 * the French message, and the start is in the audit trail.
 */
class ProxySandboxTest {

    @Test
    void inSandboxMode_theProxyRuns_answersWithoutSession_andIsAudited() throws Exception {
        SandboxPki pki = Support.pki();
        Osgi.startBundleOf(org.caducee.sandbox.psc.PscProvider.class);
        Osgi.startBundleOf(PscProxy.class);
        BundleContext context = FrameworkUtil.getBundle(ProxySandboxTest.class).getBundleContext();
        SandboxHost host = Osgi.await(context, SandboxHost.class, Duration.ofSeconds(60));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Optional<SandboxHost.SimulatorStatus> proxy = Optional.empty();
        while (proxy.isEmpty()) {
            proxy = host.simulators().stream().filter(s -> s.name().equals("psc-proxy") && s.state() == SandboxHost.State.RUNNING).findFirst();
            assertThat(System.nanoTime()).as("simulateur psc-proxy démarré : %s", host.simulators()).isLessThan(deadline);
            Thread.sleep(50);
        }
        URI endpoint = proxy.get().endpoint();
        HttpClient client = HttpClient.newBuilder().sslContext(Support.trustOnly(pki)).build();
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(endpoint.resolve("/session")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("no_session").contains("Aucune session du Proxy e-santé");
        AuditTrail audit = Osgi.await(context, AuditTrail.class, Duration.ofSeconds(30));
        assertThat(audit.latest(200)).extracting(AuditEvent::action).contains("psc.proxy.start");
        assertThat(audit.verify().intact()).isTrue();
    }
}
