package org.caducee.psc.proxy.internal;

import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Map;
import java.util.Optional;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

import org.caducee.core.audit.AuditTrail;
import org.caducee.core.installation.Installation;
import org.caducee.psc.PscSessionFactory;
import org.caducee.psc.PscSettingsProvider;
import org.caducee.security.trust.TrustService;
import org.osgi.service.component.ComponentServiceObjects;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The Proxy e-santé of a practice or a hosting provider. It starts when the installation sets {@code psc.proxy.port}
 * and listens on {@code psc.proxy.bind} (default {@code 127.0.0.1}) with the server certificate of
 * {@code psc.proxy.keystore} (+ {@code .password}, PKCS#12). When {@code psc.proxy.client.truststore} (+
 * {@code .password}) is set, workstations must present a certificate it trusts. The PSC client registration is read
 * from the {@code psc.*} settings of this installation only; calls to the APIs use mutual TLS with
 * {@code psc.keystore} and trust only {@code trust.store}. Runs through {@link ProxyRuntime}, as the sandbox simulator.
 */
@Component(immediate = true)
public final class ProxyServer {

    private static final System.Logger LOG = System.getLogger(ProxyServer.class.getName());

    private final ProxyRuntime runtime;
    private final ComponentServiceObjects<TrustService> trustObjects;
    private TrustService trust;

    /** The trust service is only obtained when the proxy is configured (a workstation without trust store stays quiet). */
    @Activate
    public ProxyServer(@Reference PscSessionFactory factory, @Reference Installation installation, @Reference AuditTrail audit,
            @Reference ComponentServiceObjects<TrustService> trustObjects) {
        this.runtime = new ProxyRuntime(factory, installation, audit);
        this.trustObjects = trustObjects;
        Optional<String> port = installation.setting("psc.proxy.port").map(String::trim).filter(s -> !s.isEmpty());
        if (port.isEmpty()) {
            LOG.log(System.Logger.Level.DEBUG, Messages.get("server.disabled"));
            return;
        }
        String bind = installation.setting("psc.proxy.bind").map(String::trim).filter(s -> !s.isEmpty()).orElse("127.0.0.1");
        try {
            KeyStore serverKeys = load(installation, "psc.proxy.keystore")
                    .orElseThrow(() -> new IllegalStateException(Messages.get("server.keystoreMissing")));
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(serverKeys, password(installation, "psc.proxy.keystore"));
            Optional<KeyStore> clients = load(installation, "psc.proxy.client.truststore");
            TrustManager[] trustManagers = null;
            if (clients.isPresent()) {
                TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(clients.get());
                trustManagers = tmf.getTrustManagers();
            }
            SSLContext serverTls = SSLContext.getInstance("TLS");
            serverTls.init(kmf.getKeyManagers(), trustManagers, null);
            trust = trustObjects.getService();
            if (trust == null) {
                throw new IllegalStateException(Messages.get("server.trust"));
            }
            Optional<KeyStore> structure = load(installation, "psc.keystore");
            SSLContext backendTls = structure.isPresent() ? trust.sslContext(structure.get(), password(installation, "psc.keystore"))
                    : trust.sslContext();
            var uri = runtime.start(serverTls, backendTls, InetAddress.getByName(bind), Integer.parseInt(port.get()), clients.isPresent());
            LOG.log(System.Logger.Level.INFO, Messages.get("server.started", bind + ":" + runtime.proxy().map(p -> p.port()).orElse(-1), uri));
        } catch (Exception e) {
            runtime.stop();
            audit.record("psc-proxy", "psc.proxy.start.failure", "", String.valueOf(e.getMessage()));
            LOG.log(System.Logger.Level.ERROR, Messages.get("server.failed", bind + ":" + port.get(), e.getMessage()), e);
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void addProvider(PscSettingsProvider provider, Map<String, Object> properties) {
        runtime.addProvider(provider, properties);
    }

    void removeProvider(PscSettingsProvider provider) {
        runtime.removeProvider(provider);
    }

    @Deactivate
    void deactivate() {
        boolean running = runtime.proxy().isPresent();
        runtime.stop();
        if (trust != null) {
            trustObjects.ungetService(trust);
            trust = null;
        }
        if (running) {
            LOG.log(System.Logger.Level.INFO, Messages.get("server.stopped"));
        }
    }

    private static char[] password(Installation installation, String key) {
        return installation.setting(key + ".password").orElse("").toCharArray();
    }

    private static Optional<KeyStore> load(Installation installation, String key) throws Exception {
        Optional<String> path = installation.setting(key).map(String::trim).filter(s -> !s.isEmpty());
        if (path.isEmpty()) {
            return Optional.empty();
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(Path.of(path.get()))) {
            store.load(in, password(installation, key));
        }
        return Optional.of(store);
    }
}
