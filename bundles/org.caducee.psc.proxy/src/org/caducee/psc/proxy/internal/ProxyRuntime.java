package org.caducee.psc.proxy.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;

import org.caducee.core.audit.AuditTrail;
import org.caducee.core.installation.Installation;
import org.caducee.psc.PscSessionFactory;
import org.caducee.psc.PscSettings;
import org.caducee.psc.PscSettingsProvider;
import org.caducee.psc.proxy.PscProxy;

/**
 * The one code path that runs a {@link PscProxy}, shared by the sandbox simulator and the production server: PSC
 * settings from the highest-ranked {@link PscSettingsProvider}, routes from {@code psc.proxy.routes}
 * ({@code name=url,name=url}), idle and maximum session times from {@code psc.proxy.idle.minutes} (30) and
 * {@code psc.proxy.max.hours} (12), expired sessions swept every minute, every trace copied to the audit trail
 * (actions {@code psc.proxy.*}; never a token).
 */
final class ProxyRuntime {

    private static final System.Logger LOG = System.getLogger(ProxyRuntime.class.getName());

    private record Ranked(PscSettingsProvider provider, int ranking) {
    }

    private final PscSessionFactory factory;
    private final Installation installation;
    private final AuditTrail audit;
    private final List<Ranked> providers = new CopyOnWriteArrayList<>();
    private PscProxy proxy;
    private URI endpoint;
    private ScheduledExecutorService sweeper;

    /** @param audit the audit trail, or null when none is available (sandbox tests) */
    ProxyRuntime(PscSessionFactory factory, Installation installation, AuditTrail audit) {
        this.factory = factory;
        this.installation = installation;
        this.audit = audit;
    }

    void addProvider(PscSettingsProvider provider, Map<String, Object> properties) {
        providers.add(new Ranked(provider, properties.get("service.ranking") instanceof Integer i ? i : 0));
    }

    void removeProvider(PscSettingsProvider provider) {
        providers.removeIf(r -> r.provider() == provider);
    }

    Optional<PscSettings> settings() {
        return providers.stream().sorted(Comparator.comparingInt(Ranked::ranking).reversed()).map(r -> r.provider().settings())
                .flatMap(Optional::stream).findFirst();
    }

    /** Starts (or restarts) the proxy; returns its base URI. */
    synchronized URI start(SSLContext serverTls, SSLContext backendTls, InetAddress address, int port, boolean requireClientCertificate)
            throws IOException {
        stop();
        Map<String, URI> routes = new LinkedHashMap<>();
        for (String route : installation.setting("psc.proxy.routes").orElse("").split(",")) {
            String[] kv = route.trim().split("=", 2);
            if (kv.length == 2) {
                routes.put(kv[0].trim(), URI.create(kv[1].trim()));
            }
        }
        PscProxy p = new PscProxy(factory, this::settings, serverTls, backendTls, routes,
                Duration.ofMinutes(number("psc.proxy.idle.minutes", 30)), Duration.ofHours(number("psc.proxy.max.hours", 12)),
                Clock.systemUTC(), this::audit);
        URI uri = p.start(address, port, requireClientCertificate);
        proxy = p;
        endpoint = uri;
        sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "psc-proxy-expiry");
            t.setDaemon(true);
            return t;
        });
        sweeper.scheduleWithFixedDelay(p::expire, 1, 1, TimeUnit.MINUTES);
        record("psc-proxy", "psc.proxy.start", "", address.getHostAddress() + ":" + p.port() + (requireClientCertificate ? " mTLS" : ""));
        return uri;
    }

    synchronized void stop() {
        if (sweeper != null) {
            sweeper.shutdownNow();
            sweeper = null;
        }
        PscProxy p = proxy;
        proxy = null;
        endpoint = null;
        if (p != null) {
            int port = p.port();
            p.stop();
            record("psc-proxy", "psc.proxy.stop", "", "port " + port);
        }
    }

    synchronized Optional<URI> endpoint() {
        return Optional.ofNullable(endpoint);
    }

    synchronized Optional<PscProxy> proxy() {
        return Optional.ofNullable(proxy);
    }

    private long number(String key, long fallback) {
        String v = installation.setting(key).orElse("").trim();
        try {
            return v.isEmpty() ? fallback : Long.parseLong(v);
        } catch (NumberFormatException e) {
            LOG.log(System.Logger.Level.WARNING, Messages.get("setting.invalid", key, v, fallback));
            return fallback;
        }
    }

    private void audit(PscProxy.Trace t) {
        record(t.nationalId() == null || t.nationalId().isBlank() ? "psc-proxy" : t.nationalId(), "psc.proxy." + t.action(),
                "proxy-session:" + t.session(), (t.detail().isBlank() ? "" : t.detail() + " ") + "HTTP " + t.status());
    }

    private void record(String actor, String action, String subject, String detail) {
        if (audit != null) {
            try {
                audit.record(actor, action, subject, detail);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, Messages.get("audit.failed", action, e.getMessage()));
            }
        }
    }
}
