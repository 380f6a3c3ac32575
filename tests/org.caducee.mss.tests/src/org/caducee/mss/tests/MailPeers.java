package org.caducee.mss.tests;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.caducee.sandbox.SandboxPki;

/**
 * Throw-away Dovecot (IMAP with required STARTTLS, LMTP, SASL OAUTHBEARER/XOAUTH2 validated by token introspection)
 * and Postfix (submission with required STARTTLS, SASL through Dovecot, delivery to Dovecot by LMTP) on loopback, each
 * with its own configuration and directories under one temporary folder, certificates from the sandbox test PKI.
 * Nothing under {@code /etc} is read or changed. The binaries are given by the system properties
 * {@value #DOVECOT_PROPERTY} and {@value #POSTFIX_PROPERTY} ({@code tests/run.sh} sets them when the Debian
 * packages are installed); Postfix needs root.
 */
final class MailPeers implements AutoCloseable {

    static final String DOVECOT_PROPERTY = "caducee.test.dovecot";
    static final String POSTFIX_PROPERTY = "caducee.test.postfix";
    /** The mail domain served by the peers; a mailbox is {@code <PSC national id>@DOMAIN}. */
    static final String DOMAIN = "mssante.caducee.test";

    private final Path dir;
    private final String dovecot;
    private final String postfix;
    final int imapPort;
    final int submissionPort;
    private final int lmtpPort;
    private final int authPort;

    /**
     * Why the peers cannot run here, or empty when they can (binaries given and executable, running as root).
     */
    static Optional<String> unavailable() {
        String d = System.getProperty(DOVECOT_PROPERTY, "");
        String p = System.getProperty(POSTFIX_PROPERTY, "");
        if (d.isBlank() || p.isBlank()) {
            return Optional.of("Postfix/Dovecot non fournis (-D" + DOVECOT_PROPERTY + " et -D" + POSTFIX_PROPERTY
                    + " ; tests/run.sh les passe quand « apt-get install postfix dovecot-imapd dovecot-lmtpd » est fait)");
        }
        if (!Files.isExecutable(Path.of(d)) || !Files.isExecutable(Path.of(p))) {
            return Optional.of("binaires absents : " + d + ", " + p);
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            return Optional.of("Postfix ne démarre une instance privée que sous root");
        }
        return Optional.empty();
    }

    /**
     * Starts both servers.
     *
     * @param introspection the introspection endpoint of the PSC provider, with the client id and secret (HTTP Basic)
     */
    MailPeers(SandboxPki pki, URI introspection, String clientId, String clientSecret) throws Exception {
        dovecot = System.getProperty(DOVECOT_PROPERTY);
        postfix = System.getProperty(POSTFIX_PROPERTY);
        dir = Files.createTempDirectory("caducee-mss-peers");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        imapPort = freePort();
        submissionPort = freePort();
        lmtpPort = freePort();
        authPort = freePort();
        writePem(pki);
        Path mail = Files.createDirectories(dir.resolve("mail"));
        run(List.of("chown", "mail:mail", mail.toString()));
        Files.createDirectories(dir.resolve("dovecot-run"));
        URI url = URI.create(introspection.getScheme() + "://" + clientId + ":" + clientSecret + "@" + introspection.getAuthority()
                + introspection.getRawPath());
        Files.writeString(dir.resolve("oauth2.conf.ext"), String.join("\n",
                "introspection_mode = post",
                "introspection_url = " + url,
                "username_attribute = preferred_username",
                "username_format = %Ln",
                "tls_ca_cert_file = " + dir.resolve("ca.pem"),
                "active_attribute = active",
                "active_value = true", ""));
        Files.writeString(dir.resolve("dovecot.conf"), String.join("\n",
                "base_dir = " + dir.resolve("dovecot-run"),
                "state_dir = " + dir.resolve("dovecot-run/state"),
                "instance_name = caducee-test-" + imapPort,
                "protocols = imap lmtp",
                "listen = 127.0.0.1",
                "log_path = " + dir.resolve("dovecot.log"),
                "ssl = required",
                "ssl_cert = <" + dir.resolve("server.pem"),
                "ssl_key = <" + dir.resolve("server.key"),
                "ssl_min_protocol = TLSv1.2",
                "disable_plaintext_auth = yes",
                "auth_mechanisms = oauthbearer xoauth2",
                "mail_location = maildir:" + mail + "/%n",
                "mail_uid = mail",
                "mail_gid = mail",
                "first_valid_uid = 1",
                "passdb {",
                "  driver = oauth2",
                "  mechanisms = oauthbearer xoauth2",
                "  args = " + dir.resolve("oauth2.conf.ext"),
                "}",
                "userdb {",
                "  driver = static",
                "  args = uid=mail gid=mail home=" + mail + "/%n allow_all_users=yes",
                "}",
                "service imap-login {",
                "  inet_listener imap {",
                "    address = 127.0.0.1",
                "    port = " + imapPort,
                "  }",
                "  inet_listener imaps {",
                "    port = 0",
                "  }",
                "}",
                "service lmtp {",
                "  inet_listener lmtp {",
                "    address = 127.0.0.1",
                "    port = " + lmtpPort,
                "  }",
                "}",
                "service auth {",
                "  inet_listener {",
                "    address = 127.0.0.1",
                "    port = " + authPort,
                "  }",
                "}",
                "protocol lmtp {",
                "  auth_username_format = %Ln",
                "}", ""));
        Path pf = Files.createDirectories(dir.resolve("postfix"));
        Path data = Files.createDirectories(dir.resolve("postfix-data"));
        Files.createDirectories(dir.resolve("postfix-spool"));
        run(List.of("chown", "postfix", data.toString()));
        Files.writeString(pf.resolve("main.cf"), String.join("\n",
                "compatibility_level = 3.6",
                "queue_directory = " + dir.resolve("postfix-spool"),
                "data_directory = " + data,
                "mail_owner = postfix",
                "myhostname = smtp." + DOMAIN,
                "mydomain = " + DOMAIN,
                "mydestination =",
                "inet_interfaces = 127.0.0.1",
                "inet_protocols = ipv4",
                "smtp_dns_support_level = disabled",
                "maillog_file_prefixes = " + dir,
                "maillog_file = " + dir.resolve("postfix.log"),
                "virtual_mailbox_domains = " + DOMAIN,
                "virtual_transport = lmtp:inet:127.0.0.1:" + lmtpPort,
                "smtpd_tls_cert_file = " + dir.resolve("server.pem"),
                "smtpd_tls_key_file = " + dir.resolve("server.key"),
                "smtpd_tls_security_level = encrypt",
                "smtpd_tls_auth_only = yes",
                "smtpd_sasl_auth_enable = yes",
                "smtpd_sasl_type = dovecot",
                "smtpd_sasl_path = inet:127.0.0.1:" + authPort,
                "smtpd_relay_restrictions = permit_sasl_authenticated, reject",
                "smtpd_recipient_restrictions = permit_sasl_authenticated, reject",
                "message_size_limit = 104857600",
                "alias_maps =",
                "alias_database =",
                "local_recipient_maps =",
                "biff = no", ""));
        String master = Files.readString(Path.of("/usr/share/postfix/master.cf.dist"));
        StringBuilder m = new StringBuilder();
        for (String line : master.split("\n")) {
            if (line.startsWith("smtp ") && line.contains(" inet ")) {
                m.append("127.0.0.1:").append(submissionPort).append(" inet n - n - - smtpd\n");
            } else {
                m.append(line).append('\n');
            }
        }
        Files.writeString(pf.resolve("master.cf"), m.toString());
        run(List.of(Path.of(postfix).resolveSibling("postconf").toString(), "-c", pf.toString(), "-F", "*/*/chroot = n"));
        try {
            startDovecot();
            startPostfix();
        } catch (Exception e) {
            close();
            throw e;
        }
    }

    void startDovecot() throws Exception {
        run(List.of(dovecot, "-c", dir.resolve("dovecot.conf").toString()));
        awaitPort(imapPort);
        awaitPort(authPort);
    }

    /** Stops Dovecot as an operator's restart would: open IMAP sessions are cut. */
    void stopDovecot() throws Exception {
        Path pid = dir.resolve("dovecot-run/master.pid");
        if (Files.exists(pid)) {
            run(List.of("kill", Files.readString(pid).strip()));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (Files.exists(pid) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            while (listening(imapPort) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
        }
    }

    void startPostfix() throws Exception {
        run(List.of(postfix, "-c", dir.resolve("postfix").toString(), "start"));
        awaitPort(submissionPort);
    }

    void stopPostfix() throws Exception {
        if (!Files.exists(dir.resolve("postfix-spool/pid/master.pid"))) {
            return;
        }
        run(List.of(postfix, "-c", dir.resolve("postfix").toString(), "stop"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (listening(submissionPort) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    /** The last lines of both logs, for failure messages. */
    String logs() {
        StringBuilder b = new StringBuilder();
        for (String name : List.of("dovecot.log", "postfix.log")) {
            try {
                List<String> lines = Files.readAllLines(dir.resolve(name), StandardCharsets.UTF_8);
                b.append("--- ").append(name).append('\n');
                lines.subList(Math.max(0, lines.size() - 30), lines.size()).forEach(l -> b.append(l).append('\n'));
            } catch (IOException e) {
                b.append("--- ").append(name).append(" illisible\n");
            }
        }
        return b.toString();
    }

    @Override
    public void close() throws Exception {
        try {
            stopPostfix();
        } finally {
            try {
                stopDovecot();
            } finally {
                try (Stream<Path> s = Files.walk(dir)) {
                    s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }

    private void writePem(SandboxPki pki) throws Exception {
        KeyStore ks = pki.keyStore(SandboxPki.Credential.SERVER);
        String alias = SandboxPki.Credential.SERVER.alias();
        Key key = ks.getKey(alias, pki.keyStorePassword().toCharArray());
        StringBuilder chain = new StringBuilder();
        for (Certificate c : ks.getCertificateChain(alias)) {
            if (!((X509Certificate) c).getSubjectX500Principal().equals(((X509Certificate) c).getIssuerX500Principal())) {
                chain.append(pem("CERTIFICATE", c.getEncoded()));
            }
        }
        Files.writeString(dir.resolve("server.pem"), chain);
        Path keyFile = dir.resolve("server.key");
        Files.writeString(keyFile, pem("PRIVATE KEY", key.getEncoded()));
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
        Files.writeString(dir.resolve("ca.pem"), pem("CERTIFICATE", pki.rootCertificate().getEncoded())
                + pem("CERTIFICATE", pki.organisationsCaCertificate().getEncoded()));
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static boolean listening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void awaitPort(int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!listening(port)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("port " + port + " jamais ouvert\n" + logs());
            }
            Thread.sleep(50);
        }
    }

    /** Runs a command to its end; its output goes to a file, since daemons keep inherited pipes open. */
    private void run(List<String> command) throws Exception {
        Path output = Files.createTempFile(dir, "commande", ".log");
        Process p = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroy();
            throw new IllegalStateException(String.join(" ", command) + " : " + Files.readString(output));
        }
    }
}
