package org.caducee.mss.tests;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.caducee.mss.AccessTokenSupplier;
import org.caducee.mss.MssAccount;
import org.caducee.mss.MssAccount.AuthMethod;
import org.caducee.mss.MssAccount.TransportSecurity;
import org.caducee.mss.MssReception;
import org.caducee.mss.MssReception.PollReport;
import org.caducee.mss.MssSendRequest;
import org.caducee.mss.MssSender;
import org.caducee.mss.ReceivedDocumentImport;
import org.caducee.mss.internal.MailConnector;
import org.caducee.mss.internal.OutgoingMessages;
import org.caducee.mss.internal.TlsMaterial;
import org.caducee.sandbox.DemoPractice;
import org.caducee.sandbox.SandboxPki;
import org.caducee.sandbox.mss.CorrespondentMessage;
import org.caducee.sandbox.mss.SandboxMssOperator;
import org.caducee.sandbox.psc.DemoProfessional;
import org.caducee.sandbox.psc.PscProvider;
import org.caducee.store.Database;
import org.caducee.testing.Osgi;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.search.FlagTerm;

/**
 * Benchmark (asserts only that nothing is lost; runs only with {@code -Dcaducee.bench=true}, see
 * {@code tests/bench/mss.sh}). Reception: 1,000 messages each with an official IHE_XDM example (CR-BIO N3 and N1,
 * two N3 for one N1) placed in a real IMAP server on loopback — Dovecot (STARTTLS, OAUTHBEARER checked by
 * introspection) when installed, else the sandbox GreenMail (IMAPS) — then fetched and processed by the reception
 * pipeline with the documents engine of the runtime (structure validation, no schematron), versus a bare IMAP fetch
 * of the same messages over one session in the same run. Sending: messages queued in the outbox and submitted by its
 * worker, versus a bare SMTP submission of the same bytes over one session. Prints {@code [bench]} lines.
 */
class MssThroughputBenchmarkTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final List<String> SETTINGS = List.of("address", "imap.host", "imap.port", "smtp.host", "smtp.port", "security", "auth",
            "truststore", "truststore.password");

    @Test
    void receptionAndSendingThroughput() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("caducee.bench"), "benchmark: -Dcaducee.bench=true");
        int count = Integer.getInteger("caducee.bench.messages", 1_000);
        int sends = Integer.getInteger("caducee.bench.sends", 200);
        BundleContext context = FrameworkUtil.getBundle(MssSender.class).getBundleContext();
        SandboxPki pki = Osgi.await(context, SandboxPki.class, TIMEOUT);
        List<ServiceRegistration<?>> registrations = new ArrayList<>();
        PscProvider psc = null;
        MailPeers peers = null;
        try {
            String address;
            MailConnector connector;
            String server;
            if (MailPeers.unavailable().isEmpty()) {
                String id = "8" + DemoPractice.DOCTOR_RPPS;
                psc = new PscProvider(pki.serverSslContext(), pki.organisationsCaCertificate(),
                        List.of(new DemoProfessional(id, DemoPractice.DOCTOR_LAST_NAME, DemoPractice.DOCTOR_FIRST_NAME, "10", "SM54", "1234")));
                URI issuer = psc.start(InetAddress.getLoopbackAddress(), 0);
                peers = new MailPeers(pki, URI.create(issuer + "/protocol/openid-connect/token/introspect"), psc.clientId(), psc.clientSecret());
                address = id + "@" + MailPeers.DOMAIN;
                Map<String, String> s = Map.of("address", address, "imap.host", "localhost", "imap.port", String.valueOf(peers.imapPort), "smtp.host",
                        "localhost", "smtp.port", String.valueOf(peers.submissionPort), "security", "STARTTLS", "auth", "OAUTHBEARER", "truststore",
                        pki.trustStorePath().toString(), "truststore.password", pki.trustStorePassword());
                s.forEach((k, v) -> System.setProperty("caducee.mss." + k, v));
                PscProvider provider = psc;
                AccessTokenSupplier tokens = a -> provider.issueAccessToken(id, null);
                Hashtable<String, Object> top = new Hashtable<>();
                top.put(Constants.SERVICE_RANKING, 1000);
                registrations.add(context.registerService(AccessTokenSupplier.class, tokens, top));
                connector = new MailConnector(new MssAccount(address, "localhost", peers.imapPort, "localhost", peers.submissionPort,
                        TransportSecurity.STARTTLS, AuthMethod.OAUTHBEARER), TlsMaterial.load(pki.trustStorePath(), pki.trustStorePassword(), null, null),
                        tokens, 30_000);
                server = "Dovecot " + "(STARTTLS, OAUTHBEARER + introspection PSC)";
            } else {
                SandboxMssOperator operator = Osgi.await(context, SandboxMssOperator.class, TIMEOUT);
                address = SandboxMssOperator.DOCTOR;
                connector = new MailConnector(new MssAccount(address, "localhost", operator.imapPort(), "localhost", operator.smtpPort(),
                        TransportSecurity.IMPLICIT_TLS, AuthMethod.XOAUTH2), TlsMaterial.load(pki.trustStorePath(), pki.trustStorePassword(), null, null),
                        (AccessTokenSupplier) operator, 30_000);
                server = "GreenMail (IMAPS, XOAUTH2) — Postfix/Dovecot absents : " + MailPeers.unavailable().orElse("");
            }
            MssReception reception = Osgi.await(context, MssReception.class, TIMEOUT);
            ReceivedDocumentImport engine = Osgi.await(context, ReceivedDocumentImport.class, TIMEOUT);
            reception.poll(); // drain

            List<byte[]> n3 = new ArrayList<>();
            List<byte[]> n1 = new ArrayList<>();
            Path examples = Path.of(System.getProperty("caducee.shared"), "ans", "xdm-examples");
            for (String dir : List.of("BIO-CR-BIO_2024.01_TSH_1", "BIO-CR-BIO_2024.01_Glycemie_g_par_Litre_2", "BIO-CR-BIO_2024.01_Microbiologie_V1")) {
                n3.add(template(dir, Files.readAllBytes(examples.resolve(dir).resolve("IHE_XDM.ZIP")), address));
            }
            for (String dir : List.of("DOC_NON_STRUCTURE_CDA-R2-N1", "IMG_CR_IMG_2024.01_CDA-R2-Niveau-1")) {
                n1.add(template(dir, Files.readAllBytes(examples.resolve(dir).resolve("IHE_XDM.ZIP")), address));
            }

            // warm-up (class loading, JIT, schemas), then the measured batch
            int warm = Math.max(10, count / 20);
            place(connector, n3, n1, warm);
            bareFetch(connector);
            reception.poll();
            place(connector, n3, n1, count);
            long c0 = cpu();
            long t0 = System.nanoTime();
            long bytes = bareFetch(connector);
            long bare = System.nanoTime() - t0;
            long bareCpu = cpu() - c0;
            c0 = cpu();
            t0 = System.nanoTime();
            PollReport report = reception.poll();
            long ours = System.nanoTime() - t0;
            long oursCpu = cpu() - c0;
            System.out.printf("[bench] server: %s%n", server);
            System.out.printf("[bench] %d messages (%.1f MiB in the mailbox after %d warm-up), documents engine %s%n", count, bytes / 1048576.0, warm,
                    engine.getClass().getSimpleName());
            System.out.printf("[bench] bare IMAP fetch (one session, whole messages):     %8.1f ms  %7.1f messages/s%n", bare / 1e6, count / (bare / 1e9));
            System.out.printf("[bench] reception pipeline (fetch, MIME, XDM, import, store, flag): %8.1f ms  %7.1f messages/s  ratio %.2f (goal >= 0.5)%n",
                    ours / 1e6, count / (ours / 1e9), (double) bare / ours);
            // on a shared machine wall time follows the load; the CPU time of this process (client side only: the IMAP
            // server is the same for both) shows what the pipeline itself costs
            System.out.printf("[bench] CPU of this process: bare %.2f ms/message, pipeline %.2f ms/message, ratio %.2f%n", bareCpu / 1e6 / count,
                    oursCpu / 1e6 / count, (double) bareCpu / oursCpu);
            System.out.printf("[bench] pipeline outcome: %s%n", report);
            if (report.fetched() != count || report.errors() != 0) {
                throw new AssertionError("messages perdus ou en erreur : " + report);
            }

            // the same without the documents engine (an importer that accepts at once): the pipeline's own share
            Hashtable<String, Object> over = new Hashtable<>();
            over.put(Constants.SERVICE_RANKING, 5000);
            ServiceRegistration<ReceivedDocumentImport> instant = context.registerService(ReceivedDocumentImport.class, new InstantImporter(), over);
            try {
                place(connector, n3, n1, count);
                c0 = cpu();
                t0 = System.nanoTime();
                bareFetch(connector);
                long bare2 = System.nanoTime() - t0;
                long bare2Cpu = cpu() - c0;
                c0 = cpu();
                t0 = System.nanoTime();
                PollReport quick = reception.poll();
                long ours2 = System.nanoTime() - t0;
                long ours2Cpu = cpu() - c0;
                System.out.printf("[bench] same, importer accepting at once (fetch, MIME, SafeZip, store, flag): bare %8.1f ms, pipeline %8.1f ms"
                        + "  %7.1f messages/s  ratio %.2f  (%s)%n", bare2 / 1e6, ours2 / 1e6, count / (ours2 / 1e9), (double) bare2 / ours2, quick);
                System.out.printf("[bench] same, CPU of this process: bare %.2f ms/message, pipeline %.2f ms/message, ratio %.2f;"
                        + " documents engine above: %.2f ms/message%n", bare2Cpu / 1e6 / count, ours2Cpu / 1e6 / count, (double) bare2Cpu / ours2Cpu,
                        (oursCpu - ours2Cpu) / 1e6 / count);
            } finally {
                instant.unregister();
            }

            // sending: outbox + delivery handler vs one bare SMTP session
            if (sends > 0) {
                MssSender sender = Osgi.await(context, MssSender.class, TIMEOUT);
                OutgoingMessages outgoing = new OutgoingMessages(Osgi.await(context, Database.class, TIMEOUT), Clock.systemUTC());
                byte[] xdm = Files.readAllBytes(examples.resolve("BIO-CR-BIO_2024.01_TSH_1").resolve("IHE_XDM.ZIP"));
                byte[] pdf = "%PDF-1.4\n% banc d’essai\n%%EOF\n".getBytes(StandardCharsets.ISO_8859_1);
                List<String> ids = new ArrayList<>();
                t0 = System.nanoTime();
                for (int i = 0; i < sends; i++) {
                    ids.add(sender.send(new MssSendRequest(List.of(address), "CR de biologie", "PAT-TROIS", "Dominique", LocalDate.of(1985, 4, 12), true,
                            List.of("11502-2"), pdf, "cr.pdf", xdm, null, false, false, "bench", "medecin")).get(0).messageId());
                }
                long queued = System.nanoTime() - t0;
                long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
                for (String id : ids) {
                    while (!"SENT".equals(outgoing.find(id).orElseThrow().state())) {
                        if (System.nanoTime() > deadline) {
                            throw new AssertionError("envoi non terminé : " + id);
                        }
                        Thread.sleep(5);
                    }
                }
                long viaOutbox = System.nanoTime() - t0;
                List<byte[]> raws = ids.stream().map(id -> outgoing.find(id).orElseThrow().raw()).toList();
                t0 = System.nanoTime();
                try (var transport = connector.openTransport()) {
                    for (byte[] raw : raws) {
                        MailConnector.withMailLoader(() -> {
                            MimeMessage m = MailConnector.parse(new ByteArrayInputStream(raw));
                            transport.sendMessage(m, m.getAllRecipients());
                            return null;
                        });
                    }
                }
                long bareSmtp = System.nanoTime() - t0;
                System.out.printf("[bench] %d sends of %d KiB: bare SMTP (one session): %8.1f ms  %7.1f messages/s%n", sends, raws.get(0).length / 1024,
                        bareSmtp / 1e6, sends / (bareSmtp / 1e9));
                System.out.printf("[bench] outbox (compose + store + queue %.0f ms, then worker submission): %8.1f ms  %7.1f messages/s  ratio %.2f%n",
                        queued / 1e6, viaOutbox / 1e6, sends / (viaOutbox / 1e9), (double) bareSmtp / viaOutbox);
            }
        } finally {
            registrations.forEach(ServiceRegistration::unregister);
            SETTINGS.forEach(k -> System.clearProperty("caducee.mss." + k));
            if (peers != null) {
                peers.close();
            }
            if (psc != null) {
                psc.stop();
            }
        }
    }

    /**
     * CPU time used so far by this process (every thread, garbage collector included), in nanoseconds, from Linux's
     * {@code /proc/self/stat} (user + system, in clock ticks of 10 ms: enough for phases of seconds).
     */
    private static long cpu() throws java.io.IOException {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10_000_000L;
    }

    /** A message as a laboratory's software sends it; {@code MESSAGE-ID-ICI} is replaced for each copy. */
    private static byte[] template(String label, byte[] zip, String to) throws Exception {
        String raw = new String(CorrespondentMessage.withXdm(new InternetAddress("laboratoire@bio.mssante.fr"), to, label, zip, "Compte rendu " + label,
                "BANC-ESSAI"), StandardCharsets.ISO_8859_1);
        return raw.replaceFirst("(?m)^Message-ID: <[^>]*>", "Message-ID: <MESSAGE-ID-ICI>").getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Appends {@code n} messages (two N3 for one N1), each with its own Message-ID, by IMAP APPEND in batches. */
    private static void place(MailConnector connector, List<byte[]> n3, List<byte[]> n1, int n) throws Exception {
        try (var store = connector.openStore()) {
            Folder inbox = store.getFolder("INBOX");
            List<Message> batch = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                byte[] t = i % 3 == 2 ? n1.get(i % n1.size()) : n3.get(i % n3.size());
                String raw = new String(t, StandardCharsets.ISO_8859_1).replace("<MESSAGE-ID-ICI>", "<" + UUID.randomUUID() + "@bio.mssante.fr>");
                batch.add(MailConnector.parse(new ByteArrayInputStream(raw.getBytes(StandardCharsets.ISO_8859_1))));
                if (batch.size() == 50 || i == n - 1) {
                    Message[] b = batch.toArray(Message[]::new);
                    MailConnector.withMailLoader(() -> {
                        inbox.appendMessages(b);
                        return null;
                    });
                    batch.clear();
                }
            }
        }
    }

    /** Fetches whole every message not yet processed by the pipeline, over one session; returns the bytes read. */
    private static long bareFetch(MailConnector connector) throws Exception {
        try (var store = connector.openStore()) {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            long total = 0;
            for (Message m : inbox.search(new FlagTerm(new Flags(MssReception.PROCESSED_KEYWORD), false))) {
                total += MailConnector.withMailLoader(() -> {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    m.writeTo(out);
                    return (long) out.size();
                });
            }
            inbox.close(false);
            return total;
        }
    }
}
