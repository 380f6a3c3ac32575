package org.caducee.psc.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Supplier;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

import org.caducee.psc.ApiToken;
import org.caducee.psc.CibaLogin;
import org.caducee.psc.PscException;
import org.caducee.psc.PscSession;
import org.caducee.psc.PscSessionFactory;
import org.caducee.psc.PscSettings;
import org.caducee.psc.proxy.internal.Messages;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;

/**
 * The Proxy e-santé: the PSC client registration (secret, structure certificate) lives here, never on workstations.
 * Over HTTPS it offers {@code POST /connect} (CIBA for a national id; answers the binding code and sets the
 * {@code proxy_session_id} cookie), {@code GET /session}, {@code /send/<api>/<path>} (exchanges the PSC token for an
 * API token once per API and forwards over mutual TLS with the bound token), {@code DELETE /disconnect} and
 * {@code GET /traces}. Sessions end after an idle time or a maximum lifetime, on disconnect or on {@link #revoke}.
 * Traces never contain tokens.
 */
public final class PscProxy {

    /** Cookie naming the proxy session (as in the ANS example). */
    public static final String COOKIE = "proxy_session_id";

    /** One trace line. */
    public record Trace(Instant at, String session, String nationalId, String action, String detail, int status) {
    }

    private final PscSessionFactory factory;
    private final Supplier<Optional<PscSettings>> settings;
    private final SSLContext serverTls;
    private final SSLContext backendTls;
    private final Map<String, URI> routes;
    private final Duration idle;
    private final Duration maxLifetime;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, ProxySession> sessions = new ConcurrentHashMap<>();
    private final Deque<Trace> traces = new ArrayDeque<>();
    private final HttpClient backends;
    private final Consumer<Trace> listener;
    private HttpsServer server;

    private final class ProxySession {
        final String id;
        final PscSession psc;
        final Instant created;
        volatile Instant lastUse;
        volatile String nationalId;
        volatile CibaLogin login;
        final Map<String, ApiToken> tokens = new ConcurrentHashMap<>();

        ProxySession(String id, PscSession psc) {
            this.id = id;
            this.psc = psc;
            this.created = clock.instant();
            this.lastUse = created;
        }

        boolean expired(Instant now) {
            return now.isAfter(lastUse.plus(idle)) || now.isAfter(created.plus(maxLifetime));
        }
    }

    /**
     * @param settings the proxy's own PSC settings (its client secret and structure certificate)
     * @param serverTls TLS of the proxy towards workstations
     * @param backendTls mutual TLS towards the APIs (the structure's authentication certificate)
     * @param routes API name → base URL
     */
    public PscProxy(PscSessionFactory factory, Supplier<Optional<PscSettings>> settings, SSLContext serverTls, SSLContext backendTls,
            Map<String, URI> routes, Duration idle, Duration maxLifetime, Clock clock) {
        this(factory, settings, serverTls, backendTls, routes, idle, maxLifetime, clock, t -> {
        });
    }

    /**
     * As the other constructor, with a listener told of every trace as it is recorded (e.g. to copy it to the audit
     * trail); it must not block.
     */
    public PscProxy(PscSessionFactory factory, Supplier<Optional<PscSettings>> settings, SSLContext serverTls, SSLContext backendTls,
            Map<String, URI> routes, Duration idle, Duration maxLifetime, Clock clock, Consumer<Trace> listener) {
        this.listener = listener;
        this.factory = factory;
        this.settings = settings;
        this.serverTls = serverTls;
        this.backendTls = backendTls;
        this.routes = Map.copyOf(routes);
        this.idle = idle;
        this.maxLifetime = maxLifetime;
        this.clock = clock;
        this.backends = HttpClient.newBuilder().sslContext(backendTls).connectTimeout(Duration.ofSeconds(10)).build();
    }

    public synchronized URI start(InetAddress address, int port) throws IOException {
        return start(address, port, false);
    }

    /**
     * Listens on {@code address:port} (0 = any free port).
     *
     * @param requireClientCertificate when true, workstations must present a certificate the server TLS context trusts
     */
    public synchronized URI start(InetAddress address, int port, boolean requireClientCertificate) throws IOException {
        server = HttpsServer.create(new InetSocketAddress(address, port), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(serverTls) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters p = getSSLContext().getDefaultSSLParameters();
                p.setNeedClientAuth(requireClientCertificate);
                params.setSSLParameters(p);
            }
        });
        server.setExecutor(Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "psc-proxy");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", this::handle);
        server.start();
        return URI.create("https://localhost:" + server.getAddress().getPort());
    }

    /** The port the proxy listens on, or -1 when stopped. */
    public synchronized int port() {
        return server == null ? -1 : server.getAddress().getPort();
    }

    public synchronized void stop() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
        sessions.values().forEach(s -> factory.close(s.psc));
        sessions.clear();
    }

    /** Ends a session (administrator action); false when unknown. */
    public boolean revoke(String sessionId) {
        ProxySession s = sessions.remove(sessionId);
        if (s == null) {
            return false;
        }
        factory.close(s.psc);
        trace(s, "revoke", "", 200);
        return true;
    }

    /** The most recent traces, oldest first (at most 1000 are kept). */
    public List<Trace> traces() {
        synchronized (traces) {
            return new ArrayList<>(traces);
        }
    }

    /** Ends the sessions that are idle or too old; returns how many. */
    public int expire() {
        Instant now = clock.instant();
        int n = 0;
        for (ProxySession s : List.copyOf(sessions.values())) {
            if (s.expired(now) && sessions.remove(s.id, s)) {
                factory.close(s.psc);
                trace(s, "expire", "", 200);
                n++;
            }
        }
        return n;
    }

    // ------------------------------------------------------------------ HTTP

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            expire();
            String path = ex.getRequestURI().getPath();
            String method = ex.getRequestMethod();
            if (path.equals("/connect") && method.equals("POST")) {
                connect(ex);
            } else if (path.equals("/session") && method.equals("GET")) {
                status(ex);
            } else if (path.equals("/disconnect") && method.equals("DELETE")) {
                disconnect(ex);
            } else if (path.equals("/traces") && method.equals("GET")) {
                List<Map<String, Object>> out = new ArrayList<>();
                for (Trace t : traces()) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("at", t.at().toString());
                    m.put("session", t.session());
                    m.put("nationalId", t.nationalId());
                    m.put("action", t.action());
                    m.put("detail", t.detail());
                    m.put("status", t.status());
                    out.add(m);
                }
                json(ex, 200, Map.of("traces", out));
            } else if (path.startsWith("/send/")) {
                send(ex, path.substring("/send/".length()));
            } else {
                json(ex, 404, Map.of("error", "not_found"));
            }
        } catch (RuntimeException e) {
            json(ex, 500, Map.of("error", "server_error", "message", String.valueOf(e.getMessage())));
        }
    }

    private void connect(HttpExchange ex) throws IOException {
        Map<String, String> form = form(ex);
        String nationalId = form.get("nationalId");
        PscSession.Channel channel = "CARD".equals(form.get("channel")) ? PscSession.Channel.CARD : PscSession.Channel.MOBILE;
        Optional<PscSettings> s = settings.get();
        if (s.isEmpty()) {
            json(ex, 503, Map.of("error", "unavailable", "message", Messages.get("error.unavailable")));
            return;
        }
        if (nationalId == null || !nationalId.matches("\\d{9,12}")) {
            json(ex, 400, Map.of("error", "invalid_request", "message", Messages.get("error.nationalId")));
            return;
        }
        byte[] b = new byte[32];
        random.nextBytes(b);
        ProxySession session = new ProxySession(Base64.getUrlEncoder().withoutPadding().encodeToString(b), factory.create(s.get()));
        session.nationalId = nationalId;
        try {
            session.login = session.psc.loginWithCiba(nationalId, channel);
        } catch (PscException e) {
            factory.close(session.psc);
            trace(session, "connect", e.reason().name(), 403);
            json(ex, 403, Map.of("error", e.reason().name().toLowerCase(), "message", e.getMessage()));
            return;
        }
        sessions.put(session.id, session);
        trace(session, "connect", "channel=" + channel, 202);
        ex.getResponseHeaders().add("Set-Cookie", COOKIE + "=" + session.id + "; Path=/; Secure; HttpOnly; SameSite=Strict");
        json(ex, 202, Map.of("bindingMessage", session.login.bindingMessage(), "state", "PENDING"));
    }

    private Optional<ProxySession> session(HttpExchange ex) {
        String cookies = ex.getRequestHeaders().getFirst("Cookie");
        if (cookies == null) {
            return Optional.empty();
        }
        for (String c : cookies.split(";")) {
            String[] kv = c.trim().split("=", 2);
            if (kv.length == 2 && kv[0].equals(COOKIE)) {
                ProxySession s = sessions.get(kv[1]);
                if (s != null) {
                    s.lastUse = clock.instant();
                }
                return Optional.ofNullable(s);
            }
        }
        return Optional.empty();
    }

    private String state(ProxySession s) {
        CompletableFutureState st = CompletableFutureState.of(s.login);
        return st.name();
    }

    /** State of the CIBA login behind a proxy session. */
    private enum CompletableFutureState {
        PENDING, ACTIVE, FAILED;

        static CompletableFutureState of(CibaLogin login) {
            var f = login.result().toCompletableFuture();
            return !f.isDone() ? PENDING : f.isCompletedExceptionally() ? FAILED : ACTIVE;
        }
    }

    private void status(HttpExchange ex) throws IOException {
        Optional<ProxySession> s = session(ex);
        if (s.isEmpty()) {
            json(ex, 401, Map.of("error", "no_session", "message", Messages.get("error.noSession")));
            return;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("state", state(s.get()));
        m.put("nationalId", s.get().nationalId);
        m.put("expiresAt", s.get().created.plus(maxLifetime).toString());
        json(ex, 200, m);
    }

    private void disconnect(HttpExchange ex) throws IOException {
        Optional<ProxySession> s = session(ex);
        if (s.isEmpty()) {
            json(ex, 401, Map.of("error", "no_session", "message", Messages.get("error.noSession")));
            return;
        }
        sessions.remove(s.get().id);
        factory.close(s.get().psc);
        trace(s.get(), "disconnect", "", 200);
        json(ex, 200, Map.of("state", "ENDED"));
    }

    private void send(HttpExchange ex, String rest) throws IOException {
        Optional<ProxySession> found = session(ex);
        if (found.isEmpty()) {
            json(ex, 401, Map.of("error", "no_session", "message", Messages.get("error.noSession")));
            return;
        }
        ProxySession s = found.get();
        int slash = rest.indexOf('/');
        String api = slash < 0 ? rest : rest.substring(0, slash);
        String tail = slash < 0 ? "" : rest.substring(slash);
        URI base = routes.get(api);
        if (base == null) {
            json(ex, 404, Map.of("error", "unknown_api", "message", Messages.get("error.unknownRoute", api)));
            return;
        }
        if (!"ACTIVE".equals(state(s))) {
            json(ex, 409, Map.of("error", "pending", "message", Messages.get("error.pending")));
            return;
        }
        ApiToken token;
        try {
            token = s.tokens.get(api);
            if (token == null || token.expiresAt().isBefore(clock.instant().plusSeconds(60))) {
                token = s.psc.exchange(api);
                s.tokens.put(api, token);
                trace(s, "exchange", "api=" + api, 200);
            }
        } catch (PscException e) {
            trace(s, "exchange", "api=" + api + " " + e.reason(), 502);
            json(ex, e.reason() == PscException.Reason.NO_SESSION ? 401 : 502, Map.of("error", "exchange_failed", "message", e.getMessage()));
            return;
        }
        String query = ex.getRequestURI().getRawQuery();
        URI target = URI.create(base.toString().replaceAll("/$", "") + tail + (query == null ? "" : "?" + query));
        byte[] body;
        try (InputStream in = ex.getRequestBody()) {
            body = in.readAllBytes();
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(target).header("Authorization", "Bearer " + token.value())
                .method(ex.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        String type = ex.getRequestHeaders().getFirst("Content-Type");
        if (type != null) {
            request.header("Content-Type", type);
        }
        HttpResponse<byte[]> response;
        try {
            response = backends.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            trace(s, "send", "api=" + api + " " + e.getClass().getSimpleName(), 502);
            json(ex, 502, Map.of("error", "bad_gateway", "message", Messages.get("error.backend", api, e.getMessage())));
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        trace(s, "send", ex.getRequestMethod() + " " + api + tail, response.statusCode());
        response.headers().firstValue("Content-Type").ifPresent(v -> ex.getResponseHeaders().set("Content-Type", v));
        ex.sendResponseHeaders(response.statusCode(), response.body().length == 0 ? -1 : response.body().length);
        if (response.body().length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(response.body());
            }
        }
    }

    private void trace(ProxySession s, String action, String detail, int status) {
        Trace t = new Trace(clock.instant(), s.id.substring(0, 8), s.nationalId, action, detail, status);
        synchronized (traces) {
            traces.addLast(t);
            while (traces.size() > 1000) {
                traces.removeFirst();
            }
        }
        try {
            listener.accept(t);
        } catch (RuntimeException e) {
            System.getLogger(PscProxy.class.getName()).log(System.Logger.Level.WARNING, "trace listener failed", e);
        }
    }

    private static Map<String, String> form(HttpExchange ex) throws IOException {
        Map<String, String> out = new HashMap<>();
        try (InputStream in = ex.getRequestBody()) {
            String raw = new String(in.readNBytes(16 * 1024), StandardCharsets.UTF_8);
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
}
