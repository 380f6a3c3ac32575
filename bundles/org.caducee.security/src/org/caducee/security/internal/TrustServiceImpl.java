package org.caducee.security.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

import org.caducee.core.installation.Installation;
import org.caducee.security.trust.TrustAnchors;
import org.caducee.security.trust.TrustService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Trust store from the setting {@code trust.store} (PKCS#12 or JKS with {@code trust.store.password}, or a PEM file
 * of certificates), else from a {@link TrustAnchors} service (the sandbox's test PKI). PKIX validation of the JDK, then
 * a refusal of any server connection made without host name verification.
 */
@Component(service = TrustService.class)
public class TrustServiceImpl implements TrustService {

    static final String[] PROTOCOLS = { "TLSv1.3", "TLSv1.2" };

    private final KeyStore anchors;
    private final X509ExtendedTrustManager trustManager;

    @Activate
    public TrustServiceImpl(@Reference Installation installation,
            @Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY) TrustAnchors provided) {
        this(load(installation, provided));
    }

    public TrustServiceImpl(KeyStore anchors) {
        this.anchors = anchors;
        this.trustManager = new HostnameEnforcing(pkix(anchors));
    }

    private static KeyStore load(Installation installation, TrustAnchors provided) {
        Optional<String> file = installation.setting("trust.store");
        if (file.isPresent()) {
            Path path = Path.of(file.get());
            if (!path.isAbsolute()) {
                path = installation.dataDir().resolve(path);
            }
            return read(path, installation.setting("trust.store.password").orElse(""));
        }
        if (provided != null && installation.sandbox()) {
            return provided.trustStore();
        }
        throw new IllegalStateException(Messages.get("trust.none"));
    }

    /** Reads a PKCS#12/JKS trust store, or a PEM file of certificates. */
    public static KeyStore read(Path path, String password) {
        try {
            byte[] bytes = Files.readAllBytes(path);
            String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
            if (name.endsWith(".pem") || name.endsWith(".crt") || name.endsWith(".cer")) {
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(null, null);
                CertificateFactory cf = CertificateFactory.getInstance("X.509");
                int i = 0;
                try (InputStream in = Files.newInputStream(path)) {
                    for (Certificate c : cf.generateCertificates(in)) {
                        store.setCertificateEntry("ac-" + i++, c);
                    }
                }
                return store;
            }
            KeyStore store = KeyStore.getInstance(name.endsWith(".jks") ? "JKS" : "PKCS12");
            try (InputStream in = new java.io.ByteArrayInputStream(bytes)) {
                store.load(in, password.toCharArray());
            }
            return store;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(Messages.get("trust.unreadable", path, e.getMessage()), e);
        }
    }

    private static X509ExtendedTrustManager pkix(KeyStore anchors) {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
            tmf.init(anchors);
            for (TrustManager tm : tmf.getTrustManagers()) {
                if (tm instanceof X509ExtendedTrustManager x) {
                    return x;
                }
            }
            throw new IllegalStateException("PKIX");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(Messages.get("trust.unreadable", "?", e.getMessage()), e);
        }
    }

    @Override
    public SSLContext sslContext() {
        return context(null);
    }

    @Override
    public SSLContext sslContext(KeyStore clientKeys, char[] keyPassword) {
        try {
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(clientKeys, keyPassword);
            return context(kmf);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(Messages.get("trust.clientKey", e.getMessage()), e);
        }
    }

    private SSLContext context(KeyManagerFactory kmf) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf == null ? null : kmf.getKeyManagers(), new TrustManager[] { trustManager }, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public SSLParameters sslParameters() {
        SSLParameters parameters = new SSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        parameters.setProtocols(PROTOCOLS.clone());
        return parameters;
    }

    @Override
    public HttpClient.Builder httpClient() {
        return HttpClient.newBuilder().sslContext(sslContext()).sslParameters(sslParameters());
    }

    @Override
    public X509TrustManager trustManager() {
        return trustManager;
    }

    @Override
    public List<X509Certificate> anchors() {
        List<X509Certificate> out = new ArrayList<>();
        try {
            for (String alias : Collections.list(anchors.aliases())) {
                if (anchors.getCertificate(alias) instanceof X509Certificate x) {
                    out.add(x);
                }
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    /**
     * Delegates to PKIX, and refuses to validate a server for a connection that does not verify the host name (no
     * endpoint identification algorithm), or when it cannot tell (no socket or engine).
     */
    static final class HostnameEnforcing extends X509ExtendedTrustManager {
        private final X509ExtendedTrustManager delegate;

        HostnameEnforcing(X509ExtendedTrustManager delegate) {
            this.delegate = delegate;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            if (!(socket instanceof SSLSocket ssl) || !verifiesHost(ssl.getSSLParameters())) {
                throw new CertificateException(Messages.get("trust.noHostCheck"));
            }
            delegate.checkServerTrusted(chain, authType, socket);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            if (engine == null || !verifiesHost(engine.getSSLParameters())) {
                throw new CertificateException(Messages.get("trust.noHostCheck"));
            }
            delegate.checkServerTrusted(chain, authType, engine);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException(Messages.get("trust.noHostCheck"));
        }

        private static boolean verifiesHost(SSLParameters parameters) {
            String algorithm = parameters.getEndpointIdentificationAlgorithm();
            return algorithm != null && !algorithm.isEmpty();
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            delegate.checkClientTrusted(chain, authType, socket);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            delegate.checkClientTrusted(chain, authType, engine);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            delegate.checkClientTrusted(chain, authType);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return delegate.getAcceptedIssuers();
        }
    }
}
