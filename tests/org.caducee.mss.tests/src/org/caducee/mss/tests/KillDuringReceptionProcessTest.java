package org.caducee.mss.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.caducee.mss.MailRuntime;
import org.caducee.mss.MssReception;
import org.caducee.sandbox.SandboxPki;
import org.caducee.sandbox.mss.CorrespondentMessage;
import org.caducee.sandbox.mss.SandboxMssOperator;
import org.caducee.testing.ChildFramework;
import org.caducee.testing.H2TestDatabase;
import org.caducee.testing.Osgi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;

import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.user.UserImpl;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;

import jakarta.activation.DataHandler;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;

/**
 * A real process receiving MSSanté mail is killed (SIGKILL, nothing runs after it) several times in the middle of its
 * work and started again on the same data directory, until the mailbox is drained and every answer sent; then killed
 * once more right after the last of them. The mail servers stay in this test process (IMAPS and SMTPS with the sandbox
 * certificates), so they survive the kills as an operator's do. Every message must be stored exactly once and flagged
 * as handled: a message flagged on the server but missing from the database would be lost for good. Every second
 * message asks for a processing report (MDN) and carries two IHE_XDM.zip, which the pipeline refuses with that report:
 * the reports go through the outbox and SMTP while the process is being killed; each report the outbox took must arrive
 * at least once, with one Message-ID (the receiver's idempotency key); raw duplicates are counted; no stored message may be
 * left without its report (the pipeline queues the report first, under a Message-ID derived from the original's).
 * <p>
 * The child is the sandbox installation (store, audit, outbox, sandbox simulators for the access token) with the
 * mailbox of this test configured by settings; no documents engine is started, so each message lands in the worklist,
 * which is enough: what matters here is the store-then-flag order and the outbox, not the filing.
 */
class KillDuringReceptionProcessTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final int MESSAGES = 100;
    private static final int REPORTS = MESSAGES / 2;
    private static final int KILLS = 5;
    /** The bundles started in the child, with their start levels (those of this test runtime). */
    private static final Map<String, Integer> STARTED = Map.ofEntries(Map.entry("org.apache.felix.scr", 2), Map.entry("org.eclipse.equinox.event", 2),
            Map.entry("org.apache.aries.spifly.dynamic.bundle", 2), Map.entry("org.eclipse.angus.mail", 3), Map.entry("org.caducee.store", 4),
            Map.entry("org.caducee.security", 4), Map.entry("org.caducee.outbox", 4), Map.entry("org.caducee.sandbox", 4),
            Map.entry("org.caducee.sandbox.psc", 4), Map.entry("org.caducee.sandbox.mss", 4), Map.entry("org.caducee.mss", 4));

    @TempDir
    Path dir;

    private GreenMail mail;
    private GreenMailUser doctor;
    private GreenMailUser robot;

    @AfterEach
    void tearDown() {
        if (mail != null) {
            mail.stop();
        }
    }

    @Test
    void killedDuringReceptionAndReports_everyMessageStoredOnceAndFlagged_everyReportDeliveredWithOneMessageId() throws Exception {
        BundleContext context = FrameworkUtil.getBundle(MssReception.class).getBundleContext();
        SandboxPki pki = Osgi.await(context, SandboxPki.class, TIMEOUT);
        // GreenMail takes its TLS key from JVM-wide properties: the sandbox server's, as the sandbox operator sets them
        System.setProperty("greenmail.tls.keystore.file", pki.keyStorePath(SandboxPki.Credential.SERVER).toString());
        System.setProperty("greenmail.tls.keystore.password", pki.keyStorePassword());
        System.setProperty("greenmail.tls.key.password", pki.keyStorePassword());
        mail = new GreenMail(new ServerSetup[] { new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAPS),
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS) });
        mail.start();
        doctor = mail.setUser(SandboxMssOperator.DOCTOR, SandboxMssOperator.DOCTOR, "inutilise");
        robot = mail.setUser(SandboxMssOperator.ROBOT, SandboxMssOperator.ROBOT, "inutilise");
        // the child's access tokens come from its own sandbox provider: any bearer token opens this mailbox
        ((UserImpl) doctor).setTokenValidator(token -> token != null && !token.isBlank());
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < MESSAGES; i++) {
            ids.add(deliver(i));
        }
        List<String> reported = new ArrayList<>();
        for (int i = 1; i < MESSAGES; i += 2) {
            reported.add(ids.get(i));
        }

        Path data = dir.resolve("data");
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("caducee.data.dir", data.toString());
        properties.put("caducee.mss.address", SandboxMssOperator.DOCTOR);
        properties.put("caducee.mss.imap.host", "localhost");
        properties.put("caducee.mss.imap.port", String.valueOf(mail.getImaps().getPort()));
        properties.put("caducee.mss.smtp.port", String.valueOf(mail.getSmtps().getPort()));
        properties.put("caducee.mss.security", "IMPLICIT_TLS");
        properties.put("caducee.mss.auth", "XOAUTH2");
        properties.put("caducee.mss.truststore", pki.trustStorePath().toString());
        properties.put("caducee.mss.truststore.password", pki.trustStorePassword());
        properties.put("caducee.mss.poll.interval.seconds", "1");
        properties.put("caducee.mss.idle", "false");
        ChildFramework child = new ChildFramework(context, dir.resolve("child"), STARTED, properties);

        long seed = System.nanoTime();
        Random random = new Random(seed);
        int total = MESSAGES + REPORTS;
        List<String> kills = new ArrayList<>();
        for (int k = 0; k < KILLS && progress() < total; k++) {
            ChildFramework.Child process = child.start();
            int before = progress();
            // somewhere in what is left, at least one step after the start
            int target = Math.min(total, before + 1 + random.nextInt(Math.max(1, (total - before) / 2)));
            awaitProgress(target, process);
            process.kill();
            kills.add(before + "→" + progress());
        }
        // the last run drains the mailbox and sends the last report, and is killed as soon as it has done so
        ChildFramework.Child last = child.start();
        boolean done = awaitDrained(total, last);
        last.kill();
        String console = last.output();

        Map<String, Integer> stored = storedMessages(data);
        List<String> lost = ids.stream().filter(id -> !stored.containsKey(id)).toList();
        Map<String, Integer> twice = new TreeMap<>();
        stored.forEach((id, n) -> {
            if (n > 1) {
                twice.put(id, n);
            }
        });
        Map<String, List<String>> reports = reports();
        int raw = reports.values().stream().mapToInt(List::size).sum();
        Map<String, List<String>> severalIds = new TreeMap<>();
        reports.forEach((original, mdnIds) -> {
            if (mdnIds.stream().distinct().count() > 1) {
                severalIds.put(original, mdnIds);
            }
        });
        Map<String, String> queued = queuedReports(data);
        // not received yet: still waiting in the outbox for a new attempt (PENDING) is not lost; DONE or given up is
        Map<String, String> waiting = new TreeMap<>();
        Map<String, String> undelivered = new TreeMap<>();
        queued.forEach((original, state) -> {
            if (!reports.containsKey(original)) {
                (state.startsWith("PENDING") || state.startsWith("IN_PROGRESS") ? waiting : undelivered).put(original, state);
            }
        });
        List<String> neverQueued = reported.stream().filter(original -> !queued.containsKey(original) && !reports.containsKey(original)).sorted().toList();
        String story = "graine " + seed + ", étapes faites (messages marqués + rapports reçus) avant→après chaque SIGKILL : " + kills
                + " ; rapports reçus " + raw + " fois pour " + reports.size() + " messages (" + (raw - reports.size()) + " doublon(s) brut(s))"
                + " ; rapports jamais mis en file (message stocké, processus tué avant la mise en file) : " + neverQueued.size()
                + " ; rapports en attente d’un nouvel essai dans la file : " + waiting;
        System.out.println("[kill] " + story);
        if (!done) {
            story += "\nfin du dernier processus :\n" + console.substring(Math.max(0, console.length() - 3000));
        }
        assertThat(flagged()).as(story).isEqualTo(MESSAGES);
        assertThat(lost).as("marqués « traités » sur le serveur mais absents de la base : perdus\n" + story).isEmpty();
        assertThat(twice).as("stockés plusieurs fois\n" + story).isEmpty();
        assertThat(stored.keySet()).containsExactlyInAnyOrderElementsOf(ids);
        // the pipeline queues the report (its Message-ID derived from the original's) before it stores the message: no
        // stored message without its report
        assertThat(neverQueued).as("message stocké sans son rapport mis en file\n" + story).isEmpty();
        // the outbox: every report it took was delivered (or still waits for a new attempt), under one Message-ID
        assertThat(undelivered).as("rapports mis en file mais jamais remis : perdus par la file d’envoi\n" + story).isEmpty();
        assertThat(reported).as(story).containsAll(reports.keySet());
        assertThat(severalIds).as("un rapport envoyé sous plusieurs Message-ID : le destinataire l’intégrerait deux fois\n" + story).isEmpty();
    }

    /**
     * One document message from the robot; every second one asks for a processing report and carries two
     * IHE_XDM.zip (refused with that report). Returns its Message-ID.
     */
    private String deliver(int n) throws Exception {
        byte[] zip = SandboxOperatorTest.zip("IHE_XDM/SUBSET01/DOC0001.XML", ("<ClinicalDocument>" + n + "</ClinicalDocument>").getBytes(StandardCharsets.UTF_8));
        byte[] raw = CorrespondentMessage.withXdm(new InternetAddress(SandboxMssOperator.ROBOT), SandboxMssOperator.DOCTOR, "CR" + n, zip, "message " + n,
                "ROBOT-KILL");
        return MailRuntime.call(() -> {
            MimeMessage m = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
            if (n % 2 == 1) {
                MimeMultipart mixed = (MimeMultipart) m.getContent();
                MimeBodyPart second = new MimeBodyPart();
                second.setDataHandler(new DataHandler(new ByteArrayDataSource(zip, "application/zip")));
                second.setFileName("IHE_XDM.zip");
                second.setDisposition(Part.ATTACHMENT);
                mixed.addBodyPart(second);
                m.setContent(mixed);
                m.setHeader("Disposition-Notification-To", SandboxMssOperator.ROBOT);
                m.saveChanges();
            }
            doctor.deliver(m);
            return m.getMessageID();
        });
    }

    /** Steps done by the child, as seen from the servers: messages flagged, distinct reports received. */
    private int progress() throws Exception {
        return flagged() + reports().size();
    }

    /** Original Message-ID → Message-IDs of the reports received for it (one per delivery). */
    private Map<String, List<String>> reports() throws Exception {
        Map<String, List<String>> out = new TreeMap<>();
        for (StoredMessage m : messages(robot)) {
            String text = GreenMailUtil.getWholeMessage(m.getMimeMessage());
            Matcher original = ORIGINAL.matcher(text);
            if (original.find()) {
                out.computeIfAbsent(original.group(1), k -> new ArrayList<>()).add(m.getMimeMessage().getMessageID());
            }
        }
        return out;
    }

    private static final Pattern ORIGINAL = Pattern.compile("Original-Message-ID: *(<[^>]+>)", Pattern.CASE_INSENSITIVE);

    /** Messages of the mailbox flagged as handled by the client. */
    private int flagged() throws Exception {
        return (int) messages(doctor).stream().filter(m -> m.getFlags().contains(MssReception.PROCESSED_KEYWORD)).count();
    }

    /** The messages of a mailbox now (GreenMail's list changes while the child works: read it again when it does). */
    private List<StoredMessage> messages(GreenMailUser user) throws Exception {
        for (int attempt = 0;; attempt++) {
            try {
                List<StoredMessage> out = new ArrayList<>();
                for (StoredMessage m : mail.getManagers().getImapHostManager().getInbox(user).getMessages()) {
                    out.add(m);
                }
                return out;
            } catch (java.util.ConcurrentModificationException e) {
                if (attempt > 100) {
                    throw e;
                }
                Thread.sleep(1);
            }
        }
    }

    /**
     * Waits until the child has done every step, or has flagged every message and nothing more arrives for 10 s (a report
     * the pipeline never queued would keep it waiting to the end).
     */
    private boolean awaitDrained(int total, ChildFramework.Child process) throws Exception {
        long end = System.nanoTime() + TIMEOUT.toNanos();
        int seen = -1;
        long quietSince = System.nanoTime();
        while (process.process().isAlive() && System.nanoTime() < end) {
            int now = progress();
            if (now >= total) {
                return true;
            }
            if (now != seen) {
                seen = now;
                quietSince = System.nanoTime();
            } else if (flagged() >= MESSAGES && System.nanoTime() - quietSince > Duration.ofSeconds(10).toNanos()) {
                return true;
            }
            Thread.sleep(50);
        }
        return progress() >= total;
    }

    /**
     * Waits until the child has done {@code steps} (at most {@link #TIMEOUT}: when messages or reports were lost, the
     * count never gets there, and the assertions at the end say which).
     */
    private boolean awaitProgress(int steps, ChildFramework.Child process) throws Exception {
        long end = System.nanoTime() + TIMEOUT.toNanos();
        while (progress() < steps && process.process().isAlive() && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        return progress() >= steps;
    }

    /**
     * Original Message-ID → state of the report the child's outbox took for it ({@code state attempts last error}), read
     * after the last kill.
     */
    private static Map<String, String> queuedReports(Path data) {
        try (H2TestDatabase db = H2TestDatabase.installation(data)) {
            return db.withConnection(c -> {
                Map<String, String> rows = new TreeMap<>();
                try (PreparedStatement ps = c.prepareStatement("SELECT o.patient_ref, q.state, q.attempts, q.last_error FROM mss_outgoing o"
                        + " JOIN caducee_outbox q ON q.idempotency_key = o.message_id WHERE o.patient_ref IS NOT NULL");
                        ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.put(rs.getString(1), rs.getString(2) + " " + rs.getInt(3) + " " + rs.getString(4));
                    }
                }
                return rows;
            });
        }
    }

    /** Message-ID → rows in the child's table of received messages, read after the last kill as the next start would. */
    private static Map<String, Integer> storedMessages(Path data) {
        try (H2TestDatabase db = H2TestDatabase.installation(data)) {
            return db.withConnection(c -> {
                Map<String, Integer> rows = new TreeMap<>();
                try (PreparedStatement ps = c.prepareStatement("SELECT message_id, COUNT(*) FROM mss_received GROUP BY message_id");
                        ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.put(rs.getString(1), rs.getInt(2));
                    }
                }
                return rows;
            });
        }
    }
}
