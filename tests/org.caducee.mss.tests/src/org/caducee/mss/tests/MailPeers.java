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
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.caducee.sandbox.DemoPractice;
import org.caducee.sandbox.SandboxPki;

/**
 * Throw-away Dovecot (IMAP with required STARTTLS, LMTP, SASL OAUTHBEARER/XOAUTH2 validated by token introspection)
 * and Postfix (submission with required STARTTLS, SASL through Dovecot, delivery to Dovecot by LMTP) on loopback, each
 * with its own configuration and directories under one temporary folder, certificates from the sandbox test PKI.
 * Nothing under {@code /etc} is read or changed. The binaries are given by the system properties
 * {@value #DOVECOT_PROPERTY} and {@value #POSTFIX_PROPERTY} ({@code tests/run.sh} sets them when the Debian
 * packages are installed); Postfix needs root.
 * <p>
 * Organisational mailboxes are opened with the structure's certificate (mutual TLS), as checked against Dovecot
 * 2.3.19 and Postfix 3.7 (ADR 0015):
 * <ul>
 * <li><b>IMAP</b>, on the same STARTTLS listener as the personal mailboxes: Dovecot asks every client for a certificate
 * ({@code ssl_verify_client_cert = yes}; a client without one still gets TLS, for the PSC-token mailboxes) and checks it
 * against {@code ssl_ca} (the test root and its organisations authority). The test PKI publishes no CRL, hence
 * {@code ssl_require_crl = no}: with the default {@code yes} every client certificate is "invalid" and Dovecot passes no
 * user name to its auth process. {@code auth_ssl_username_from_cert} takes the user from the certificate's OU (IGC Santé
 * ORG certificates carry the structure identifier there: {@code 3} + SIRET). The client authenticates with SASL
 * {@code EXTERNAL} (Dovecot 2.3 has it) and gives the mailbox as authorisation identity; Dovecot then treats the
 * structure as a master user: a {@code master = yes, pass = yes} passdb lists the structures (no password: the
 * certificate is the proof), and a second passdb keyed {@code <structure>/<mailbox>} says which mailboxes each
 * structure may open. A certificate Dovecot cannot verify gives {@code NO [AUTHENTICATIONFAILED]} (no user name); a
 * valid certificate of a structure that does not own the mailbox gives {@code NO [AUTHORIZATIONFAILED]}.
 * {@code auth_ssl_require_client_cert} is not used: it is global to the auth service and would refuse the PSC-token
 * logins of the personal mailboxes on the same listener.</li>
 * <li><b>Submission</b>: Postfix cannot pass the client certificate to Dovecot's SASL service, so SASL EXTERNAL is not
 * possible through {@code smtpd_sasl_type = dovecot} (it is filtered out of the offered mechanisms). Structures submit
 * on their own submission service ({@link #certificateSubmissionPort}) with {@code smtpd_tls_req_ccert = yes}: a
 * certificate that does not chain to {@code smtpd_tls_CAfile} ends the session right after STARTTLS ({@code 421 4.7.1
 * Client certificate not trusted}). {@code check_ccert_access} maps the SHA-256 fingerprint of each structure's
 * certificate to a restriction class allowing only the structure's sender addresses, checked at {@code MAIL FROM}
 * ({@code smtpd_delay_reject = no}). {@code check_ccert_access} alone would accept a listed fingerprint even on a
 * certificate it cannot verify (tried): the trust check is {@code smtpd_tls_req_ccert}'s.</li>
 * </ul>
 */
final class MailPeers implements AutoCloseable {

    static final String DOVECOT_PROPERTY = "caducee.test.dovecot";
    static final String POSTFIX_PROPERTY = "caducee.test.postfix";
    /** The mail domain served by the peers; a mailbox is {@code <PSC national id>@DOMAIN}. */
    static final String DOMAIN = "mssante.caducee.test";
    /** The structure identifier of the sandbox's ORG AUTH_CLI certificate (its OU: {@code 3} + SIRET). */
    static final String STRUCTURE_ID = "3" + DemoPractice.STRUCTURE_SIRET;
    /** The organisational mailbox of the sandbox structure, opened with its certificate. */
    static final String STRUCTURE_MAILBOX = "secretariat.cabinet-du-parc@" + DOMAIN;
    /** An organisational mailbox of another structure (whose certificate the tests do not have). */
    static final String OTHER_STRUCTURE_MAILBOX = "accueil.centre-de-sante@" + DOMAIN;
    private static final String OTHER_STRUCTURE_ID = "3" + "99999999900011";

    private final Path dir;
    private final String dovecot;
    private final String postfix;
    final int imapPort;
    final int submissionPort;
    /** Submission for structures: STARTTLS, client certificate required, no SASL. */
    final int certificateSubmissionPort;
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
        certificateSubmissionPort = freePort();
        lmtpPort = freePort();
        authPort = freePort();
        writePem(pki);
        Path mail = Files.createDirectories(dir.resolve("mail"));
        run(List.of("chown", "mail:mail", mail.toString()));
        Files.createDirectories(dir.resolve("dovecot-run"));
        writeStructures(pki);
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
                "ssl_ca = <" + dir.resolve("ca.pem"),
                "ssl_verify_client_cert = yes",
                "ssl_require_crl = no",
                "ssl_cert_username_field = organizationalUnitName",
                "auth_ssl_username_from_cert = yes",
                "disable_plaintext_auth = yes",
                "auth_mechanisms = oauthbearer xoauth2 external",
                "mail_location = maildir:" + mail + "/%n",
                "mail_uid = mail",
                "mail_gid = mail",
                "first_valid_uid = 1",
                "passdb {",
                "  driver = oauth2",
                "  mechanisms = oauthbearer xoauth2",
                "  args = " + dir.resolve("oauth2.conf.ext"),
                "}",
                "passdb {",
                "  driver = passwd-file",
                "  args = " + dir.resolve("structures.passwd"),
                "  mechanisms = external",
                "  master = yes",
                "  pass = yes",
                "}",
                "passdb {",
                "  driver = passwd-file",
                "  args = username_format=%{master_user}/%u " + dir.resolve("boites-structures.passwd"),
                "  mechanisms = external",
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
                "smtpd_sasl_mechanism_filter = !external, static:all",
                "smtpd_restriction_classes = structure_" + STRUCTURE_ID,
                "structure_" + STRUCTURE_ID + " = check_sender_access texthash:" + dir.resolve("expediteurs-" + STRUCTURE_ID)
                        + ", check_sender_access static:{REJECT 5.7.1 Sender address not owned by the client certificate}",
                "structures_restrictions = check_ccert_access texthash:" + dir.resolve("certificats") + ", reject",
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
                m.append("127.0.0.1:").append(certificateSubmissionPort).append(" inet n - n - - smtpd\n");
                for (String option : List.of("smtpd_tls_CAfile=" + dir.resolve("ca.pem"), "smtpd_tls_ask_ccert=yes", "smtpd_tls_req_ccert=yes",
                        "smtpd_tls_fingerprint_digest=sha256", "smtpd_tls_received_header=yes", "smtpd_sasl_auth_enable=no",
                        "smtpd_delay_reject=no", "smtpd_sender_restrictions=$structures_restrictions",
                        "smtpd_relay_restrictions=$structures_restrictions", "smtpd_recipient_restrictions=$structures_restrictions")) {
                    m.append("  -o ").append(option).append('\n');
                }
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
        awaitPort(certificateSubmissionPort);
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

    /**
     * Which structure opens which organisational mailbox: for Dovecot, the structures (master users without password)
     * and their mailboxes; for Postfix, the fingerprint of the sandbox structure's certificate and its sender addresses.
     */
    private void writeStructures(SandboxPki pki) throws Exception {
        Files.writeString(dir.resolve("structures.passwd"), STRUCTURE_ID + ":::::::nopassword\n" + OTHER_STRUCTURE_ID + ":::::::nopassword\n");
        Files.writeString(dir.resolve("boites-structures.passwd"),
                STRUCTURE_ID + "/" + STRUCTURE_MAILBOX + ":::::::\n" + OTHER_STRUCTURE_ID + "/" + OTHER_STRUCTURE_MAILBOX + ":::::::\n");
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(pki.certificate(SandboxPki.Credential.ORGANISATION_AUTH).getEncoded());
        StringBuilder fingerprint = new StringBuilder();
        for (byte b : digest) {
            fingerprint.append(fingerprint.isEmpty() ? "" : ":").append(String.format("%02X", b));
        }
        Files.writeString(dir.resolve("certificats"), fingerprint + " structure_" + STRUCTURE_ID + "\n");
        Files.writeString(dir.resolve("expediteurs-" + STRUCTURE_ID), STRUCTURE_MAILBOX + " OK\n");
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
