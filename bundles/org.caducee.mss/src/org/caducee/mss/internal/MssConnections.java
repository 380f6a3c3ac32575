package org.caducee.mss.internal;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

import org.caducee.core.installation.Installation;
import org.caducee.mss.AccessTokenSupplier;
import org.caducee.mss.MssAccount;
import org.caducee.mss.MssAccount.AuthMethod;
import org.caducee.mss.MssAccount.TransportSecurity;
import org.caducee.mss.MssAccountProvider;
import org.caducee.mss.MssAutoConfiguration;
import org.caducee.mss.MssException;
import org.caducee.mss.MssException.Kind;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The installation's MSSanté account and its connections: settings ({@code mss.*}) first, then the
 * {@link MssAccountProvider} (sandbox), then auto-configuration from the address.
 */
@Component(service = { MssConnections.class, MssAutoConfiguration.class })
public class MssConnections implements MssAutoConfiguration {

    static final int DEFAULT_TIMEOUT = 30_000;

    private final Installation installation;
    private final AutoConfigurator discovery;
    private volatile AccessTokenSupplier tokens;
    private volatile MssAccountProvider provider;

    @Activate
    public MssConnections(@Reference Installation installation) {
        this(installation, new AutoConfigurator(null));
    }

    public MssConnections(Installation installation, AutoConfigurator discovery) {
        this.installation = installation;
        this.discovery = discovery;
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    public void setTokens(AccessTokenSupplier tokens) {
        this.tokens = tokens;
    }

    public void unsetTokens(AccessTokenSupplier tokens) {
        if (this.tokens == tokens) {
            this.tokens = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    public void setProvider(MssAccountProvider provider) {
        this.provider = provider;
    }

    public void unsetProvider(MssAccountProvider provider) {
        if (this.provider == provider) {
            this.provider = null;
        }
    }

    Optional<String> setting(String key) {
        return installation.setting(key).map(String::trim).filter(s -> !s.isEmpty());
    }

    /** A connector on the configured account. */
    public MailConnector connector() throws MssException {
        MssAccount account = configuredAccount();
        return new MailConnector(account, tls(), tokens, timeoutMillis());
    }

    /** Threads processing received messages ({@code mss.reception.threads}, default: processors, at most 4). */
    int receptionThreads() {
        return Math.max(1, intSetting("mss.reception.threads", Math.min(4, Runtime.getRuntime().availableProcessors())));
    }

    /** Connection and read timeout of the mail sessions ({@code mss.timeout.ms}, default 30 s). */
    int timeoutMillis() {
        return intSetting("mss.timeout.ms", DEFAULT_TIMEOUT);
    }

    /** The configured error mailbox (reports of integration failures when no MDN was asked). */
    public Optional<String> errorMailbox() {
        return setting("mss.error.mailbox");
    }

    /** {@code X-MSS-NIL}: the software identification number given by the ANS convergence portal. */
    public String softwareNumber() {
        return setting("mss.nil").orElse("CADUCEE-0.1");
    }

    public Optional<String> displayName() {
        return setting("mss.display.name");
    }

    /** Largest message fetched and analysed (bytes), default 50 MB. */
    public long maxMessageSize() {
        return setting("mss.max.message.size").map(Long::parseLong).orElse(50L * 1024 * 1024);
    }

    /** Base URL of the Annuaire Santé FHIR API: setting {@code mss.directory.url}, else the account provider's. */
    public Optional<java.net.URI> directoryUrl() {
        Optional<String> url = setting("mss.directory.url");
        if (url.isPresent()) {
            return url.map(java.net.URI::create);
        }
        MssAccountProvider p = provider;
        return p == null ? Optional.empty() : p.directoryUrl();
    }

    /** The public extract of MSSanté mailboxes: setting {@code mss.directory.extract.file}, else the account provider's. */
    public Optional<Path> directoryExtract() {
        Optional<String> file = setting("mss.directory.extract.file");
        if (file.isPresent()) {
            return file.map(Path::of);
        }
        MssAccountProvider p = provider;
        return p == null ? Optional.empty() : p.directoryExtract();
    }

    /** {@code ESANTE-API-KEY}. */
    public Optional<String> directoryApiKey() {
        Optional<String> key = setting("mss.directory.apikey");
        MssAccountProvider p = provider;
        return key.isPresent() || p == null ? key : p.directoryApiKey();
    }

    /**
     * TLS for the directory: the public API is served with a public web certificate (JDK trust store); a directory
     * given by the account provider (sandbox) is trusted through the provider's authorities.
     */
    public javax.net.ssl.SSLContext directorySslContext() throws MssException {
        if (setting("mss.directory.url").isEmpty() && provider != null && provider.directoryUrl().isPresent()) {
            return tls().context(false);
        }
        try {
            return javax.net.ssl.SSLContext.getDefault();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new MssException(Kind.CONFIGURATION, e.getMessage(), e);
        }
    }

    TlsMaterial tls() throws MssException {
        MssAccountProvider p = provider;
        Optional<Path> trust = setting("mss.truststore").map(Path::of);
        String trustPassword = setting("mss.truststore.password").orElse(null);
        if (trust.isEmpty() && p != null) {
            trust = p.trustStore();
            trustPassword = p.trustStorePassword().orElse(null);
        }
        if (trust.isEmpty()) {
            throw new MssException(Kind.CONFIGURATION, Messages.get("config.noTrustStore"));
        }
        Path key = setting("mss.keystore").map(Path::of).orElse(null);
        return TlsMaterial.load(trust.get(), trustPassword, key, setting("mss.keystore.password").orElse(null));
    }

    @Override
    public MssAccount configuredAccount() throws MssException {
        MssAccountProvider p = provider;
        Optional<String> address = setting("mss.address");
        if (address.isEmpty() && p != null) {
            address = Optional.of(p.account().address());
        }
        String addr = address.orElseThrow(() -> new MssException(Kind.CONFIGURATION, Messages.get("config.noAddress")));
        if (addr.indexOf('@') <= 0) {
            throw new MssException(Kind.CONFIGURATION, Messages.get("config.badAddress", addr));
        }
        AuthMethod auth = enumSetting("mss.auth", AuthMethod.class).orElse(null);
        TransportSecurity security = enumSetting("mss.security", TransportSecurity.class).orElse(null);
        Optional<String> imapHost = setting("mss.imap.host");
        if (imapHost.isPresent()) {
            TransportSecurity s = security == null ? TransportSecurity.STARTTLS : security;
            boolean implicit = s == TransportSecurity.IMPLICIT_TLS;
            return new MssAccount(addr, imapHost.get(), intSetting("mss.imap.port", implicit ? 993 : 143),
                    setting("mss.smtp.host").orElse(imapHost.get()), intSetting("mss.smtp.port", implicit ? 465 : 587), s,
                    auth == null ? AuthMethod.OAUTHBEARER : auth);
        }
        if (p != null && p.account().address().equalsIgnoreCase(addr)) {
            MssAccount a = p.account();
            return auth == null ? a : new MssAccount(a.address(), a.imapHost(), a.imapPort(), a.smtpHost(), a.smtpPort(), a.security(), auth);
        }
        return discover(addr, auth == null ? AuthMethod.OAUTHBEARER : auth)
                .orElseThrow(() -> new MssException(Kind.CONFIGURATION, Messages.get("config.notFound", addr)));
    }

    @Override
    public Optional<MssAccount> discover(String address, AuthMethod auth) {
        Optional<String> url = setting("mss.autoconfig.url");
        return discovery.discover(address, auth, url.orElse(null), tlsQuietly());
    }

    private TlsMaterial tlsQuietly() {
        try {
            return tls();
        } catch (MssException e) {
            return null;
        }
    }

    private int intSetting(String key, int fallback) {
        return setting(key).map(v -> {
            try {
                return Integer.parseInt(v);
            } catch (NumberFormatException e) {
                return fallback;
            }
        }).orElse(fallback);
    }

    private <E extends Enum<E>> Optional<E> enumSetting(String key, Class<E> type) throws MssException {
        Optional<String> v = setting(key);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        String norm = v.get().toUpperCase(Locale.ROOT).replace('-', '_');
        if (norm.equals("TLS") || norm.equals("SSL") || norm.equals("IMPLICIT")) {
            norm = "IMPLICIT_TLS";
        }
        try {
            return Optional.of(Enum.valueOf(type, norm));
        } catch (IllegalArgumentException e) {
            throw new MssException(Kind.CONFIGURATION, Messages.get("config.badValue", key, v.get()));
        }
    }
}
