package org.caducee.psc.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;

import org.caducee.psc.ApiToken;
import org.caducee.psc.CibaLogin;
import org.caducee.psc.PscException;
import org.caducee.psc.PscIdentity;
import org.caducee.psc.PscSession;
import org.caducee.psc.PscSettings;
import org.caducee.psc.internal.PscSessionComponent;
import org.caducee.sandbox.SandboxPki;
import org.caducee.sandbox.psc.PscProvider;
import org.caducee.sandbox.psc.PscProvider.CibaOutcome;
import org.caducee.sandbox.psc.PscProvider.IdTokenFault;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The PSC client against the local PSC provider, over HTTPS on loopback with the sandbox test PKI: code flow driven by
 * a browser-like HTTP client, CIBA, refresh, validation failures, token exchange with mutual TLS, session storage.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PscFlowsTest {

    private SandboxPki pki;
    private PscProvider provider;
    private SSLContext trustOnly;

    @TempDir
    Path dataDir;
    private Support.RecordingAudit audit;
    private PscSessionComponent session;
    private Support.BrowserLikeClient browser;

    @BeforeAll
    void startProvider() throws Exception {
        pki = Support.pki();
        provider = new PscProvider(pki.serverSslContext(), pki.organisationsCaCertificate(), Support.professionals());
        provider.start(InetAddress.getLoopbackAddress(), 0);
        trustOnly = Support.trustOnly(pki);
    }

    @AfterAll
    void stopProvider() {
        provider.stop();
    }

    @BeforeEach
    void newSession() {
        provider.idTokenFault(IdTokenFault.NONE).accessTokenLifetime(Duration.ofMinutes(5)).cibaOutcome(CibaOutcome.APPROVE, Duration.ofSeconds(1))
                .cibaExpiry(Duration.ofMinutes(1), 1);
        audit = new Support.RecordingAudit();
        session = newComponent(Map.of(), SandboxPki.Credential.ORGANISATION_AUTH);
        browser = new Support.BrowserLikeClient(trustOnly, Support.DOCTOR, Support.PIN);
        session.addBrowser(browser, Map.of());
    }

    @AfterEach
    void end() {
        session.logout();
    }

    private PscSessionComponent newComponent(Map<String, String> settings, SandboxPki.Credential clientCredential) {
        return newComponent(settings, clientCredential, clientCredential);
    }

    /** A session component whose TLS context presents {@code tlsCredential} (none when null). */
    private PscSessionComponent newComponent(Map<String, String> settings, SandboxPki.Credential tlsCredential, SandboxPki.Credential declared) {
        PscSessionComponent c = new PscSessionComponent(new Support.TestInstallation(dataDir, settings), audit);
        SSLContext ssl = tlsCredential == null ? trustOnly : pki.clientSslContext(tlsCredential);
        PscSettings s = Support.settings(provider.issuer(), provider.clientId(), provider.clientSecret(), ssl, pki, declared);
        c.addProvider(() -> Optional.of(s), Map.of("service.ranking", 10));
        return c;
    }

    // ------------------------------------------------------------------ code flow

    @Test
    void codeFlowThroughABrowser_logsTheDoctorIn_withPractitionerMappedAndAudited() throws Exception {
        PscIdentity id = session.loginWithBrowser();
        browser.done.get(30, TimeUnit.SECONDS);

        assertThat(browser.pages.get(0)).contains("Identifiant national").contains("Code e-CPS");
        assertThat(browser.pages.get(browser.pages.size() - 1)).contains("Vous pouvez fermer cette fenêtre");
        assertThat(id.nationalId()).isEqualTo(Support.DOCTOR);
        assertThat(id.acr()).isEqualTo("eidas1");
        assertThat(id.practitioner()).get().satisfies(p -> {
            assertThat(p.rpps()).isEqualTo(Support.DOCTOR.substring(1));
            assertThat(p.lastName()).isEqualTo("DURAND");
            assertThat(p.firstName()).isEqualTo("SOPHIE");
            assertThat(p.professionCode()).isEqualTo("10");
            assertThat(p.specialtyCode()).isEqualTo("SM54");
        });
        assertThat(id.exercises().get(0).activities().get(0).finess()).isEqualTo("750099996");
        assertThat(session.state()).isEqualTo(PscSession.State.ACTIVE);
        String token = session.accessToken();
        assertThat(token).isNotBlank();
        assertThat(audit.actions()).contains("psc.login");
        assertThat(audit.events).noneMatch(e -> e.detail().contains(token));
    }

    @Test
    void wrongPinOnTheLoginPage_neverLogsIn() {
        Support.BrowserLikeClient wrong = new Support.BrowserLikeClient(trustOnly, Support.DOCTOR, "0000");
        PscSessionComponent c = newComponent(Map.of("psc.browser.timeout", "3"), SandboxPki.Credential.ORGANISATION_AUTH);
        c.addBrowser(wrong, Map.of());
        PscException e = catchThrowableOfType(PscException.class, c::loginWithBrowser);
        assertThat(e.reason()).isEqualTo(PscException.Reason.EXPIRED);
        wrong.done.join();
        assertThat(wrong.pages).anyMatch(p -> p.contains("Identifiant ou code incorrect"));
        assertThat(c.state()).isEqualTo(PscSession.State.NONE);
    }

    @ParameterizedTest
    @EnumSource(value = IdTokenFault.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    void aFaultyIdToken_isRejected_andNoSessionIsOpened(IdTokenFault fault) {
        provider.idTokenFault(fault);
        PscException e = catchThrowableOfType(PscException.class, session::loginWithBrowser);
        assertThat(e.reason()).isEqualTo(PscException.Reason.INVALID_TOKEN);
        assertThat(e.getMessage()).contains("Pro Santé Connect");
        assertThat(session.identity()).isEmpty();
        assertThat(session.state()).isEqualTo(PscSession.State.NONE);
        assertThat(audit.actions()).contains("psc.login.failure").doesNotContain("psc.login");
    }

    @Test
    void theProviderRefuses_wrongVerifier_wrongRedirect_reusedCode_andBadClientSecret() throws Exception {
        HttpClient http = HttpClient.newBuilder().sslContext(trustOnly).build();
        String verifier = "v".repeat(50);
        String challenge = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(java.security.MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        String redirect = "http://127.0.0.1:45678/callback";
        URI authorize = URI.create("https://localhost:" + provider.issuer().getPort() + "/auth?response_type=code&client_id=" + provider.clientId()
                + "&scope=openid%20scope_all&acr_values=eidas1&state=s1&nonce=n1&code_challenge_method=S256&code_challenge=" + challenge
                + "&redirect_uri=" + URLEncoder.encode(redirect, StandardCharsets.UTF_8));
        Support.BrowserLikeClient b = new Support.BrowserLikeClient(trustOnly, Support.DOCTOR, Support.PIN);
        b.stopAtCallback = true;
        b.browse(authorize);
        assertThat(b.callback.getQuery()).contains("state=s1");
        String code = b.callback.getQuery().replaceAll(".*code=([^&]+).*", "$1");
        String token = provider.issuer() + "/protocol/openid-connect/token";
        String basic = "Basic " + Base64.getEncoder().encodeToString((provider.clientId() + ":" + provider.clientSecret()).getBytes(StandardCharsets.UTF_8));
        String badBasic = "Basic " + Base64.getEncoder().encodeToString((provider.clientId() + ":faux").getBytes(StandardCharsets.UTF_8));

        assertThat(post(http, token, badBasic, "grant_type=authorization_code&code=" + code + "&redirect_uri=" + redirect + "&code_verifier=" + verifier))
                .satisfies(r -> assertThat(r.statusCode()).isEqualTo(401)).satisfies(r -> assertThat(r.body()).contains("invalid_client"));
        assertThat(post(http, token, basic, "grant_type=authorization_code&code=" + code + "&redirect_uri=" + redirect + "&code_verifier=" + "w".repeat(50)).body())
                .contains("invalid_grant");
        // the failed attempt consumed the code, as a real provider does: a new one is needed
        b.browse(authorize);
        code = b.callback.getQuery().replaceAll(".*code=([^&]+).*", "$1");
        assertThat(post(http, token, basic, "grant_type=authorization_code&code=" + code + "&redirect_uri=http://127.0.0.1:45679/callback&code_verifier=" + verifier)
                .body()).contains("invalid_grant");
        b.browse(authorize);
        code = b.callback.getQuery().replaceAll(".*code=([^&]+).*", "$1");
        HttpResponse<String> ok = post(http, token, basic, "grant_type=authorization_code&code=" + code + "&redirect_uri=" + redirect + "&code_verifier=" + verifier);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).contains("id_token");
        assertThat(post(http, token, basic, "grant_type=authorization_code&code=" + code + "&redirect_uri=" + redirect + "&code_verifier=" + verifier).body())
                .contains("invalid_grant");
        // a redirect that is not a loopback one is refused before any login page
        HttpResponse<String> evil = http.send(HttpRequest.newBuilder(URI.create(authorize.toString().replace(URLEncoder.encode(redirect, StandardCharsets.UTF_8),
                URLEncoder.encode("https://evil.example/callback", StandardCharsets.UTF_8)))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(evil.statusCode()).isEqualTo(400);
    }

    private HttpResponse<String> post(HttpClient http, String url, String authorization, String form) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", authorization).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    // ------------------------------------------------------------------ CIBA

    @Test
    void cibaApproved_onTheCard_givesASessionAtTheCardLevel() throws Exception {
        CibaLogin login = session.loginWithCiba(Support.DOCTOR, PscSession.Channel.CARD);
        assertThat(login.bindingMessage()).matches("\\d{2}");
        assertThat(provider.lastBinding(Support.DOCTOR)).contains(login.bindingMessage() + " CARD");
        assertThat(session.state()).isEqualTo(PscSession.State.AUTHENTICATING);

        PscIdentity id = login.result().toCompletableFuture().get(60, TimeUnit.SECONDS);
        assertThat(id.nationalId()).isEqualTo(Support.DOCTOR);
        assertThat(id.acr()).isEqualTo("eidas3");
        assertThat(session.state()).isEqualTo(PscSession.State.ACTIVE);
        assertThat(audit.events).anyMatch(e -> e.action().equals("psc.login") && e.detail().contains("flow=ciba"));
    }

    @Test
    void cibaDenied_failsWithAFrenchReason() throws Exception {
        provider.cibaOutcome(CibaOutcome.DENY, Duration.ofSeconds(1));
        PscException e = failure(session.loginWithCiba(Support.DOCTOR, PscSession.Channel.MOBILE));
        assertThat(e.reason()).isEqualTo(PscException.Reason.DENIED);
        assertThat(e.getMessage()).contains("refusée");
        assertThat(session.state()).isEqualTo(PscSession.State.NONE);
        assertThat(audit.actions()).contains("psc.login.failure");
    }

    @Test
    void cibaNeverApproved_expires() throws Exception {
        provider.cibaOutcome(CibaOutcome.IGNORE, Duration.ZERO).cibaExpiry(Duration.ofSeconds(3), 1);
        PscException e = failure(session.loginWithCiba(Support.DOCTOR, PscSession.Channel.MOBILE));
        assertThat(e.reason()).isEqualTo(PscException.Reason.EXPIRED);
        assertThat(e.getMessage()).contains("expiré");
    }

    @Test
    void cibaCancelled_stopsWaiting() throws Exception {
        provider.cibaOutcome(CibaOutcome.IGNORE, Duration.ZERO);
        CibaLogin login = session.loginWithCiba(Support.DOCTOR, PscSession.Channel.MOBILE);
        login.cancel();
        assertThat(failure(login).reason()).isEqualTo(PscException.Reason.CANCELLED);
        assertThat(session.state()).isEqualTo(PscSession.State.NONE);
    }

    @Test
    void cibaForAnUnknownProfessional_isRefusedAtOnce() {
        PscException e = catchThrowableOfType(PscException.class, () -> session.loginWithCiba("899999999990", PscSession.Channel.MOBILE));
        assertThat(e.reason()).isEqualTo(PscException.Reason.DENIED);
        assertThat(e.getMessage()).contains("899999999990");
    }

    private PscException failure(CibaLogin login) throws Exception {
        try {
            login.result().toCompletableFuture().get(60, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | CompletionException e) {
            return (PscException) e.getCause();
        }
        throw new AssertionError("la connexion aurait dû échouer");
    }

    // ------------------------------------------------------------------ session

    @Test
    void tokensAreRefreshedBeforeExpiry_andTheSessionEndsWhenTheProviderRefuses() throws Exception {
        provider.accessTokenLifetime(Duration.ofSeconds(30)); // inside the 60 s margin: every use refreshes
        session.loginWithBrowser();
        String first = session.accessToken();
        String second = session.accessToken();
        assertThat(second).isNotEqualTo(first);
        assertThat(audit.actions()).contains("psc.token.refresh");

        provider.revokeAllSessions();
        PscException e = catchThrowableOfType(PscException.class, session::accessToken);
        assertThat(e.reason()).isEqualTo(PscException.Reason.NO_SESSION);
        assertThat(session.state()).isEqualTo(PscSession.State.ENDED);
        assertThat(session.identity()).isEmpty();
        assertThat(audit.actions()).contains("psc.session.end");
    }

    @Test
    void theSessionIsStoredEncrypted_andSharedWithTheNextProcess() throws Exception {
        session.loginWithBrowser();
        String token = session.accessToken();
        Path stored = dataDir.resolve("psc").resolve("session.enc");
        String raw = new String(Files.readAllBytes(stored), StandardCharsets.ISO_8859_1);
        assertThat(raw).doesNotContain(token.substring(0, 20)).doesNotContain(Support.DOCTOR).doesNotContain("DURAND");

        PscSessionComponent next = newComponent(Map.of(), SandboxPki.Credential.ORGANISATION_AUTH);
        assertThat(next.identity()).get().extracting(PscIdentity::nationalId).isEqualTo(Support.DOCTOR);
        assertThat(next.accessToken()).isEqualTo(token);

        byte[] bytes = Files.readAllBytes(stored);
        bytes[bytes.length - 1] ^= 1;
        Files.write(stored, bytes);
        PscSessionComponent tampered = newComponent(Map.of(), SandboxPki.Credential.ORGANISATION_AUTH);
        assertThat(tampered.identity()).isEmpty();
        assertThat(tampered.state()).isEqualTo(PscSession.State.NONE);
    }

    @Test
    void logout_endsTheSessionAtTheProvider() throws Exception {
        session.loginWithBrowser();
        long before = provider.activeSessions();
        session.logout();
        assertThat(provider.activeSessions()).isEqualTo(before - 1);
        assertThat(session.state()).isEqualTo(PscSession.State.ENDED);
        assertThat(catchThrowableOfType(PscException.class, session::accessToken).reason()).isEqualTo(PscException.Reason.NO_SESSION);
        assertThat(audit.actions()).contains("psc.logout");
        assertThat(dataDir.resolve("psc").resolve("session.enc")).doesNotExist();
    }

    // ------------------------------------------------------------------ token exchange

    @Test
    void tokenExchange_withTheStructureCertificate_givesACertificateBoundApiToken() throws Exception {
        session.loginWithBrowser();
        ApiToken api = session.exchange("dmp");
        assertThat(api.certificateThumbprint()).isNotBlank();
        assertThat(api.expiresAt()).isAfter(java.time.Instant.now().plus(Duration.ofHours(3)));
        assertThat(api.toString()).doesNotContain(api.value());
        assertThat(audit.actions()).contains("psc.token.exchange");

        // introspection by the resource server sees the binding
        HttpClient http = HttpClient.newBuilder().sslContext(trustOnly).build();
        String basic = "Basic " + Base64.getEncoder().encodeToString((provider.clientId() + ":" + provider.clientSecret()).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> introspection = post(http, provider.issuer() + "/protocol/openid-connect/token/introspect", basic, "token=" + api.value());
        assertThat(introspection.body()).contains("\"active\":true").contains(api.certificateThumbprint());
    }

    @Test
    void tokenExchange_withoutAClientCertificate_orWithACardCertificate_isRefused() throws Exception {
        session.loginWithBrowser();
        // the same stored session, but a TLS context that does not present the structure's certificate
        PscSessionComponent noCert = newComponent(Map.of(), null, SandboxPki.Credential.ORGANISATION_AUTH);
        PscException none = catchThrowableOfType(PscException.class, () -> noCert.exchange("dmp"));
        assertThat(none.reason()).isEqualTo(PscException.Reason.REFUSED);
        assertThat(none.getMessage()).contains("invalid_client");

        PscSessionComponent card = newComponent(Map.of(), SandboxPki.Credential.CARD_AUTH);
        PscException e = catchThrowableOfType(PscException.class, () -> card.exchange("dmp"));
        assertThat(e.reason()).isEqualTo(PscException.Reason.REFUSED);
        assertThat(e.getMessage()).contains("invalid_client");
        assertThat(audit.actions()).contains("psc.token.exchange.failure");
    }

    @Test
    void withoutSession_consumersGetAClearMessage() {
        assertThatThrownBy(session::accessToken).isInstanceOf(PscException.class).hasMessageContaining("connectez-vous avec Pro Santé Connect");
    }
}
