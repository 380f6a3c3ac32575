package org.caducee.psc;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.Objects;

import javax.net.ssl.SSLContext;

/**
 * How to reach Pro Santé Connect: the issuer (discovery at {@code <issuer>/.well-known/wallet-openid-configuration}),
 * the client registration, the requested eIDAS level, the TLS context (trusting only the IGC-Santé chains of the
 * installation; it presents the structure's authentication certificate for mutual TLS) and the endpoint of the token
 * exchange towards "API Pro Santé Connectées" (the Proxy e-santé; {@code null} = the PSC token endpoint).
 *
 * @param clientCertificate the certificate the TLS context presents, used to check certificate-bound tokens; may be null
 */
public record PscSettings(URI issuer, String clientId, String clientSecret, String acr, SSLContext sslContext,
        X509Certificate clientCertificate, URI tokenExchangeEndpoint) {

    /** Discovery path of PSC (not the standard {@code openid-configuration}). */
    public static final String DISCOVERY_PATH = "/.well-known/wallet-openid-configuration";
    /** Scope PSC expects. */
    public static final String SCOPE = "openid scope_all";

    public PscSettings {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(sslContext, "sslContext");
        acr = acr == null || acr.isBlank() ? "eidas1" : acr;
    }

    public URI discoveryUri() {
        String base = issuer.toString();
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + DISCOVERY_PATH);
    }

    @Override
    public String toString() {
        return "PscSettings[issuer=" + issuer + ", clientId=" + clientId + ", acr=" + acr + ", tokenExchange=" + tokenExchangeEndpoint + "]";
    }
}
