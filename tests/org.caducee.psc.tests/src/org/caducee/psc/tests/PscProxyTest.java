package org.caducee.psc.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.CookieManager;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;

import org.caducee.psc.PscSettings;
import org.caducee.psc.internal.PscSessionFactoryComponent;
import org.caducee.psc.proxy.PscProxy;
import org.caducee.sandbox.SandboxPki;
import org.caducee.sandbox.psc.PscProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;

/**
 * The Proxy e-santé: a workstation that holds no PSC secret logs in by CIBA through the proxy, calls an API through
 * it (token exchanged once, forwarded over mutual TLS with the structure certificate), and its session ends on
 * disconnect, revocation or inactivity. Traces say what happened without tokens.
 */
class PscProxyTest {

    private static SandboxPki pki;
    private static PscProvider provider;
    private static HttpsServer backend;
    private static PscProxy proxy;
    private static URI proxyUri;
    private static final MutableClock CLOCK = new MutableClock();

    static final class MutableClock extends Clock {
        volatile Duration offset = Duration.ZERO;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(offset);
        }
    }

    /** An API Pro Santé Connectée stand-in: echoes who called it and with what token type. */
    static HttpsServer echoBackend(SSLContext ssl) throws Exception {
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(ssl) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters p = ssl.getDefaultSSLParameters();
                p.setNeedClientAuth(true);
                params.setSSLParameters(p);
            }
        });
        server.createContext("/", ex -> {
            String client;
            try {
                client = ((HttpsExchange) ex).getSSLSession().getPeerPrincipal().getName();
            } catch (SSLPeerUnverifiedException e) {
                client = "none";
            }
            String auth = String.valueOf(ex.getRequestHeaders().getFirst("Authorization"));
            byte[] body = ("{\"path\":\"" + ex.getRequestURI() + "\",\"bearer\":" + auth.startsWith("Bearer ey") + ",\"client\":\"" + client + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return server;
    }

    @BeforeAll
    static void start() throws Exception {
        pki = Support.pki();
        provider = new PscProvider(pki.serverSslContext(), pki.organisationsCaCertificate(), Support.professionals());
        provider.cibaOutcome(PscProvider.CibaOutcome.APPROVE, Duration.ofSeconds(1)).cibaExpiry(Duration.ofMinutes(1), 1);
        provider.start(InetAddress.getLoopbackAddress(), 0);
        backend = echoBackend(pki.serverSslContext());
        PscSettings settings = Support.settings(provider.issuer(), provider.clientId(), provider.clientSecret(),
                pki.clientSslContext(SandboxPki.Credential.ORGANISATION_AUTH), pki, SandboxPki.Credential.ORGANISATION_AUTH);
        proxy = new PscProxy(new PscSessionFactoryComponent(null), () -> Optional.of(settings), pki.serverSslContext(),
                pki.clientSslContext(SandboxPki.Credential.ORGANISATION_AUTH), Map.of("echo", URI.create("https://localhost:" + backend.getAddress().getPort())),
                Duration.ofMinutes(30), Duration.ofHours(12), CLOCK);
        proxyUri = proxy.start(InetAddress.getLoopbackAddress(), 0);
    }

    @AfterAll
    static void stop() {
        proxy.stop();
        backend.stop(0);
        provider.stop();
    }

    /** A workstation: trusts the test root, presents no certificate, keeps cookies. */
    private static HttpClient workstation() throws Exception {
        return HttpClient.newBuilder().sslContext(Support.trustOnly(pki)).cookieHandler(new CookieManager()).build();
    }

    private static HttpResponse<String> call(HttpClient http, String method, String path, String form) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(proxyUri.resolve(path));
        if (form != null) {
            b.header("Content-Type", "application/x-www-form-urlencoded");
        }
        return http.send(b.method(method, form == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void awaitActive(HttpClient http) throws Exception {
        for (int i = 0; i < 300; i++) {
            String body = call(http, "GET", "/session", null).body();
            if (body.contains("ACTIVE")) {
                return;
            }
            assertThat(body).doesNotContain("FAILED");
            Thread.sleep(100);
        }
        throw new AssertionError("session du proxy jamais active");
    }

    @Test
    void aWorkstationLogsInThroughTheProxy_andCallsAnApiWithTheStructureCertificate() throws Exception {
        HttpClient http = workstation();
        HttpResponse<String> connect = call(http, "POST", "/connect", "nationalId=" + Support.DOCTOR + "&channel=MOBILE");
        assertThat(connect.statusCode()).isEqualTo(202);
        assertThat(connect.body()).containsPattern("\"bindingMessage\":\"\\d{2}\"");
        assertThat(connect.headers().firstValue("Set-Cookie")).get().asString().contains(PscProxy.COOKIE).contains("HttpOnly").contains("Secure");
        awaitActive(http);

        HttpResponse<String> first = call(http, "GET", "/send/echo/patients?ins=1", null);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).contains("\"path\":\"/patients?ins=1\"").contains("\"bearer\":true").contains("CN=");
        assertThat(first.body()).doesNotContain("\"client\":\"none\"");
        assertThat(call(http, "GET", "/send/echo/patients", null).statusCode()).isEqualTo(200);
        assertThat(call(http, "GET", "/send/inconnue/x", null).body()).contains("Aucune API");

        String traces = call(workstation(), "GET", "/traces", null).body();
        assertThat(traces).contains("\"action\":\"connect\"").contains("\"action\":\"send\"").contains(Support.DOCTOR);
        assertThat(proxy.traces().stream().filter(t -> t.action().equals("exchange"))).hasSize(1);
        assertThat(traces).doesNotContain("eyJ");

        assertThat(call(http, "DELETE", "/disconnect", null).statusCode()).isEqualTo(200);
        assertThat(call(http, "GET", "/send/echo/patients", null).statusCode()).isEqualTo(401);
    }

    @Test
    void withoutSession_orAfterRevocationOrInactivity_nothingIsForwarded() throws Exception {
        assertThat(call(workstation(), "GET", "/send/echo/x", null).statusCode()).isEqualTo(401);

        HttpClient http = workstation();
        HttpResponse<String> connect = call(http, "POST", "/connect", "nationalId=" + Support.DOCTOR);
        String id = connect.headers().firstValue("Set-Cookie").orElseThrow().replaceAll("^" + PscProxy.COOKIE + "=([^;]+);.*$", "$1");
        awaitActive(http);
        assertThat(proxy.revoke(id)).isTrue();
        assertThat(call(http, "GET", "/session", null).statusCode()).isEqualTo(401);

        HttpClient idle = workstation();
        call(idle, "POST", "/connect", "nationalId=" + Support.SECOND_DOCTOR);
        awaitActive(idle);
        CLOCK.offset = Duration.ofMinutes(31);
        try {
            assertThat(call(idle, "GET", "/send/echo/x", null).statusCode()).isEqualTo(401);
            assertThat(proxy.traces()).anyMatch(t -> t.action().equals("expire") && t.nationalId().equals(Support.SECOND_DOCTOR));
        } finally {
            CLOCK.offset = Duration.ZERO;
        }

        assertThat(call(workstation(), "POST", "/connect", "nationalId=abc").statusCode()).isEqualTo(400);
    }
}
