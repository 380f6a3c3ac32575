package org.caducee.psc.proxy.internal;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

import org.caducee.core.audit.AuditTrail;
import org.caducee.core.installation.Installation;
import org.caducee.psc.PscSessionFactory;
import org.caducee.psc.PscSettingsProvider;
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
 * The Proxy e-santé embedded in the sandbox ({@link Simulator} {@code psc-proxy}): TLS from the test PKI, everything
 * else as in production through {@link ProxyRuntime} (the PSC settings of the installation — in the sandbox, those of
 * the PSC simulator —, routes, session limits, audit).
 */
@Component(service = Simulator.class)
public final class ProxySimulator implements Simulator {

    private final ProxyRuntime runtime;

    @Activate
    public ProxySimulator(@Reference PscSessionFactory factory, @Reference Installation installation,
            @Reference(cardinality = ReferenceCardinality.OPTIONAL) AuditTrail audit) {
        this.runtime = new ProxyRuntime(factory, installation, audit);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void addProvider(PscSettingsProvider provider, Map<String, Object> properties) {
        runtime.addProvider(provider, properties);
    }

    void removeProvider(PscSettingsProvider provider) {
        runtime.removeProvider(provider);
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
    public URI start(SimulatorContext context) throws Exception {
        return runtime.start(context.pki().serverSslContext(), context.pki().clientSslContext(SandboxPki.Credential.ORGANISATION_AUTH),
                context.address(), context.port(), false);
    }

    @Override
    @Deactivate
    public void stop() {
        runtime.stop();
    }

    @Override
    public Optional<URI> endpoint() {
        return runtime.endpoint();
    }
}
