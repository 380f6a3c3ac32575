package org.caducee.psc.internal;

import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Optional;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.caducee.core.installation.Installation;
import org.caducee.psc.PscSettings;
import org.caducee.psc.PscSettingsProvider;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * PSC settings from the installation: {@code psc.issuer}, {@code psc.client.id}, {@code psc.client.secret},
 * {@code psc.acr}, {@code psc.truststore} (+ {@code .password}: the IGC-Santé chains to trust), {@code psc.keystore}
 * (+ {@code .password}: PKCS#12 of the structure's authentication certificate, for mutual TLS) and
 * {@code psc.token.exchange.url}.
 */
@Component(service = PscSettingsProvider.class, property = "service.ranking:Integer=0")
public final class InstallationSettingsProvider implements PscSettingsProvider {

    private static final System.Logger LOG = System.getLogger(InstallationSettingsProvider.class.getName());

    private final Installation installation;

    @Activate
    public InstallationSettingsProvider(@Reference Installation installation) {
        this.installation = installation;
    }

    @Override
    public Optional<PscSettings> settings() {
        Optional<String> issuer = installation.setting("psc.issuer");
        Optional<String> clientId = installation.setting("psc.client.id");
        if (issuer.isEmpty() || clientId.isEmpty()) {
            return Optional.empty();
        }
        try {
            KeyStore trust = load(installation.setting("psc.truststore"), installation.setting("psc.truststore.password"));
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            KeyManager[] keyManagers = null;
            X509Certificate certificate = null;
            KeyStore keys = load(installation.setting("psc.keystore"), installation.setting("psc.keystore.password"));
            if (keys != null) {
                KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(keys, installation.setting("psc.keystore.password").orElse("").toCharArray());
                keyManagers = kmf.getKeyManagers();
                for (String alias : java.util.Collections.list(keys.aliases())) {
                    if (keys.isKeyEntry(alias)) {
                        certificate = (X509Certificate) keys.getCertificate(alias);
                        break;
                    }
                }
            }
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(keyManagers, tmf.getTrustManagers(), null);
            return Optional.of(new PscSettings(URI.create(issuer.get()), clientId.get(), installation.setting("psc.client.secret").orElse(null),
                    installation.setting("psc.acr").orElse("eidas1"), ssl, certificate,
                    installation.setting("psc.token.exchange.url").map(URI::create).orElse(null)));
        } catch (Exception e) {
            LOG.log(System.Logger.Level.WARNING, Messages.get("settings.invalid", "psc.*", e.getMessage()));
            return Optional.empty();
        }
    }

    /** A PKCS#12 store, or null when not configured (the JDK's trusted roots are then used for TLS). */
    private static KeyStore load(Optional<String> path, Optional<String> password) throws Exception {
        if (path.isEmpty()) {
            return null;
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(Path.of(path.get()))) {
            store.load(in, password.orElse("").toCharArray());
        }
        return store;
    }
}
