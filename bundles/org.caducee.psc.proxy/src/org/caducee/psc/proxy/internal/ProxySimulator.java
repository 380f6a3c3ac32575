package org.caducee.psc.proxy.internal;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.caducee.core.installation.Installation;
import org.caducee.psc.PscSessionFactory;
import org.caducee.psc.PscSettings;
import org.caducee.psc.PscSettingsProvider;
import org.caducee.psc.proxy.PscProxy;
import org.caducee.sandbox.SandboxPki;
import org.caducee.sandbox.Simulator;
import org.caducee.sandbox.SimulatorContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The Proxy e-santé embedded in the sandbox ({@link Simulator} {@code psc-proxy}): TLS from the test PKI, the PSC
 * settings of the installation (in the sandbox, those of the PSC simulator), routes from {@code psc.proxy.routes}
 * ({@code name=url,name=url}), idle and maximum session times from {@code psc.proxy.idle.minutes} (30) and
 * {@code psc.proxy.max.hours} (12).
 */
@Component(service = Simulator.class)
public final class ProxySimulator implements Simulator {

    private record Ranked(PscSettingsProvider provider, int ranking) {
    }

    private final PscSessionFactory factory;
    private final Installation installation;
    private final List<Ranked> providers = new CopyOnWriteArrayList<>();
    private volatile PscProxy proxy;
    private volatile URI endpoint;

    @Activate
    public ProxySimulator(@Reference PscSessionFactory factory, @Reference Installation installation) {
        this.factory = factory;
        this.installation = installation;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void addProvider(PscSettingsProvider provider, Map<String, Object> properties) {
        providers.add(new Ranked(provider, properties.get("service.ranking") instanceof Integer i ? i : 0));
    }

    void removeProvider(PscSettingsProvider provider) {
        providers.removeIf(r -> r.provider() == provider);
    }

    private Optional<PscSettings> settings() {
        return providers.stream().sorted(Comparator.comparingInt(Ranked::ranking).reversed()).map(r -> r.provider().settings())
                .flatMap(Optional::stream).findFirst();
    }

    @Override
    public String name() {
        return "psc-proxy";
    }

    @Override
    public String description() {
        return Messages.get("description");
    }

    @Override
    public synchronized URI start(SimulatorContext context) throws Exception {
        stop();
        Map<String, URI> routes = new LinkedHashMap<>();
        for (String route : installation.setting("psc.proxy.routes").orElse("").split(",")) {
            String[] kv = route.trim().split("=", 2);
            if (kv.length == 2) {
                routes.put(kv[0].trim(), URI.create(kv[1].trim()));
            }
        }
        PscProxy p = new PscProxy(factory, this::settings, context.pki().serverSslContext(),
                context.pki().clientSslContext(SandboxPki.Credential.ORGANISATION_AUTH), routes,
                Duration.ofMinutes(Long.parseLong(installation.setting("psc.proxy.idle.minutes").orElse("30"))),
                Duration.ofHours(Long.parseLong(installation.setting("psc.proxy.max.hours").orElse("12"))), Clock.systemUTC());
        endpoint = p.start(context.address(), context.port());
        proxy = p;
        return endpoint;
    }

    @Override
    @Deactivate
    public synchronized void stop() {
        PscProxy p = proxy;
        proxy = null;
        endpoint = null;
        if (p != null) {
            p.stop();
        }
    }

    @Override
    public Optional<URI> endpoint() {
        return Optional.ofNullable(endpoint);
    }
}
