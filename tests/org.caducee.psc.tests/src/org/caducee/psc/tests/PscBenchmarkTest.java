package org.caducee.psc.tests;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;

import org.caducee.psc.PscSettings;
import org.caducee.psc.internal.PscSessionComponent;
import org.caducee.sandbox.SandboxPki;
import org.caducee.sandbox.psc.PscProvider;
import org.junit.jupiter.api.Test;

import com.nimbusds.oauth2.sdk.http.HTTPRequest;

/**
 * Benchmark (only with {@code -Dcaducee.bench=true}, see {@code tests/bench/psc.sh}): PSC login to a usable session
 * (code flow through the browser-like client, discovery and keys included, then one access token) and token refresh,
 * each against a baseline measured in the same run: one HTTPS GET of the discovery document through the same
 * client stack. Prints {@code [bench]} lines with p50 and ratios.
 */
class PscBenchmarkTest {

    @Test
    void loginAndRefresh() throws Exception {
        assumeTrue(Boolean.getBoolean("caducee.bench"), "benchmark: -Dcaducee.bench=true");
        SandboxPki pki = Support.pki();
        PscProvider provider = new PscProvider(pki.serverSslContext(), pki.organisationsCaCertificate(), Support.professionals());
        provider.start(InetAddress.getLoopbackAddress(), 0);
        SSLContext trust = Support.trustOnly(pki);
        SSLContext mtls = pki.clientSslContext(SandboxPki.Credential.ORGANISATION_AUTH);
        PscSettings settings = Support.settings(provider.issuer(), provider.clientId(), provider.clientSecret(), mtls, pki,
                SandboxPki.Credential.ORGANISATION_AUTH);
        Path dir = Files.createTempDirectory("psc-bench");
        int runs = Integer.getInteger("caducee.bench.runs", 30);
        try {
            long[] baseline = new long[runs];
            long[] login = new long[runs];
            long[] refresh = new long[runs];
            for (int i = -3; i < runs; i++) { // 3 warm-up rounds
                long t0 = System.nanoTime();
                HTTPRequest get = new HTTPRequest(HTTPRequest.Method.GET, URI.create(settings.discoveryUri().toString()));
                get.setSSLSocketFactory(mtls.getSocketFactory());
                if (!get.send().indicatesSuccess()) {
                    throw new AssertionError("discovery");
                }
                long t1 = System.nanoTime();
                PscSessionComponent session = new PscSessionComponent(new Support.TestInstallation(dir, Map.of()), null);
                session.addProvider(() -> Optional.of(settings), Map.of());
                session.addBrowser(new Support.BrowserLikeClient(trust, Support.DOCTOR, Support.PIN), Map.of());
                session.loginWithBrowser();
                session.accessToken();
                long t2 = System.nanoTime();
                session.refresh();
                long t3 = System.nanoTime();
                session.logout();
                if (i >= 0) {
                    baseline[i] = t1 - t0;
                    login[i] = t2 - t1;
                    refresh[i] = t3 - t2;
                }
            }
            double b = p50(baseline), l = p50(login), r = p50(refresh);
            System.out.printf("[bench] PSC runs=%d baseline discovery GET p50 %.1f ms%n", runs, b);
            System.out.printf("[bench] PSC login to usable session p50 %.1f ms (ratio %.1f x baseline)%n", l, l / b);
            System.out.printf("[bench] PSC token refresh p50 %.1f ms (ratio %.1f x baseline)%n", r, r / b);
        } finally {
            provider.stop();
        }
    }

    private static double p50(long[] nanos) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        return TimeUnit.NANOSECONDS.toMicros(s[s.length / 2]) / 1000.0;
    }

}
