package org.caducee.ins.internal.insi;

import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.Provider;
import java.security.Security;
import java.time.Duration;
import java.util.Optional;

import org.caducee.core.installation.Installation;
import org.caducee.ins.insi.InsiAuthentication;
import org.caducee.ins.insi.InsiAuthentications;
import org.caducee.ins.insi.InsiException;
import org.caducee.ins.insi.InsiException.Kind;
import org.caducee.ins.insi.InsiSettings;
import org.caducee.ins.insi.InsiSettingsSource;
import org.caducee.ins.internal.Messages;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * INSi settings from the installation ({@code caducee.properties} or {@code -Dcaducee.<key>}):
 * <ul>
 * <li>{@code ins.insi.url} endpoint (none: INSi not configured), {@code ins.insi.idam} authorisation number,
 * {@code ins.insi.timeout.seconds};</li>
 * <li>{@code ins.insi.mode} = {@code cps} (default) or {@code organisation};</li>
 * <li>{@code ins.insi.keystore} PKCS#12 file, or {@code ins.insi.pkcs11.config} SunPKCS11 configuration (PS card
 * reader); {@code ins.insi.keystore.password} (PIN); {@code ins.insi.auth.alias}, {@code ins.insi.sign.alias};</li>
 * <li>{@code ins.insi.truststore} + {@code ins.insi.truststore.password} (PKCS#12 of the service's CA);</li>
 * <li>{@code ins.insi.ps.id} (8 + RPPS), {@code ins.insi.ps.billing}, {@code ins.insi.ps.sector} for the assertion.</li>
 * </ul>
 */
@Component(service = InsiSettingsSource.class, property = Constants.SERVICE_RANKING + ":Integer=0")
public final class InstallationInsiSettings implements InsiSettingsSource {

    private final Installation installation;
    private volatile CachedSettings cache;

    private record CachedSettings(String signature, InsiSettings settings) {
    }

    @Activate
    public InstallationInsiSettings(@Reference Installation installation) {
        this.installation = installation;
    }

    private String get(String key) {
        return installation.setting(key).map(String::trim).filter(s -> !s.isEmpty()).orElse(null);
    }

    @Override
    public Optional<InsiSettings> settings() throws InsiException {
        String url = get("ins.insi.url");
        if (url == null) {
            return Optional.empty();
        }
        String signature = String.join("|", url, String.valueOf(get("ins.insi.idam")), String.valueOf(get("ins.insi.mode")),
                String.valueOf(get("ins.insi.keystore")), String.valueOf(get("ins.insi.pkcs11.config")), String.valueOf(get("ins.insi.truststore")));
        CachedSettings c = cache;
        if (c != null && c.signature().equals(signature)) {
            return Optional.of(c.settings());
        }
        String idam = require("ins.insi.idam");
        char[] password = Optional.ofNullable(get("ins.insi.keystore.password")).orElse("").toCharArray();
        KeyStore keys = keyStore(password);
        KeyStore trust = load(Path.of(require("ins.insi.truststore")), Optional.ofNullable(get("ins.insi.truststore.password")).orElse("").toCharArray());
        String mode = Optional.ofNullable(get("ins.insi.mode")).orElse("cps");
        InsiAuthentication auth = switch (mode) {
            case "organisation" -> InsiAuthentications.organisation(keys, password, get("ins.insi.auth.alias"), trust);
            case "cps" -> InsiAuthentications.card(keys, password, require("ins.insi.auth.alias"), require("ins.insi.sign.alias"), trust,
                    require("ins.insi.ps.id"), get("ins.insi.ps.billing"), get("ins.insi.ps.sector"));
            default -> throw new InsiException(Kind.CONFIGURATION, Messages.get("insi.setting.mode", mode), null);
        };
        long timeout = Optional.ofNullable(get("ins.insi.timeout.seconds")).map(Long::parseLong).orElse(20L);
        InsiSettings s = new InsiSettings(URI.create(url), idam, "urn:lps:caducee:0.1.0", "0.1.0",
                Optional.ofNullable(get("instance.id")).orElse(installation.dataDir().toString().hashCode() + ""), auth, Duration.ofSeconds(timeout),
                InsiSettings.DEFAULT_MAX_RESPONSE_BYTES);
        cache = new CachedSettings(signature, s);
        return Optional.of(s);
    }

    private String require(String key) throws InsiException {
        String v = get(key);
        if (v == null) {
            throw new InsiException(Kind.CONFIGURATION, Messages.get("insi.setting.missing", key), null);
        }
        return v;
    }

    private KeyStore keyStore(char[] password) throws InsiException {
        String pkcs11 = get("ins.insi.pkcs11.config");
        if (pkcs11 != null) {
            try {
                Provider p = Security.getProvider("SunPKCS11").configure(pkcs11);
                KeyStore ks = KeyStore.getInstance("PKCS11", p);
                ks.load(null, password);
                return ks;
            } catch (Exception e) {
                throw new InsiException(Kind.CONFIGURATION, Messages.get("insi.card", String.valueOf(e.getMessage())), e);
            }
        }
        return load(Path.of(require("ins.insi.keystore")), password);
    }

    private static KeyStore load(Path file, char[] password) throws InsiException {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, password);
            return ks;
        } catch (Exception e) {
            throw new InsiException(Kind.CONFIGURATION, Messages.get("insi.keystore", file, String.valueOf(e.getMessage())), e);
        }
    }
}
