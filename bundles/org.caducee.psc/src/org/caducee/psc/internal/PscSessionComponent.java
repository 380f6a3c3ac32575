package org.caducee.psc.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import org.caducee.core.audit.AuditTrail;
import org.caducee.core.installation.Installation;
import org.caducee.psc.ApiToken;
import org.caducee.psc.BrowserLauncher;
import org.caducee.psc.CibaLogin;
import org.caducee.psc.PscException;
import org.caducee.psc.PscException.Reason;
import org.caducee.psc.PscIdentity;
import org.caducee.psc.PscSession;
import org.caducee.psc.PscSettings;
import org.caducee.psc.PscSettingsProvider;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.ciba.AuthRequestID;
import com.nimbusds.oauth2.sdk.ciba.CIBAGrant;
import com.nimbusds.oauth2.sdk.ciba.CIBARequest;
import com.nimbusds.oauth2.sdk.ciba.CIBARequestAcknowledgement;
import com.nimbusds.oauth2.sdk.ciba.CIBAResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.oauth2.sdk.token.Tokens;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.claims.ACR;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.token.OIDCTokens;
import com.sun.net.httpserver.HttpServer;

/**
 * The PSC session of the installation. Settings come from the highest-ranked {@link PscSettingsProvider} that answers;
 * the browser from the highest-ranked {@link BrowserLauncher} (the desktop when none). The session survives restarts
 * encrypted in {@code <dataDir>/psc}, so that the command line and the workbench share it.
 */
@Component(service = PscSession.class)
public final class PscSessionComponent implements PscSession {

    private static final System.Logger LOG = System.getLogger(PscSessionComponent.class.getName());

    /** What is kept of a session (never logged). */
    private record Tokens4(String issuer, String access, String refresh, String idToken, Instant expiresAt, String acr,
            Map<String, Object> userInfo, PscIdentity identity) {
    }

    private record Ranked<T>(T service, int ranking) {
    }

    private final AuditTrail audit;
    private final TokenVault vault;
    private final List<Ranked<PscSettingsProvider>> providers = new CopyOnWriteArrayList<>();
    private final List<Ranked<BrowserLauncher>> browsers = new CopyOnWriteArrayList<>();
    private final List<Consumer<State>> listeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService scheduler;
    private final SecureRandom random = new SecureRandom();
    private final Duration refreshMargin;
    private final Duration browserTimeout;

    private volatile State state = State.NONE;
    private Tokens4 session;
    private PscClient client;
    private ScheduledFuture<?> scheduledRefresh;

    @Activate
    public PscSessionComponent(@Reference Installation installation,
            @Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY) AuditTrail audit) {
        this(new TokenVault(installation.dataDir().resolve("psc")), audit,
                Duration.ofSeconds(Long.parseLong(installation.setting("psc.refresh.margin").orElse("60"))),
                Duration.ofSeconds(Long.parseLong(installation.setting("psc.browser.timeout").orElse("300"))));
    }

    /** A session of its own (the Proxy e-santé keeps one per professional); {@code vault} null = tokens in memory only. */
    PscSessionComponent(TokenVault vault, AuditTrail audit, Duration refreshMargin, Duration browserTimeout) {
        this.audit = audit;
        this.vault = vault;
        this.refreshMargin = refreshMargin;
        this.browserTimeout = browserTimeout;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "caducee-psc");
            t.setDaemon(true);
            return t;
        });
        if (vault != null) {
            restore();
        }
    }

    @Deactivate
    void deactivate() {
        scheduler.shutdownNow();
    }

    /** Stops the background work of a session made by {@link PscSessionFactoryComponent}. */
    void close() {
        scheduler.shutdownNow();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    public void addProvider(PscSettingsProvider provider, Map<String, Object> properties) {
        providers.add(new Ranked<>(provider, ranking(properties)));
    }

    public void removeProvider(PscSettingsProvider provider) {
        providers.removeIf(r -> r.service() == provider);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    public void addBrowser(BrowserLauncher browser, Map<String, Object> properties) {
        browsers.add(new Ranked<>(browser, ranking(properties)));
    }

    public void removeBrowser(BrowserLauncher browser) {
        browsers.removeIf(r -> r.service() == browser);
    }

    private static int ranking(Map<String, Object> properties) {
        return properties.get("service.ranking") instanceof Integer i ? i : 0;
    }

    private synchronized PscClient client() throws PscException {
        PscSettings settings = providers.stream().sorted(Comparator.comparingInt((Ranked<PscSettingsProvider> r) -> r.ranking()).reversed())
                .map(r -> r.service().settings()).flatMap(Optional::stream).findFirst()
                .orElseThrow(() -> new PscException(Reason.UNAVAILABLE, Messages.get("settings.missing")));
        if (client == null || !client.settings().equals(settings)) {
            client = new PscClient(settings);
        }
        return client;
    }

    private BrowserLauncher browser() {
        return browsers.stream().max(Comparator.comparingInt(Ranked::ranking)).map(Ranked::service).orElseGet(DesktopBrowserLauncher::new);
    }

    // ------------------------------------------------------------------ code flow

    @Override
    public PscIdentity loginWithBrowser() throws PscException {
        PscClient c = client();
        OIDCProviderMetadata metadata = c.metadata();
        State previous = state;
        setState(State.AUTHENTICATING);
        HttpServer server;
        CompletableFuture<Map<String, String>> callback = new CompletableFuture<>();
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            setState(previous);
            throw new PscException(Reason.UNAVAILABLE, Messages.get("http.failed", e.getMessage()), e);
        }
        server.createContext("/callback", exchange -> {
            Map<String, String> params = query(exchange.getRequestURI().getRawQuery());
            byte[] page = Messages.get(params.containsKey("code") ? "browser.done" : "browser.failedPage").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(page);
            }
            callback.complete(params);
        });
        server.start();
        try {
            URI redirect = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/callback");
            CodeVerifier verifier = new CodeVerifier();
            com.nimbusds.oauth2.sdk.id.State oauthState = new com.nimbusds.oauth2.sdk.id.State();
            Nonce nonce = new Nonce();
            AuthenticationRequest request = new AuthenticationRequest.Builder(new ResponseType("code"), Scope.parse(PscSettings.SCOPE),
                    new ClientID(c.settings().clientId()), redirect).endpointURI(metadata.getAuthorizationEndpointURI()).state(oauthState)
                    .nonce(nonce).codeChallenge(verifier, CodeChallengeMethod.S256).acrValues(List.of(new ACR(c.settings().acr()))).build();
            URI uri = request.toURI();
            try {
                browser().open(uri);
            } catch (IOException e) {
                throw new PscException(Reason.UNAVAILABLE, Messages.get("browser.failed", e.getMessage(), uri), e);
            }
            Map<String, String> params;
            try {
                params = callback.get(browserTimeout.toSeconds(), TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                throw new PscException(Reason.EXPIRED, Messages.get("browser.timeout"));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PscException(Reason.CANCELLED, Messages.get("ciba.cancelled"));
            } catch (ExecutionException e) {
                throw new PscException(Reason.UNAVAILABLE, Messages.get("http.failed", e.getCause().getMessage()), e);
            }
            if (!oauthState.getValue().equals(params.get("state"))) {
                throw new PscException(Reason.REFUSED, Messages.get("browser.state"));
            }
            if (params.get("error") != null || params.get("code") == null) {
                throw new PscException(Reason.DENIED, Messages.get("browser.error", params.getOrDefault("error", "?")));
            }
            AccessTokenResponse response = c.token(new AuthorizationCodeGrant(new AuthorizationCode(params.get("code")), redirect, verifier));
            return establish(c, response, nonce, "code");
        } catch (PscException e) {
            failed(previous, "code", null, e);
            throw e;
        } finally {
            server.stop(0);
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ CIBA

    @Override
    public CibaLogin loginWithCiba(String nationalId, Channel channel) throws PscException {
        if (nationalId == null || !nationalId.matches("[0-9]{9,12}")) {
            throw new PscException(Reason.REFUSED, Messages.get("ciba.nationalId", nationalId));
        }
        PscClient c = client();
        URI endpoint = c.metadata().getBackChannelAuthenticationEndpointURI();
        String binding = String.format("%02d", random.nextInt(100));
        CIBARequest request = new CIBARequest.Builder(c.clientAuthentication(), Scope.parse(PscSettings.SCOPE)).endpointURI(endpoint)
                .acrValues(List.of(new ACR(c.settings().acr()))).loginHint(nationalId).bindingMessage(binding)
                .customParameter("channel", (channel == null ? Channel.MOBILE : channel).name()).build();
        CIBAResponse response;
        try {
            response = CIBAResponse.parse(c.send(request.toHTTPRequest()));
        } catch (IOException e) {
            throw new PscException(Reason.UNAVAILABLE, Messages.get("http.failed", e.getMessage()), e);
        } catch (com.nimbusds.oauth2.sdk.ParseException e) {
            throw new PscException(Reason.REFUSED, Messages.get("http.failed", e.getMessage()), e);
        }
        if (!response.indicatesSuccess()) {
            String code = response.toErrorResponse().getErrorObject().getCode();
            PscException e = "unknown_user_id".equals(code) ? new PscException(Reason.DENIED, Messages.get("ciba.unknownUser", nationalId))
                    : new PscException(Reason.REFUSED, Messages.get("refused", code));
            failed(state, "ciba", nationalId, e);
            throw e;
        }
        CIBARequestAcknowledgement ack = response.toRequestAcknowledgement();
        State previous = state;
        setState(State.AUTHENTICATING);
        Ciba ciba = new Ciba(c, ack.getAuthRequestID(), binding, nationalId, previous,
                Instant.now().plusSeconds(ack.getExpiresIn()), ack.getMinWaitInterval() == null ? 5 : ack.getMinWaitInterval());
        ciba.schedule();
        return ciba;
    }

    private final class Ciba implements CibaLogin {
        private final PscClient c;
        private final AuthRequestID id;
        private final String binding;
        private final String nationalId;
        private final State previous;
        private final Instant deadline;
        private final CompletableFuture<PscIdentity> result = new CompletableFuture<>();
        private final java.util.concurrent.atomic.AtomicBoolean over = new java.util.concurrent.atomic.AtomicBoolean();
        private volatile int interval;
        private volatile ScheduledFuture<?> next;

        Ciba(PscClient c, AuthRequestID id, String binding, String nationalId, State previous, Instant deadline, int interval) {
            this.c = c;
            this.id = id;
            this.binding = binding;
            this.nationalId = nationalId;
            this.previous = previous;
            this.deadline = deadline;
            this.interval = Math.max(1, interval);
        }

        void schedule() {
            next = scheduler.schedule(this::poll, interval, TimeUnit.SECONDS);
        }

        private void poll() {
            if (result.isDone()) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                fail(new PscException(Reason.EXPIRED, Messages.get("ciba.expired")));
                return;
            }
            try {
                AccessTokenResponse response = c.token(new CIBAGrant(id));
                if (over.get()) {
                    return;
                }
                PscIdentity identity = establish(c, response, null, "ciba");
                over.set(true);
                result.complete(identity);
            } catch (PscClient.ProviderError e) {
                switch (e.code) {
                    case "authorization_pending" -> schedule();
                    case "slow_down" -> {
                        interval += 5;
                        schedule();
                    }
                    case "access_denied" -> fail(new PscException(Reason.DENIED, Messages.get("ciba.denied")));
                    case "expired_token" -> fail(new PscException(Reason.EXPIRED, Messages.get("ciba.expired")));
                    default -> fail(e);
                }
            } catch (PscException e) {
                fail(e);
            } catch (RuntimeException e) {
                fail(new PscException(Reason.UNAVAILABLE, Messages.get("http.failed", e.toString()), e));
            }
        }

        private void fail(PscException e) {
            if (over.compareAndSet(false, true)) {
                failed(previous, "ciba", nationalId, e); // state first: callers see it once the result fails
                result.completeExceptionally(e);
            }
        }

        @Override
        public String bindingMessage() {
            return binding;
        }

        @Override
        public CompletionStage<PscIdentity> result() {
            return result;
        }

        @Override
        public void cancel() {
            ScheduledFuture<?> f = next;
            if (f != null) {
                f.cancel(false);
            }
            fail(new PscException(Reason.CANCELLED, Messages.get("ciba.cancelled")));
        }
    }

    // ------------------------------------------------------------------ session

    private PscIdentity establish(PscClient c, AccessTokenResponse response, Nonce nonce, String flow) throws PscException {
        if (!(response instanceof OIDCTokenResponse oidc) || oidc.getOIDCTokens().getIDToken() == null) {
            throw new PscException(Reason.INVALID_TOKEN, Messages.get("token.invalid", "id_token"));
        }
        OIDCTokens tokens = oidc.getOIDCTokens();
        IDTokenClaimsSet claims = c.validateIdToken(tokens.getIDToken(), nonce);
        Map<String, Object> info = c.userInfo(tokens, claims);
        String acr = claims.getACR().getValue();
        PscIdentity identity = ClaimsMapper.identity(info, acr);
        Tokens4 t = new Tokens4(c.settings().issuer().toString(), tokens.getAccessToken().getValue(),
                tokens.getRefreshToken() == null ? null : tokens.getRefreshToken().getValue(), tokens.getIDTokenString(),
                expiry(tokens), acr, new LinkedHashMap<>(info), identity);
        synchronized (this) {
            session = t;
            persist();
            scheduleRefresh();
        }
        record(identity.nationalId(), "psc.login", identity.nationalId(), "flow=" + flow + " acr=" + acr);
        setState(State.ACTIVE);
        return identity;
    }

    private static Instant expiry(Tokens tokens) {
        long lifetime = tokens.getAccessToken().getLifetime();
        return Instant.now().plusSeconds(lifetime > 0 ? lifetime : 300);
    }

    private void failed(State previous, String flow, String who, PscException e) {
        record(who, "psc.login.failure", who == null ? "" : who, "flow=" + flow + " reason=" + e.reason());
        setState(previous == State.AUTHENTICATING ? State.NONE : previous);
    }

    @Override
    public State state() {
        return state;
    }

    @Override
    public synchronized Optional<PscIdentity> identity() {
        return session == null ? Optional.empty() : Optional.of(session.identity());
    }

    @Override
    public synchronized String accessToken() throws PscException {
        if (session == null) {
            throw new PscException(Reason.NO_SESSION, Messages.get("session.none"));
        }
        if (Instant.now().plus(refreshMargin).isAfter(session.expiresAt())) {
            refresh();
        }
        return session.access();
    }

    @Override
    public synchronized void refresh() throws PscException {
        if (session == null) {
            throw new PscException(Reason.NO_SESSION, Messages.get("session.none"));
        }
        if (session.refresh() == null) {
            end("refresh", "no refresh token");
            throw new PscException(Reason.NO_SESSION, Messages.get("session.ended", "refresh"));
        }
        PscClient c = client();
        AccessTokenResponse response;
        try {
            response = c.token(new RefreshTokenGrant(new RefreshToken(session.refresh())));
        } catch (PscClient.ProviderError e) {
            end("refresh", e.code);
            throw new PscException(Reason.NO_SESSION, Messages.get("session.ended", e.code), e);
        }
        Tokens tokens = response.getTokens();
        String idToken = session.idToken();
        if (response instanceof OIDCTokenResponse oidc && oidc.getOIDCTokens().getIDToken() != null) {
            IDTokenClaimsSet claims = c.validateIdToken(oidc.getOIDCTokens().getIDToken(), null);
            if (!claims.getSubject().getValue().equals(session.identity().subject())) {
                end("refresh", "subject");
                throw new PscException(Reason.INVALID_TOKEN, Messages.get("token.subject"));
            }
            idToken = oidc.getOIDCTokens().getIDTokenString();
        }
        session = new Tokens4(session.issuer(), tokens.getAccessToken().getValue(),
                tokens.getRefreshToken() == null ? session.refresh() : tokens.getRefreshToken().getValue(), idToken, expiry(tokens),
                session.acr(), session.userInfo(), session.identity());
        persist();
        scheduleRefresh();
        record(session.identity().nationalId(), "psc.token.refresh", session.identity().nationalId(), "");
    }

    private void scheduleRefresh() {
        if (scheduledRefresh != null) {
            scheduledRefresh.cancel(false);
        }
        long delay = Duration.between(Instant.now(), session.expiresAt().minus(refreshMargin)).toMillis();
        if (delay > 0 && !scheduler.isShutdown()) {
            scheduledRefresh = scheduler.schedule(() -> {
                try {
                    refresh();
                } catch (PscException e) {
                    LOG.log(System.Logger.Level.INFO, "PSC background refresh: {0}", e.getMessage());
                }
            }, delay, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public ApiToken exchange(String scope) throws PscException {
        String access = accessToken();
        PscClient c = client();
        String who;
        synchronized (this) {
            who = session.identity().nationalId();
        }
        try {
            ApiToken token = c.exchange(access, scope);
            record(who, "psc.token.exchange", who, "scope=" + scope);
            return token;
        } catch (PscException e) {
            record(who, "psc.token.exchange.failure", who, "scope=" + scope + " reason=" + e.reason());
            throw e;
        }
    }

    @Override
    public void logout() {
        Tokens4 old;
        synchronized (this) {
            old = session;
            session = null;
            if (scheduledRefresh != null) {
                scheduledRefresh.cancel(false);
            }
            if (vault != null) {
                vault.clear();
            }
        }
        if (old != null) {
            try {
                client().endSession(old.refresh());
            } catch (PscException e) {
                // no settings any more: the local session is gone anyway
            }
            record(old.identity().nationalId(), "psc.logout", old.identity().nationalId(), "");
        }
        setState(State.ENDED);
    }

    private synchronized void end(String when, String why) {
        if (session != null) {
            record(session.identity().nationalId(), "psc.session.end", session.identity().nationalId(), when + ": " + why);
        }
        session = null;
        if (vault != null) {
            vault.clear();
        }
        setState(State.ENDED);
    }

    @Override
    public void addListener(Consumer<State> listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(Consumer<State> listener) {
        listeners.remove(listener);
    }

    private void setState(State newState) {
        State old = state;
        state = newState;
        if (old != newState) {
            for (Consumer<State> l : listeners) {
                try {
                    l.accept(newState);
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "PSC listener failed", e);
                }
            }
        }
    }

    private void record(String actor, String action, String subject, String detail) {
        if (audit != null) {
            audit.record(actor == null ? "system" : actor, action, subject, detail);
        }
    }

    // ------------------------------------------------------------------ storage

    private void persist() {
        if (vault == null) {
            return;
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("issuer", session.issuer());
        doc.put("access", session.access());
        doc.put("refresh", session.refresh());
        doc.put("idToken", session.idToken());
        doc.put("expiresAt", session.expiresAt().getEpochSecond());
        doc.put("acr", session.acr());
        doc.put("userinfo", session.userInfo());
        try {
            vault.save(JSONObjectUtils.toJSONString(doc));
        } catch (IOException | GeneralSecurityException e) {
            LOG.log(System.Logger.Level.WARNING, "PSC session not saved: {0}", e.getClass().getSimpleName());
        }
    }

    @SuppressWarnings("unchecked")
    private void restore() {
        try {
            Optional<String> stored = vault.load();
            if (stored.isEmpty()) {
                return;
            }
            Map<String, Object> doc = JSONObjectUtils.parse(stored.get());
            Map<String, Object> info = (Map<String, Object>) doc.get("userinfo");
            String acr = (String) doc.get("acr");
            session = new Tokens4((String) doc.get("issuer"), (String) doc.get("access"), (String) doc.get("refresh"), (String) doc.get("idToken"),
                    Instant.ofEpochSecond(((Number) doc.get("expiresAt")).longValue()), acr, info, ClaimsMapper.identity(info, acr));
            state = State.ACTIVE;
        } catch (IOException | GeneralSecurityException | ParseException | PscException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, Messages.get("vault.failed"));
            vault.clear();
            session = null;
        }
    }
}
