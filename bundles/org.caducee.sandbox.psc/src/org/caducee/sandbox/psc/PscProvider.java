package org.caducee.sandbox.psc;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;

import org.caducee.core.text.LocalizedTexts;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;

/**
 * A local OpenID provider that behaves like Pro Santé Connect, over HTTPS on loopback: discovery at the PSC path,
 * JWKS, authorization code with PKCE (S256 required) and a login page, CIBA poll mode ({@code binding_message} of two
 * digits, {@code channel} CARD|MOBILE, approved or denied after a configurable delay), refresh tokens (rotated), token
 * exchange (RFC 8693, mutual TLS with an organisation certificate, certificate-bound tokens), introspection, userinfo
 * in the PSC layout and end of session. It refuses what PSC refuses: bad client authentication, wrong redirect URI,
 * wrong PKCE verifier, reused codes (and then revokes what the code gave), expired requests or tokens.
 * <p>
 * The knobs ({@link #cibaOutcome}, {@link #idTokenFault}…) exist for tests and demonstrations.
 */
public final class PscProvider {

    /** Realm path of PSC. */
    public static final String REALM = "/auth/realms/esante-wallet";
    private static final String OIDC = REALM + "/protocol/openid-connect";
    public static final String DEFAULT_CLIENT_ID = "caducee-lgc";
    /** Public demo secret of the sandbox client (never a real secret). */
    public static final String DEFAULT_CLIENT_SECRET = "caducee-psc-bac-a-sable";

    /** What the simulated professional does with a CIBA request. */
    public enum CibaOutcome {
        APPROVE, DENY, IGNORE
    }

    /** A defect to put into the next ID tokens, to test clients. */
    public enum IdTokenFault {
        NONE, WRONG_AUDIENCE, WRONG_ISSUER, WRONG_NONCE, EXPIRED, TAMPERED, LOW_ACR
    }

    private static final LocalizedTexts TEXTS = new LocalizedTexts("org.caducee.sandbox.psc.internal.messages", PscProvider.class.getClassLoader());
    private static final String TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";
    private static final String CIBA = "urn:openid:params:grant-type:ciba";

    private final SSLContext ssl;
    private final X509Certificate organisationsCa;
    private final Map<String, DemoProfessional> users = new LinkedHashMap<>();
    private final RSAKey key;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, CodeGrant> codes = new ConcurrentHashMap<>();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Map<String, Session> refreshTokens = new ConcurrentHashMap<>();
    private final Map<String, Pending> pendingLogins = new ConcurrentHashMap<>();
    private final Map<String, CibaRequest> cibaRequests = new ConcurrentHashMap<>();

    private volatile String clientId = DEFAULT_CLIENT_ID;
    private volatile String clientSecret = DEFAULT_CLIENT_SECRET;
    private volatile Duration accessTokenLifetime = Duration.ofMinutes(5);
    private volatile Duration apiTokenLifetime = Duration.ofHours(4);
    private volatile Duration cibaDelay = Duration.ofSeconds(2);
    private volatile Duration cibaExpiry = Duration.ofMinutes(2);
    private volatile int cibaInterval = 1;
    private volatile CibaOutcome cibaOutcome = CibaOutcome.APPROVE;
    private volatile IdTokenFault idTokenFault = IdTokenFault.NONE;

    private HttpsServer server;
    private URI base;

    /**
     * @param ssl server TLS context (server certificate of the test PKI, trusting the test root for client certificates)
     * @param organisationsCa the CA whose certificates may authenticate a client by mutual TLS (token exchange)
     */
    public PscProvider(SSLContext ssl, X509Certificate organisationsCa, List<DemoProfessional> professionals) {
        this.ssl = Objects.requireNonNull(ssl);
        this.organisationsCa = organisationsCa;
        professionals.forEach(p -> users.put(p.nationalId(), p));
        try {
            this.key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------ knobs

    public PscProvider client(String id, String secret) {
        this.clientId = id;
        this.clientSecret = secret;
        return this;
    }

    public String clientId() {
        return clientId;
    }

    public String clientSecret() {
        return clientSecret;
    }

    public PscProvider accessTokenLifetime(Duration d) {
        this.accessTokenLifetime = d;
        return this;
    }

    public PscProvider cibaOutcome(CibaOutcome outcome, Duration delay) {
        this.cibaOutcome = outcome;
        this.cibaDelay = delay;
        return this;
    }

    public PscProvider cibaExpiry(Duration expiry, int intervalSeconds) {
        this.cibaExpiry = expiry;
        this.cibaInterval = intervalSeconds;
        return this;
    }

    public PscProvider idTokenFault(IdTokenFault fault) {
        this.idTokenFault = fault;
        return this;
    }

    /** The binding message and channel of the last CIBA request for this national id (what the phone would show). */
    public java.util.Optional<String> lastBinding(String nationalId) {
        return cibaRequests.values().stream().filter(r -> r.user.nationalId().equals(nationalId)).max(java.util.Comparator.comparing(r -> r.created))
                .map(r -> r.binding + " " + r.channel);
    }

    /** Ends every session at the provider (as an administrator or an expiry would): refresh tokens stop working. */
    public void revokeAllSessions() {
        sessions.values().forEach(s -> s.active = false);
        refreshTokens.clear();
    }

    /**
     * Opens a session for a known professional as if he had just logged in with his e-CPS and returns its access
     * token, valid for {@code lifetime} (the provider's lifetime when null). For services that must accept tokens of
     * this provider (the sandbox MSSanté operator, the Dovecot integration test) without driving a browser or a phone.
     *
     * @throws IllegalArgumentException when the national id is unknown
     */
    public String issueAccessToken(String nationalId, Duration lifetime) {
        DemoProfessional user = users.get(nationalId);
        if (user == null) {
            throw new IllegalArgumentException(TEXTS.get("unknownUser", nationalId));
        }
        Session s = new Session(user, "eidas1");
        Instant now = Instant.now();
        try {
            return sign(new JWTClaimsSet.Builder().issuer(issuer().toString()).subject(subject(user)).audience(clientId).claim("azp", clientId)
                    .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(lifetime == null ? accessTokenLifetime : lifetime)))
                    .jwtID(UUID.randomUUID().toString()).claim("sid", s.id).claim("scope", "openid scope_all").claim("acr", s.acr)
                    .claim("typ", "Bearer").claim("preferred_username", user.nationalId()).build());
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The claims of {@code token} if it is an access token of this provider still valid (signature, expiry, session
     * active), as the introspection endpoint would answer {@code active: true}; empty otherwise.
     */
    public java.util.Optional<Map<String, Object>> introspect(String token) {
        JWTClaimsSet c = validAccessToken(token == null ? "" : token);
        return c == null ? java.util.Optional.empty() : java.util.Optional.of(c.toJSONObject());
    }

    /** Number of active sessions (logged in, not logged out). */
    public long activeSessions() {
        return sessions.values().stream().filter(s -> s.active).count();
    }

    // ------------------------------------------------------------------ life cycle

    public synchronized URI start(InetAddress address, int port) throws IOException {
        server = HttpsServer.create(new InetSocketAddress(address, port), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(ssl) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters p = ssl.getDefaultSSLParameters();
                p.setWantClientAuth(true);
                params.setSSLParameters(p);
            }
        });
        server.setExecutor(Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "sandbox-psc");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", this::handle);
        server.start();
        String host = address.isLoopbackAddress() && address.getAddress().length == 4 ? "localhost" : address.getHostAddress();
        base = URI.create("https://" + host + ":" + server.getAddress().getPort());
        return issuer();
    }

    public synchronized void stop() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    /** The issuer URL (base of every endpoint). */
    public URI issuer() {
        return URI.create(base + REALM);
    }

    /** The public keys (JWKS) of the provider. */
    public JWKSet publicKeys() {
        return new JWKSet(key.toPublicJWK());
    }

    // ------------------------------------------------------------------ routing

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();

            switch (path) {
                case REALM + "/.well-known/wallet-openid-configuration" -> json(ex, 200, discovery());
                case OIDC + "/certs" -> json(ex, 200, publicKeys().toJSONObject(true));
                case "/auth" -> authorize(ex);
                case "/auth/login" -> login(ex);
                case OIDC + "/token" -> token(ex);
                case OIDC + "/ext/ciba/auth" -> ciba(ex);
                case OIDC + "/token/introspect" -> introspect(ex);
                case OIDC + "/userinfo" -> userinfo(ex);
                case OIDC + "/logout" -> logout(ex);
                default -> json(ex, 404, Map.of("error", "not_found"));
            }
        } catch (RuntimeException | JOSEException e) {
            json(ex, 500, Map.of("error", "server_error", "error_description", String.valueOf(e.getMessage())));
        }
    }

    private Map<String, Object> discovery() {
        String iss = issuer().toString();
        String oidc = iss + "/protocol/openid-connect";
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("issuer", iss);
        m.put("authorization_endpoint", base + "/auth");
        m.put("token_endpoint", oidc + "/token");
        m.put("introspection_endpoint", oidc + "/token/introspect");
        m.put("userinfo_endpoint", oidc + "/userinfo");
        m.put("end_session_endpoint", oidc + "/logout");
        m.put("jwks_uri", oidc + "/certs");
        m.put("backchannel_authentication_endpoint", oidc + "/ext/ciba/auth");
        m.put("backchannel_token_delivery_modes_supported", List.of("poll"));
        m.put("backchannel_user_code_parameter_supported", false);
        m.put("grant_types_supported", List.of("authorization_code", "refresh_token", CIBA, TOKEN_EXCHANGE));
        m.put("response_types_supported", List.of("code"));
        m.put("subject_types_supported", List.of("public"));
        m.put("id_token_signing_alg_values_supported", List.of("RS256"));
        m.put("code_challenge_methods_supported", List.of("S256"));
        m.put("scopes_supported", List.of("openid", "scope_all"));
        m.put("acr_values_supported", List.of("eidas1", "eidas2", "eidas3"));
        m.put("token_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post", "tls_client_auth"));
        m.put("tls_client_certificate_bound_access_tokens", true);
        return m;
    }

    // ------------------------------------------------------------------ authorization code

    private record Pending(String redirectUri, String state, String nonce, String challenge, String acr, Instant expires) {
    }

    private record CodeGrant(String redirectUri, String nonce, String challenge, DemoProfessional user, String acr, Instant expires) {
    }

    private void authorize(HttpExchange ex) throws IOException {
        Map<String, String> q = query(ex.getRequestURI().getRawQuery());
        String redirect = q.get("redirect_uri");
        if (!clientId.equals(q.get("client_id")) || redirect == null || !loopbackRedirect(redirect)) {
            html(ex, 400, TEXTS.get("page.badRequest", "client_id / redirect_uri"));
            return;
        }
        String problem = null;
        if (!"code".equals(q.get("response_type"))) {
            problem = "unsupported_response_type";
        } else if (!scopeOk(q.get("scope"))) {
            problem = "invalid_scope";
        } else if (q.get("code_challenge") == null || !"S256".equals(q.get("code_challenge_method"))) {
            problem = "invalid_request";
        }
        if (problem != null) {
            redirect(ex, redirect + "?error=" + problem + stateParam(q.get("state")));
            return;
        }
        String tx = token();
        String acr = q.getOrDefault("acr_values", "eidas1").contains("eidas3") ? "eidas3" : "eidas1";
        pendingLogins.put(tx, new Pending(redirect, q.get("state"), q.get("nonce"), q.get("code_challenge"), acr, Instant.now().plusSeconds(600)));
        loginPage(ex, tx, null);
    }

    private void loginPage(HttpExchange ex, String tx, String error) throws IOException {
        StringBuilder b = new StringBuilder("<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>").append(TEXTS.get("page.title"))
                .append("</title></head><body><h1>").append(TEXTS.get("page.title")).append("</h1><p>").append(TEXTS.get("page.intro")).append("</p>");
        if (error != null) {
            b.append("<p class=\"erreur\">").append(error).append("</p>");
        }
        b.append("<form method=\"post\" action=\"/auth/login\"><input type=\"hidden\" name=\"tx\" value=\"").append(tx).append("\">")
                .append("<label>").append(TEXTS.get("page.nationalId")).append(" <input name=\"nationalId\" type=\"text\"></label>")
                .append("<label>").append(TEXTS.get("page.pin")).append(" <input name=\"pin\" type=\"password\"></label>")
                .append("<button type=\"submit\">").append(TEXTS.get("page.submit")).append("</button></form></body></html>");
        html(ex, 200, b.toString());
    }

    private void login(HttpExchange ex) throws IOException {
        if (!"POST".equals(ex.getRequestMethod())) {
            json(ex, 405, Map.of("error", "invalid_request"));
            return;
        }
        Map<String, String> form = form(ex);
        Pending p = pendingLogins.get(form.getOrDefault("tx", ""));
        if (p == null || Instant.now().isAfter(p.expires())) {
            html(ex, 400, TEXTS.get("page.badRequest", "tx"));
            return;
        }
        DemoProfessional user = users.get(form.getOrDefault("nationalId", "").trim());
        if (user == null || !user.pin().equals(form.get("pin"))) {
            loginPage(ex, form.get("tx"), TEXTS.get("page.badCredentials"));
            return;
        }
        pendingLogins.remove(form.get("tx"));
        String code = token();
        codes.put(code, new CodeGrant(p.redirectUri(), p.nonce(), p.challenge(), user, p.acr(), Instant.now().plusSeconds(60)));
        redirect(ex, p.redirectUri() + "?code=" + code + stateParam(p.state()));
    }

    /** RFC 8252 §7.3: loopback IP redirect, any port, path /callback registered for the client. */
    private static boolean loopbackRedirect(String redirect) {
        try {
            URI u = URI.create(redirect);
            return "http".equals(u.getScheme()) && ("127.0.0.1".equals(u.getHost()) || "[::1]".equals(u.getHost())) && "/callback".equals(u.getPath())
                    && u.getQuery() == null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String stateParam(String state) {
        return state == null ? "" : "&state=" + URLEncoder.encode(state, StandardCharsets.UTF_8);
    }

    private static boolean scopeOk(String scope) {
        return scope != null && List.of(scope.split(" ")).containsAll(List.of("openid", "scope_all"));
    }

    // ------------------------------------------------------------------ token endpoint

    private void token(HttpExchange ex) throws IOException, JOSEException {
        if (!"POST".equals(ex.getRequestMethod())) {
            json(ex, 405, Map.of("error", "invalid_request"));
            return;
        }
        Map<String, String> form = form(ex);
        String grant = form.getOrDefault("grant_type", "");
        if (TOKEN_EXCHANGE.equals(grant)) {
            tokenExchange(ex, form);
            return;
        }
        if (!clientAuthenticated(ex, form)) {
            json(ex, 401, error("invalid_client", "client authentication failed"));
            return;
        }
        switch (grant) {
            case "authorization_code" -> {
                CodeGrant g = codes.remove(form.getOrDefault("code", ""));
                if (g == null) {
                    // a reused code: revoke what it gave (RFC 6749 §4.1.2)
                    sessions.values().stream().filter(s -> form.getOrDefault("code", "").equals(s.code)).forEach(s -> s.active = false);
                    json(ex, 400, error("invalid_grant", "code unknown or already used"));
                } else if (Instant.now().isAfter(g.expires())) {
                    json(ex, 400, error("invalid_grant", "code expired"));
                } else if (!g.redirectUri().equals(form.get("redirect_uri"))) {
                    json(ex, 400, error("invalid_grant", "redirect_uri mismatch"));
                } else if (form.get("code_verifier") == null || !g.challenge().equals(s256(form.get("code_verifier")))) {
                    json(ex, 400, error("invalid_grant", "PKCE verification failed"));
                } else {
                    Session s = new Session(g.user(), g.acr());
                    s.code = form.get("code");
                    json(ex, 200, issue(s, g.nonce(), true));
                }
            }
            case "refresh_token" -> {
                Session s = refreshTokens.remove(form.getOrDefault("refresh_token", ""));
                if (s == null || !s.active) {
                    json(ex, 400, error("invalid_grant", "refresh token invalid"));
                } else {
                    json(ex, 200, issue(s, null, true));
                }
            }
            case CIBA -> cibaToken(ex, form);
            default -> json(ex, 400, error("unsupported_grant_type", grant));
        }
    }

    private final class Session {
        final String id = UUID.randomUUID().toString();
        final DemoProfessional user;
        final String acr;
        volatile boolean active = true;
        volatile String code;

        Session(DemoProfessional user, String acr) {
            this.user = user;
            this.acr = acr;
            sessions.put(id, this);
        }
    }

    private Map<String, Object> issue(Session s, String nonce, boolean withIdToken) throws JOSEException {
        Instant now = Instant.now();
        Instant exp = now.plus(accessTokenLifetime);
        String access = sign(new JWTClaimsSet.Builder().issuer(issuer().toString()).subject(subject(s.user)).audience(clientId)
                .claim("azp", clientId).issueTime(Date.from(now)).expirationTime(Date.from(exp)).jwtID(UUID.randomUUID().toString())
                .claim("sid", s.id).claim("scope", "openid scope_all").claim("acr", s.acr).claim("typ", "Bearer")
                .claim("preferred_username", s.user.nationalId()).build());
        String refresh = token();
        refreshTokens.put(refresh, s);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("access_token", access);
        m.put("token_type", "Bearer");
        m.put("expires_in", accessTokenLifetime.toSeconds());
        m.put("refresh_token", refresh);
        m.put("scope", "openid scope_all");
        if (withIdToken) {
            m.put("id_token", idToken(s, nonce));
        }
        return m;
    }

    private String idToken(Session s, String nonce) throws JOSEException {
        IdTokenFault fault = idTokenFault;
        Instant now = Instant.now();
        JWTClaimsSet.Builder b = new JWTClaimsSet.Builder().issuer(fault == IdTokenFault.WRONG_ISSUER ? "https://ailleurs.example/auth" : issuer().toString())
                .subject(subject(s.user)).audience(fault == IdTokenFault.WRONG_AUDIENCE ? "autre-client" : clientId).claim("azp", clientId)
                .issueTime(Date.from(fault == IdTokenFault.EXPIRED ? now.minusSeconds(3600) : now))
                .expirationTime(Date.from(fault == IdTokenFault.EXPIRED ? now.minusSeconds(600) : now.plus(accessTokenLifetime)))
                .claim("auth_time", now.getEpochSecond()).claim("acr", fault == IdTokenFault.LOW_ACR ? "eidas0" : s.acr).claim("sid", s.id)
                .claim("preferred_username", s.user.nationalId());
        if (nonce != null) {
            b.claim("nonce", fault == IdTokenFault.WRONG_NONCE ? "autre-nonce" : nonce);
        }
        String jwt = sign(b.build());
        if (fault == IdTokenFault.TAMPERED) {
            String[] parts = jwt.split("\\.");
            Map<String, Object> claims = new HashMap<>(b.build().toJSONObject());
            claims.put("preferred_username", "899999999999");
            parts[1] = Base64.getUrlEncoder().withoutPadding().encodeToString(JSONObjectUtils.toJSONString(claims).getBytes(StandardCharsets.UTF_8));
            jwt = String.join(".", parts);
        }
        return jwt;
    }

    private static String subject(DemoProfessional user) {
        return "f:" + UUID.nameUUIDFromBytes(user.nationalId().getBytes(StandardCharsets.UTF_8)) + ":" + user.nationalId();
    }

    private String sign(JWTClaimsSet claims) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    /** The claims of a valid access token this provider issued (signature, expiry, session still active). */
    private JWTClaimsSet validAccessToken(String token) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!jwt.verify(new RSASSAVerifier(key.toRSAPublicKey()))) {
                return null;
            }
            JWTClaimsSet c = jwt.getJWTClaimsSet();
            if (c.getExpirationTime() == null || c.getExpirationTime().toInstant().isBefore(Instant.now())) {
                return null;
            }
            Object sid = c.getClaim("sid");
            if (sid != null) {
                Session s = sessions.get(sid.toString());
                if (s == null || !s.active) {
                    return null;
                }
            }
            return c;
        } catch (java.text.ParseException | JOSEException e) {
            return null;
        }
    }

    // ------------------------------------------------------------------ CIBA

    private final class CibaRequest {
        final DemoProfessional user;
        final String binding;
        final String channel;
        final Instant created = Instant.now();
        final Instant decideAt;
        final Instant expires;
        final CibaOutcome outcome;
        volatile Instant lastPoll;
        volatile int interval;

        CibaRequest(DemoProfessional user, String binding, String channel) {
            this.user = user;
            this.binding = binding;
            this.channel = channel;
            this.decideAt = created.plus(cibaDelay);
            this.expires = created.plus(cibaExpiry);
            this.outcome = cibaOutcome;
            this.interval = cibaInterval;
            this.lastPoll = created;
        }
    }

    private void ciba(HttpExchange ex) throws IOException {
        Map<String, String> form = form(ex);
        if (!clientAuthenticated(ex, form)) {
            json(ex, 401, error("invalid_client", "client authentication failed"));
            return;
        }
        if (!scopeOk(form.get("scope"))) {
            json(ex, 400, error("invalid_scope", "openid scope_all required"));
            return;
        }
        String binding = form.get("binding_message");
        if (binding == null || !binding.matches("\\d{2}")) {
            json(ex, 400, error("invalid_binding_message", "two digits expected"));
            return;
        }
        String channel = form.get("channel");
        if (!"CARD".equals(channel) && !"MOBILE".equals(channel)) {
            json(ex, 400, error("invalid_request", "channel must be CARD or MOBILE"));
            return;
        }
        DemoProfessional user = users.get(form.getOrDefault("login_hint", ""));
        if (user == null) {
            json(ex, 400, error("unknown_user_id", "unknown login_hint"));
            return;
        }
        String id = token();
        CibaRequest r = new CibaRequest(user, binding, channel);
        cibaRequests.put(id, r);
        json(ex, 200, Map.of("auth_req_id", id, "expires_in", cibaExpiry.toSeconds(), "interval", r.interval));
    }

    private void cibaToken(HttpExchange ex, Map<String, String> form) throws IOException, JOSEException {
        CibaRequest r = cibaRequests.get(form.getOrDefault("auth_req_id", ""));
        Instant now = Instant.now();
        if (r == null) {
            json(ex, 400, error("invalid_grant", "auth_req_id unknown"));
            return;
        }
        if (now.isAfter(r.expires)) {
            cibaRequests.remove(form.get("auth_req_id"));
            json(ex, 400, error("expired_token", "auth_req_id expired"));
            return;
        }
        if (Duration.between(r.lastPoll, now).toMillis() < r.interval * 1000L - 200) {
            r.interval += 5;
            r.lastPoll = now;
            json(ex, 400, error("slow_down", "polling too fast"));
            return;
        }
        r.lastPoll = now;
        if (now.isBefore(r.decideAt) || r.outcome == CibaOutcome.IGNORE) {
            json(ex, 400, error("authorization_pending", "waiting for the user"));
            return;
        }
        cibaRequests.remove(form.get("auth_req_id"));
        if (r.outcome == CibaOutcome.DENY) {
            json(ex, 403, error("access_denied", "denied by the user"));
            return;
        }
        json(ex, 200, issue(new Session(r.user, "CARD".equals(r.channel) ? "eidas3" : "eidas1"), null, true));
    }

    // ------------------------------------------------------------------ token exchange (mutual TLS)

    private void tokenExchange(HttpExchange ex, Map<String, String> form) throws IOException, JOSEException {
        X509Certificate cert = clientCertificate(ex);
        if (cert == null || !clientId.equals(form.get("client_id"))) {
            json(ex, 401, error("invalid_client", "mutual TLS with the structure's authentication certificate required"));
            return;
        }
        JWTClaimsSet subject = validAccessToken(form.getOrDefault("subject_token", ""));
        if (subject == null || !"urn:ietf:params:oauth:token-type:access_token".equals(form.get("subject_token_type"))) {
            json(ex, 400, error("invalid_grant", "subject_token invalid"));
            return;
        }
        Instant now = Instant.now();
        Instant exp = now.plus(apiTokenLifetime);
        String scope = form.getOrDefault("scope", "");
        Map<String, Object> cnf = Map.of("x5t#S256", thumbprint(cert));
        String token = sign(new JWTClaimsSet.Builder().issuer(issuer().toString()).subject(subject.getSubject()).audience(scope.isBlank() ? "api" : scope)
                .claim("azp", clientId).issueTime(Date.from(now)).expirationTime(Date.from(exp)).jwtID(UUID.randomUUID().toString())
                .claim("scope", scope).claim("cnf", cnf).claim("sid", subject.getClaim("sid"))
                .claim("preferred_username", subject.getClaim("preferred_username")).claim("acr", subject.getClaim("acr")).build());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("access_token", token);
        m.put("issued_token_type", "urn:ietf:params:oauth:token-type:access_token");
        m.put("token_type", "Bearer");
        m.put("expires_in", apiTokenLifetime.toSeconds());
        m.put("scope", scope);
        json(ex, 200, m);
    }

    private X509Certificate clientCertificate(HttpExchange ex) {
        if (!(ex instanceof HttpsExchange https)) {
            return null;
        }
        try {
            Certificate[] chain = https.getSSLSession().getPeerCertificates();
            if (chain.length > 0 && chain[0] instanceof X509Certificate c
                    && (organisationsCa == null || c.getIssuerX500Principal().equals(organisationsCa.getSubjectX500Principal()))) {
                return c;
            }
        } catch (SSLPeerUnverifiedException e) {
            // no certificate presented
        }
        return null;
    }

    private static String thumbprint(X509Certificate c) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256").digest(c.getEncoded()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------ introspection, userinfo, logout

    private void introspect(HttpExchange ex) throws IOException {
        Map<String, String> form = form(ex);
        if (!clientAuthenticated(ex, form)) {
            json(ex, 401, error("invalid_client", "client authentication failed"));
            return;
        }
        JWTClaimsSet c = validAccessToken(form.getOrDefault("token", ""));
        if (c == null) {
            json(ex, 200, Map.of("active", false));
            return;
        }
        Map<String, Object> m = new LinkedHashMap<>(c.toJSONObject());
        m.put("active", true);
        m.put("client_id", clientId);
        json(ex, 200, m);
    }

    private void userinfo(HttpExchange ex) throws IOException {
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        JWTClaimsSet c = auth != null && auth.startsWith("Bearer ") ? validAccessToken(auth.substring(7).trim()) : null;
        if (c == null || c.getClaim("cnf") != null) {
            ex.getResponseHeaders().set("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            json(ex, 401, error("invalid_token", "access token invalid"));
            return;
        }
        DemoProfessional u = users.get(String.valueOf(c.getClaim("preferred_username")));
        Map<String, Object> activity = new LinkedHashMap<>();
        activity.put("codeModeExercice", "L");
        activity.put("codeSecteurDactivite", "SA08");
        activity.put("raisonSocialeSite", "CABINET MEDICAL DU PARC (DEMO)");
        activity.put("numeroFinessSite", "750099996");
        activity.put("identifiantTechniqueDeLaStructure", "R10000000000001");
        Map<String, Object> exercise = new LinkedHashMap<>();
        exercise.put("codeProfession", u.professionCode());
        exercise.put("codeCategorieProfessionnelle", "C");
        exercise.put("codeSavoirFaire", u.savoirFaireCode());
        exercise.put("nomDexercice", u.lastName());
        exercise.put("prenomDexercice", u.firstName());
        exercise.put("activities", List.of(activity));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sub", c.getSubject());
        m.put("SubjectNameID", u.nationalId());
        m.put("preferred_username", u.nationalId());
        m.put("given_name", u.firstName());
        m.put("family_name", u.lastName());
        m.put("SubjectRefPro", Map.of("codeCivilite", "DR", "exercices", List.of(exercise)));
        m.put("SubjectRole", List.of(u.professionCode() + "^1.2.250.1.213.1.1.5.5"));
        m.put("Secteur_Activite", "SA08^1.2.250.1.71.4.2.4");
        m.put("Palier_Authentification", "APPPRIP3^1.2.250.1.213.1.5.1.1.1");
        m.put("Acces_Regulation_Medicale", "FAUX");
        m.put("UITVersion", "1.0");
        json(ex, 200, m);
    }

    private void logout(HttpExchange ex) throws IOException {
        if ("POST".equals(ex.getRequestMethod())) {
            Map<String, String> form = form(ex);
            if (!clientAuthenticated(ex, form)) {
                json(ex, 401, error("invalid_client", "client authentication failed"));
                return;
            }
            Session s = refreshTokens.remove(form.getOrDefault("refresh_token", ""));
            if (s == null) {
                json(ex, 400, error("invalid_grant", "refresh token invalid"));
                return;
            }
            s.active = false;
            refreshTokens.values().removeIf(x -> x == s);
            ex.sendResponseHeaders(204, -1);
            return;
        }
        Map<String, String> q = query(ex.getRequestURI().getRawQuery());
        String hint = q.get("id_token_hint");
        if (hint != null) {
            try {
                Object sid = SignedJWT.parse(hint).getJWTClaimsSet().getClaim("sid");
                Session s = sid == null ? null : sessions.get(sid.toString());
                if (s != null) {
                    s.active = false;
                }
            } catch (java.text.ParseException e) {
                // ignored: the page says the same
            }
        }
        html(ex, 200, TEXTS.get("page.loggedOut"));
    }

    // ------------------------------------------------------------------ helpers

    private boolean clientAuthenticated(HttpExchange ex, Map<String, String> form) {
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        String id = null;
        String secret = null;
        if (auth != null && auth.startsWith("Basic ")) {
            try {
                String decoded = new String(Base64.getDecoder().decode(auth.substring(6).trim()), StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                if (colon > 0) {
                    id = URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8);
                    secret = URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8);
                }
            } catch (IllegalArgumentException e) {
                return false;
            }
        } else if (form.containsKey("client_secret")) {
            id = form.get("client_id");
            secret = form.get("client_secret");
        }
        return clientId.equals(id) && secret != null
                && MessageDigest.isEqual(clientSecret.getBytes(StandardCharsets.UTF_8), secret.getBytes(StandardCharsets.UTF_8));
    }

    private String token() {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static String s256(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> error(String code, String description) {
        return Map.of("error", code, "error_description", description);
    }

    private static Map<String, String> form(HttpExchange ex) throws IOException {
        try (InputStream in = ex.getRequestBody()) {
            byte[] body = in.readNBytes(64 * 1024);
            return query(new String(body, StandardCharsets.UTF_8));
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw != null && !raw.isEmpty()) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return out;
    }

    private static void json(HttpExchange ex, int status, Map<String, ?> body) throws IOException {
        @SuppressWarnings("unchecked")
        byte[] bytes = JSONObjectUtils.toJSONString((Map<String, Object>) body).getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json;charset=utf-8");
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void html(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "text/html;charset=utf-8");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void redirect(HttpExchange ex, String location) throws IOException {
        ex.getResponseHeaders().set("Location", location);
        ex.sendResponseHeaders(302, -1);
    }
}
