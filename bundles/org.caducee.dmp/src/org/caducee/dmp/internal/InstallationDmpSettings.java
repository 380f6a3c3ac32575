package org.caducee.dmp.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.caducee.core.installation.Installation;
import org.caducee.dmp.DmpException;
import org.caducee.dmp.DmpException.Kind;
import org.caducee.dmp.DmpSettings;
import org.caducee.dmp.DmpSettingsSource;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * DMP settings from the installation ({@code caducee.properties} or {@code -Dcaducee.<key>}): {@code dmp.url} (base of
 * the services, none = DMP not configured), {@code dmp.auth.keystore} (PKCS#12 of the structure's ORG AUTH_CLI
 * certificate), {@code dmp.sign.keystore} (ORG SIGN, signs the VIHF; defaults to the authentication one),
 * {@code dmp.keystore.password}, {@code dmp.truststore} + {@code dmp.truststore.password} (IGC Santé authorities),
 * {@code dmp.structure.id} (IDNST), {@code dmp.structure.sector}, {@code dmp.lps.id}, {@code dmp.homologation},
 * {@code dmp.timeout.seconds}.
 */
@Component(service = DmpSettingsSource.class, property = Constants.SERVICE_RANKING + ":Integer=0")
public final class InstallationDmpSettings implements DmpSettingsSource {

    private final Installation installation;

    @Activate
    public InstallationDmpSettings(@Reference Installation installation) {
        this.installation = installation;
    }

    private Optional<String> get(String key) {
        return installation.setting(key).map(String::trim).filter(s -> !s.isEmpty());
    }

    private String require(String key) throws DmpException {
        return get(key).orElseThrow(() -> new DmpException(Kind.NOT_CONFIGURED, Messages.get("settings.missing", key)));
    }

    @Override
    public Optional<DmpSettings> settings() throws DmpException {
        Optional<String> url = get("dmp.url");
        if (url.isEmpty()) {
            return Optional.empty();
        }
        char[] password = get("dmp.keystore.password").orElse("").toCharArray();
        try {
            KeyStore auth = load(require("dmp.auth.keystore"), password);
            KeyStore sign = get("dmp.sign.keystore").isPresent() ? load(require("dmp.sign.keystore"), password) : auth;
            KeyStore trust = load(require("dmp.truststore"), get("dmp.truststore.password").orElse("").toCharArray());
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(auth, password);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            String alias = firstKey(sign);
            PrivateKey key = (PrivateKey) sign.getKey(alias, password);
            Certificate[] chain = sign.getCertificateChain(alias);
            List<X509Certificate> certificates = Arrays.stream(chain).map(X509Certificate.class::cast).toList();
            return Optional.of(new DmpSettings(URI.create(url.get()), tls, key, certificates, require("dmp.structure.id"),
                    get("dmp.structure.sector").orElse("SA07"), get("dmp.lps.id").orElse("caducee"), "Caducée",
                    get("dmp.lps.version").orElse("0.1.0"), require("dmp.homologation"),
                    Duration.ofSeconds(Long.parseLong(get("dmp.timeout.seconds").orElse("20")))));
        } catch (IOException | GeneralSecurityException | NumberFormatException e) {
            throw new DmpException(Kind.NOT_CONFIGURED, Messages.get("settings.invalid", e.getMessage()), e);
        }
    }

    private static KeyStore load(String file, char[] password) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            store.load(in, password);
        }
        return store;
    }

    private static String firstKey(KeyStore store) throws GeneralSecurityException {
        for (String alias : java.util.Collections.list(store.aliases())) {
            if (store.isKeyEntry(alias)) {
                return alias;
            }
        }
        throw new GeneralSecurityException("no private key");
    }
}
