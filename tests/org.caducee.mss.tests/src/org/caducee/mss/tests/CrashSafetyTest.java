package org.caducee.mss.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

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
import org.caducee.mss.internal.TlsMaterial;
import org.caducee.outbox.OutboxHandler;
import org.caducee.outbox.OutboxService;
import org.caducee.sandbox.SandboxPki;
import org.caducee.sandbox.mss.SandboxMssOperator;
import org.caducee.store.Database;
import org.caducee.testing.Osgi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;

/**
 * The process dies in the middle of a reception or of a sending (simulated at the exact points: between the fetch and
 * the storage, between the storage and the IMAP flag, between the SMTP acceptance and the outbox mark): after the
 * restart no message is lost and none is integrated or delivered twice.
 */
class CrashSafetyTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    /** What a killed process looks like from inside: an {@link Error} nobody catches. */
    static final class SimulatedCrash extends Error {
        private static final long serialVersionUID = 1L;

        SimulatedCrash() {
            super("processus arrêté (simulation)");
        }
    }

    private BundleContext context;
    private SandboxMssOperator operator;
    private MssReception reception;
    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();
    private final List<String> imported = new CopyOnWriteArrayList<>();
    private final AtomicBoolean crashNext = new AtomicBoolean();
    /** Imports left before a crash (negative: none). */
    private final AtomicInteger crashAfter = new AtomicInteger(-1);

    @BeforeEach
    void setUp() throws Exception {
        context = FrameworkUtil.getBundle(MssSender.class).getBundleContext();
        operator = Osgi.await(context, SandboxMssOperator.class, TIMEOUT);
        reception = Osgi.await(context, MssReception.class, TIMEOUT);
        Hashtable<String, Object> top = new Hashtable<>();
        top.put(Constants.SERVICE_RANKING, 2000);
        registrations.add(context.registerService(ReceivedDocumentImport.class, new ReceivedDocumentImport() {
            @Override
            public Outcome importXdm(byte[] xdmZip, Origin origin) {
                if (crashNext.getAndSet(false) || crashAfter.getAndDecrement() == 0) {
                    throw new SimulatedCrash();
                }
                imported.add(origin.messageId());
                return Outcome.integrated(List.of("doc-" + imported.size()));
            }

            @Override
            public Outcome importXdmFor(byte[] xdmZip, UUID patientId, Origin origin) {
                return Outcome.integrated(List.of("manuel"));
            }
        }, top));
        reception.poll(); // drain what other tests left
    }

    @AfterEach
    void tearDown() {
        registrations.forEach(ServiceRegistration::unregister);
        registrations.clear();
    }

    private String deliverDocument() throws Exception {
        String id = "<crash-" + UUID.randomUUID() + "@robot>";
        byte[] zip = SandboxOperatorTest.zip("IHE_XDM/SUBSET01/DOC0001.XML", ("<ClinicalDocument>" + id + "</ClinicalDocument>").getBytes(StandardCharsets.UTF_8));
        String raw = "Message-ID: " + id + "\r\nFrom: " + SandboxMssOperator.ROBOT + "\r\nTo: " + SandboxMssOperator.DOCTOR
                + "\r\nSubject: XDM/1.0/DDM+CR TEST PANNE 01/01/2000\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n"
                + "--b\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nbonjour\r\n--b\r\nContent-Type: application/zip\r\n"
                + "Content-Disposition: attachment; filename=IHE_XDM.zip\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + java.util.Base64.getMimeEncoder().encodeToString(zip) + "\r\n--b--\r\n";
        operator.deliver(SandboxMssOperator.DOCTOR, raw.getBytes(StandardCharsets.US_ASCII));
        return id;
    }

    private long stored(String messageId) {
        return reception.received(1000).stream().filter(i -> i.messageId().equals(messageId)).count();
    }

    @Test
    void aCrashBetweenFetchAndStorageLosesNothingAndTheRestartIntegratesOnce() throws Exception {
        String id = deliverDocument();
        crashNext.set(true);
        assertThatThrownBy(reception::poll).isInstanceOf(SimulatedCrash.class);
        assertThat(stored(id)).as("rien n’est stocké avant la panne").isZero();

        // restart: the message is still unflagged in the mailbox, fetched again and integrated once
        PollReport report = reception.poll();
        assertThat(report.integrated()).isEqualTo(1);
        assertThat(imported).containsOnlyOnce(id);
        assertThat(stored(id)).isEqualTo(1);
        assertThat(reception.poll().fetched()).isZero();
    }

    @Test
    void aCrashBetweenStorageAndTheImapFlagIsRecognisedAsAlreadyReceived() throws Exception {
        String id = deliverDocument();
        assertThat(reception.poll().integrated()).isEqualTo(1);
        // the flag was never set (crash just after the commit): remove it as the crash would have left it
        setProcessedFlag(id, false);

        PollReport report = reception.poll();
        assertThat(report.fetched()).isEqualTo(1);
        assertThat(report.duplicates()).isEqualTo(1);
        assertThat(report.integrated()).isZero();
        assertThat(imported).containsOnlyOnce(id);
        assertThat(stored(id)).isEqualTo(1);
        assertThat(reception.poll().fetched()).as("flaggé cette fois").isZero();
    }

    @Test
    void aCrashInTheMiddleOfAPollKeepsWhatWasStoredAndTheRestartIntegratesTheRestOnceInOrder() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ids.add(deliverDocument());
        }
        // the messages are fetched together and read in parallel: the third one's integration dies
        crashAfter.set(2);
        assertThatThrownBy(reception::poll).isInstanceOf(SimulatedCrash.class);
        assertThat(ids.stream().map(this::stored).toList()).as("stockés dans l’ordre d’arrivée jusqu’à la panne, rien après")
                .containsExactly(1L, 1L, 0L, 0L, 0L, 0L);

        // restart (a poll woken by IMAP IDLE may run first): what was stored is recognised, flagged or not, and the
        // rest is integrated once, in arrival order
        PollReport report = reception.poll();
        assertThat(report.errors()).isZero();
        assertThat(report.integrated() + report.duplicates()).isEqualTo(report.fetched());
        assertThat(imported).containsExactlyElementsOf(ids);
        assertThat(ids.stream().map(this::stored).toList()).containsOnly(1L);
        assertThat(reception.poll().fetched()).as("tout est flaggé").isZero();
    }

    @Test
    void aCrashBetweenTheSmtpAcceptanceAndTheOutboxMarkDoesNotDuplicateTheDocument() throws Exception {
        MssSender sender = Osgi.await(context, MssSender.class, TIMEOUT);
        OutboxService outbox = Osgi.await(context, OutboxService.class, TIMEOUT);
        OutboxHandler handler = context.getService(context.getServiceReferences(OutboxHandler.class, "(channel=" + MssSender.CHANNEL + ")").iterator().next());
        byte[] pdf = "%PDF-1.4\n%%EOF\n".getBytes(StandardCharsets.ISO_8859_1);
        byte[] zip = SandboxOperatorTest.zip("IHE_XDM/SUBSET01/DOC0001.XML", "<ClinicalDocument/>".getBytes(StandardCharsets.UTF_8));
        var queued = sender.send(new MssSendRequest(List.of(SandboxMssOperator.DOCTOR), "Compte rendu", "PAT-TROIS", "Dominique", LocalDate.of(1985, 4, 12),
                true, List.of("11488-4"), pdf, "cr.pdf", zip, null, false, false, "p", "medecin")).get(0);
        String id = queued.messageId();
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (inbox(id) == 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(inbox(id)).isEqualTo(1);
        // the operator accepted it, then the process died before recording it: after the restart the outbox hands it again
        Database db = Osgi.await(context, Database.class, TIMEOUT);
        db.withConnection(c -> {
            try (var ps = c.prepareStatement("UPDATE mss_outgoing SET state = 'QUEUED' WHERE message_id = ?")) {
                ps.setString(1, id);
                return ps.executeUpdate();
            }
        });
        handler.deliver(outbox.find(UUID.fromString(queued.outboxItemId())).orElseThrow());
        deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (inbox(id) < 2 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(inbox(id)).as("soumis deux fois, même Message-ID").isEqualTo(2);

        // the receiving side integrates it once: the Message-ID is the idempotency key end to end
        PollReport report = reception.poll();
        assertThat(report.fetched()).isEqualTo(2);
        assertThat(report.integrated()).isEqualTo(1);
        assertThat(report.duplicates()).isEqualTo(1);
        assertThat(imported).containsOnlyOnce(id);
        assertThat(stored(id)).isEqualTo(1);
    }

    private long inbox(String messageId) {
        return operator.inbox(SandboxMssOperator.DOCTOR).stream().filter(b -> new String(b, StandardCharsets.UTF_8).contains(messageId)).count();
    }

    private void setProcessedFlag(String messageId, boolean set) throws Exception {
        SandboxPki pki = Osgi.await(context, SandboxPki.class, TIMEOUT);
        MssAccount account = new MssAccount(SandboxMssOperator.DOCTOR, "localhost", operator.imapPort(), "localhost", operator.smtpPort(),
                TransportSecurity.IMPLICIT_TLS, AuthMethod.XOAUTH2);
        MailConnector connector = new MailConnector(account, TlsMaterial.load(pki.trustStorePath(), pki.trustStorePassword(), null, null),
                (AccessTokenSupplier) operator, 10_000);
        try (var store = connector.openStore()) {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            for (Message m : inbox.getMessages()) {
                String[] ids = MailConnector.withMailLoader(() -> m.getHeader("Message-ID"));
                if (ids != null && ids[0].equals(messageId)) {
                    MailConnector.withMailLoader(() -> {
                        m.setFlags(new Flags(MssReception.PROCESSED_KEYWORD), set);
                        return null;
                    });
                }
            }
            inbox.close(false);
        }
    }
}
