package org.caducee.mss.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

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
import com.icegreen.greenmail.util.ServerSetup;

import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/**
 * A real process receiving MSSanté mail is killed (SIGKILL, nothing runs after it) several times in the middle of its
 * reception and started again on the same data directory, until the mailbox is drained; then killed once more right
 * after the last message was flagged. The mailbox stays in this test process (an IMAPS/SMTPS server with the sandbox
 * certificates), so it survives the kills as an operator's does. Every message must be stored exactly once and flagged
 * as handled: a message flagged on the server but missing from the database would be lost for good.
 * <p>
 * The child is the sandbox installation (store, audit, outbox, sandbox simulators for the access token) with the
 * mailbox of this test configured by settings; no documents engine is started, so each message lands in the worklist,
 * which is enough: what matters here is the store-then-flag order, not the filing.
 */
class KillDuringReceptionProcessTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final int MESSAGES = 120;
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

    @AfterEach
    void tearDown() {
        if (mail != null) {
            mail.stop();
        }
    }

    @Test
    void killedDuringTheReception_everyMessageIsStoredOnceAndFlagged_noneLost() throws Exception {
        BundleContext context = FrameworkUtil.getBundle(MssReception.class).getBundleContext();
        SandboxPki pki = Osgi.await(context, SandboxPki.class, TIMEOUT);
        Osgi.await(context, SandboxMssOperator.class, TIMEOUT); // it has set GreenMail's TLS key store (the sandbox server's)
        mail = new GreenMail(new ServerSetup[] { new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAPS),
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS) });
        mail.start();
        doctor = mail.setUser(SandboxMssOperator.DOCTOR, SandboxMssOperator.DOCTOR, "inutilise");
        // the child's access tokens come from its own sandbox provider: any bearer token opens this mailbox
        ((UserImpl) doctor).setTokenValidator(token -> token != null && !token.isBlank());
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < MESSAGES; i++) {
            ids.add(deliver(i));
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
        List<String> kills = new ArrayList<>();
        for (int k = 0; k < KILLS && flagged() < MESSAGES; k++) {
            ChildFramework.Child process = child.start();
            int before = flagged();
            // somewhere in what is left, at least one message after the start
            int target = Math.min(MESSAGES, before + 1 + random.nextInt(Math.max(1, (MESSAGES - before) / 2)));
            awaitFlagged(target, process);
            process.kill();
            kills.add(before + "→" + flagged());
        }
        // the last run drains the mailbox, and is killed as soon as it has flagged the last message
        ChildFramework.Child last = child.start();
        awaitFlagged(MESSAGES, last);
        last.kill();
        String story = "graine " + seed + ", messages marqués avant→après chaque SIGKILL : " + kills;

        Map<String, Integer> stored = storedMessages(data);
        List<String> lost = ids.stream().filter(id -> !stored.containsKey(id)).toList();
        Map<String, Integer> twice = new TreeMap<>();
        stored.forEach((id, n) -> {
            if (n > 1) {
                twice.put(id, n);
            }
        });
        assertThat(flagged()).as(story).isEqualTo(MESSAGES);
        assertThat(lost).as("marqués « traités » sur le serveur mais absents de la base : perdus\n" + story).isEmpty();
        assertThat(twice).as("stockés plusieurs fois\n" + story).isEmpty();
        assertThat(stored.keySet()).containsExactlyInAnyOrderElementsOf(ids);
    }

    /** One document message from the robot; returns its Message-ID. */
    private String deliver(int n) throws Exception {
        byte[] zip = SandboxOperatorTest.zip("IHE_XDM/SUBSET01/DOC0001.XML", ("<ClinicalDocument>" + n + "</ClinicalDocument>").getBytes(StandardCharsets.UTF_8));
        byte[] raw = CorrespondentMessage.withXdm(new InternetAddress(SandboxMssOperator.ROBOT), SandboxMssOperator.DOCTOR, "CR" + n, zip, "message " + n,
                "ROBOT-KILL");
        return MailRuntime.call(() -> {
            MimeMessage m = new MimeMessage(Session.getInstance(new java.util.Properties()), new java.io.ByteArrayInputStream(raw));
            doctor.deliver(m);
            return m.getMessageID();
        });
    }

    /** Messages of the mailbox flagged as handled by the client. */
    private int flagged() throws Exception {
        List<StoredMessage> messages = mail.getManagers().getImapHostManager().getInbox(doctor).getMessages();
        return (int) messages.stream().filter(m -> m.getFlags().contains(MssReception.PROCESSED_KEYWORD)).count();
    }

    private void awaitFlagged(int count, ChildFramework.Child process) throws Exception {
        long end = System.nanoTime() + TIMEOUT.toNanos();
        while (flagged() < count && process.process().isAlive() && System.nanoTime() < end) {
            Thread.sleep(5);
        }
        assertThat(flagged()).as("messages marqués par le processus\n" + process.output()).isGreaterThanOrEqualTo(count);
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
