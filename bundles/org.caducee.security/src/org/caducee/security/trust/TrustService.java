package org.caducee.security.trust;

import java.net.http.HttpClient;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.X509TrustManager;

/**
 * TLS towards the national services (INSi, DMP, MSSanté, Pro Santé Connect…): only the chains of the IGC Santé
 * authorities of the configured trust store are accepted (setting {@code trust.store}; in the sandbox the test PKI),
 * and the server name is always checked. A connection whose client did not turn host name verification on
 * (endpoint identification {@code HTTPS}) is refused by the trust manager itself. There is no way to trust everything.
 * <p>
 * Typical use: {@code trust.httpClient().build()} (java.net.http), {@code trust.sslContext().getSocketFactory()} for
 * {@code HttpsURLConnection}/JAX-WS/Jakarta Mail (which verify host names by default), or
 * {@code trust.sslContext(keyStore, password)} for mutual TLS with the structure's authentication certificate.
 */
public interface TrustService {

    /** A TLS 1.2/1.3 context trusting only the configured anchors, without client certificate. */
    SSLContext sslContext();

    /** As {@link #sslContext()}, presenting the key entry of {@code clientKeys} (PKCS#12 of an IGC Santé certificate). */
    SSLContext sslContext(KeyStore clientKeys, char[] keyPassword);

    /** Parameters to apply to raw {@code SSLSocket}/{@code SSLEngine}s: host name verification on, TLS 1.2+ only. */
    SSLParameters sslParameters();

    /** A {@link HttpClient} builder using {@link #sslContext()} and {@link #sslParameters()}. */
    HttpClient.Builder httpClient();

    /** The trust manager behind {@link #sslContext()}. */
    X509TrustManager trustManager();

    /** The trusted authorities. */
    List<X509Certificate> anchors();
}
