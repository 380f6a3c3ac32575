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
            proxyOverhead(pki, provider, settings, runs);
        } finally {
            provider.stop();
        }
    }

    /** One API call through the Proxy e-santé versus the same call made directly with the API token (mutual TLS). */
    private static void proxyOverhead(SandboxPki pki, PscProvider provider, PscSettings settings, int runs) throws Exception {
        com.sun.net.httpserver.HttpsServer backend = PscProxyTest.echoBackend(pki.serverSslContext());
        URI api = URI.create("https://localhost:" + backend.getAddress().getPort());
        org.caducee.psc.proxy.PscProxy proxy = new org.caducee.psc.proxy.PscProxy(new org.caducee.psc.internal.PscSessionFactoryComponent(null),
                () -> Optional.of(settings), pki.serverSslContext(), pki.clientSslContext(SandboxPki.Credential.ORGANISATION_AUTH), Map.of("echo", api),
                java.time.Duration.ofMinutes(30), java.time.Duration.ofHours(12), java.time.Clock.systemUTC());
        URI proxyUri = proxy.start(InetAddress.getLoopbackAddress(), 0);
        try {
            java.net.http.HttpClient ws = java.net.http.HttpClient.newBuilder().sslContext(Support.trustOnly(pki)).cookieHandler(new java.net.CookieManager()).build();
            ws.send(java.net.http.HttpRequest.newBuilder(proxyUri.resolve("/connect")).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("nationalId=" + Support.DOCTOR)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            while (!ws.send(java.net.http.HttpRequest.newBuilder(proxyUri.resolve("/session")).build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body()
                    .contains("ACTIVE")) {
                Thread.sleep(100);
            }
            // the direct path: a session of our own, its API token, the same mutual TLS client
            PscSessionComponent own = new PscSessionComponent(new Support.TestInstallation(Files.createTempDirectory("psc-bench-direct"), Map.of()), null);
            own.addProvider(() -> Optional.of(settings), Map.of());
            own.addBrowser(new Support.BrowserLikeClient(Support.trustOnly(pki), Support.DOCTOR, Support.PIN), Map.of());
            own.loginWithBrowser();
            String token = own.exchange("echo").value();
            java.net.http.HttpClient direct = java.net.http.HttpClient.newBuilder().sslContext(pki.clientSslContext(SandboxPki.Credential.ORGANISATION_AUTH)).build();
            long[] d = new long[runs];
            long[] p = new long[runs];
            for (int i = -5; i < runs; i++) {
                long t0 = System.nanoTime();
                direct.send(java.net.http.HttpRequest.newBuilder(api.resolve("/x")).header("Authorization", "Bearer " + token).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
                long t1 = System.nanoTime();
                ws.send(java.net.http.HttpRequest.newBuilder(proxyUri.resolve("/send/echo/x")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
                long t2 = System.nanoTime();
                if (i >= 0) {
                    d[i] = t1 - t0;
                    p[i] = t2 - t1;
                }
            }
            double dp = p50(d), pp = p50(p);
            System.out.printf("[bench] API call direct p50 %.2f ms, through the Proxy e-santé p50 %.2f ms (ratio %.1f)%n", dp, pp, pp / dp);
            own.logout();
        } finally {
            proxy.stop();
            backend.stop(0);
        }
    }

    private static double p50(long[] nanos) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        return TimeUnit.NANOSECONDS.toMicros(s[s.length / 2]) / 1000.0;
    }

}
