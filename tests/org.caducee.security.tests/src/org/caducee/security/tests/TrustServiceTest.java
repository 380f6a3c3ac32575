package org.caducee.security.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.caducee.security.internal.TrustServiceImpl;
import org.caducee.security.trust.TrustService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Only chains of the configured authorities, with the right host name, are accepted; nothing else. */
class TrustServiceTest {

    private KeyPair rootKeys;
    private X509Certificate root;
    private TrustService trust;
    private Server server;

    @BeforeEach
    void setUp() throws Exception {
        rootKeys = keys();
        root = certificate("CN=TEST AC RACINE IGC-SANTE ELEMENTAIRE", rootKeys, "CN=TEST AC RACINE IGC-SANTE ELEMENTAIRE", rootKeys, true);
        KeyStore anchors = KeyStore.getInstance("PKCS12");
        anchors.load(null, null);
        anchors.setCertificateEntry("racine", root);
        trust = new TrustServiceImpl(anchors);
    }

    @AfterEach
    void tearDown() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aServerCertifiedByTheConfiguredAuthorityForThisHostIsAccepted() throws Exception {
        server = new Server(serverContext(true, "localhost"));
        HttpResponse<String> response = get(trust.httpClient().connectTimeout(Duration.ofSeconds(10)).build(), "localhost");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("ok");
        assertThat(trust.anchors()).containsExactly(root);
    }

    @Test
    void aSelfSignedServerIsRefused() throws Exception {
        server = new Server(serverContext(false, "localhost"));
        assertThatThrownBy(() -> get(trust.httpClient().build(), "localhost")).isInstanceOf(IOException.class);
    }

    @Test
    void aServerCertifiedForAnotherHostNameIsRefused() throws Exception {
        server = new Server(serverContext(true, "insi.example.fr"));
        assertThatThrownBy(() -> get(trust.httpClient().build(), "localhost")).isInstanceOf(IOException.class);
    }

    @Test
    void aClientThatDoesNotVerifyTheHostNameIsRefusedByTheTrustManagerItself() throws Exception {
        server = new Server(serverContext(true, "insi.example.fr"));
        try (SSLSocket socket = (SSLSocket) trust.sslContext().getSocketFactory().createSocket(InetAddress.getLoopbackAddress(), server.port())) {
            assertThatThrownBy(socket::startHandshake).isInstanceOf(IOException.class);
        }
        try (SSLSocket socket = (SSLSocket) trust.sslContext().getSocketFactory().createSocket("localhost", server.port())) {
            socket.setSSLParameters(trust.sslParameters());
            assertThatThrownBy(socket::startHandshake).as("nom d’hôte différent").isInstanceOf(IOException.class);
        }
        assertThatThrownBy(() -> trust.trustManager().checkServerTrusted(new X509Certificate[] { root }, "ECDHE_ECDSA"))
                .hasMessageContaining("vérification du nom du serveur");
    }

    private HttpResponse<String> get(HttpClient client, String host) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("https://" + host + ":" + server.port() + "/")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private SSLContext serverContext(boolean issuedByRoot, String dnsName) throws Exception {
        KeyPair serverKeys = keys();
        X509Certificate cert = issuedByRoot
                ? certificate("CN=" + dnsName, serverKeys, root.getSubjectX500Principal().getName(), rootKeys, false, dnsName)
                : certificate("CN=" + dnsName, serverKeys, "CN=" + dnsName, serverKeys, false, dnsName);
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("serveur", serverKeys.getPrivate(), "x".toCharArray(),
                issuedByRoot ? new X509Certificate[] { cert, root } : new X509Certificate[] { cert });
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "x".toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        return context;
    }

    private static KeyPair keys() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(256);
        return g.generateKeyPair();
    }

    private static X509Certificate certificate(String subject, KeyPair subjectKeys, String issuer, KeyPair issuerKeys, boolean ca,
            String... dnsNames) throws Exception {
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(new X500Name(issuer), BigInteger.valueOf(now.toEpochMilli()),
                Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(30))), new X500Name(subject), subjectKeys.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        builder.addExtension(Extension.keyUsage, true,
                new KeyUsage(ca ? KeyUsage.keyCertSign | KeyUsage.cRLSign : KeyUsage.digitalSignature | KeyUsage.keyAgreement));
        if (dnsNames.length > 0) {
            GeneralName[] names = new GeneralName[dnsNames.length];
            for (int i = 0; i < dnsNames.length; i++) {
                names[i] = new GeneralName(GeneralName.dNSName, dnsNames[i]);
            }
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
        }
        return new JcaX509CertificateConverter().getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate())));
    }

    /** A minimal HTTPS server on loopback answering "ok" to every request. */
    private static final class Server implements AutoCloseable {
        private final SSLServerSocket socket;
        private final Thread thread;

        Server(SSLContext context) throws IOException {
            socket = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 10, InetAddress.getLoopbackAddress());
            thread = new Thread(this::serve, "serveur-tls-test");
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        private void serve() {
            while (!socket.isClosed()) {
                try (SSLSocket client = (SSLSocket) socket.accept()) {
                    client.setSoTimeout(10_000);
                    BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
                    String line;
                    while ((line = in.readLine()) != null && !line.isEmpty()) {
                        // headers
                    }
                    OutputStream out = client.getOutputStream();
                    out.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                } catch (IOException e) {
                    // refused handshakes end here
                }
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
