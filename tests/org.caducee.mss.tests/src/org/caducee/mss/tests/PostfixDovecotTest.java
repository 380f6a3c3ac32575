package org.caducee.mss.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import org.caducee.mss.AccessTokenSupplier;
import org.caducee.mss.MssAccount;
import org.caducee.mss.MssAccount.AuthMethod;
import org.caducee.mss.MssAccount.TransportSecurity;
import org.caducee.mss.MssException;
import org.caducee.mss.MssReception;
import org.caducee.mss.MssReception.PollReport;
import org.caducee.mss.MssSendRequest;
import org.caducee.mss.MssSender;
import org.caducee.mss.MssSender.QueuedMessage;
import org.caducee.mss.ReceivedDocumentImport;
import org.caducee.mss.internal.IdleWatcher;
import org.caducee.mss.internal.MailConnector;
import org.caducee.mss.internal.MimeAnalysis;
import org.caducee.mss.internal.OutgoingMessages;
import org.caducee.mss.internal.TlsMaterial;
import org.caducee.outbox.OutboxHandler;
import org.caducee.outbox.OutboxService;
import org.caducee.outbox.RetryableException;
import org.caducee.sandbox.DemoPractice;
import org.caducee.sandbox.SandboxPki;
import org.caducee.sandbox.psc.DemoProfessional;
import org.caducee.sandbox.psc.PscProvider;
import org.caducee.store.Database;
import org.caducee.testing.Osgi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;

import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/**
 * Caducée against real peers: Postfix (submission, STARTTLS required) and Dovecot (IMAP, STARTTLS required) from
 * the Debian packages, on loopback, with the test PKI's server certificate; SASL OAUTHBEARER and XOAUTH2 checked by
 * Dovecot (for both) against the token introspection of a local Pro Santé Connect provider. A document is sent
 * through the outbox, delivered by Postfix to Dovecot, fetched by the reception pipeline and integrated. Skipped, with
 * the reason, when Postfix and Dovecot are not installed (see {@link MailPeers#unavailable()}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostfixDovecotTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String DOCTOR_ID = "8" + DemoPractice.DOCTOR_RPPS;
    private static final String COLLEAGUE_ID = "8" + DemoPractice.SECOND_DOCTOR_RPPS;
    static final String DOCTOR = DOCTOR_ID + "@" + MailPeers.DOMAIN;
    static final String COLLEAGUE = COLLEAGUE_ID + "@" + MailPeers.DOMAIN;
    private static final List<String> SETTINGS = List.of("address", "imap.host", "imap.port", "smtp.host", "smtp.port", "security", "auth",
            "truststore", "truststore.password", "error.mailbox", "keystore", "keystore.password");

    private BundleContext context;
    private SandboxPki pki;
    private PscProvider psc;
    private MailPeers peers;
    private Optional<String> unavailable = Optional.empty();
    private static final List<ServiceRegistration<?>> registrations = new ArrayList<>();
    private static final List<byte[]> imported = new CopyOnWriteArrayList<>();

    @BeforeAll
    void startPeers() throws Exception {
        unavailable = MailPeers.unavailable();
        if (unavailable.isPresent()) {
            System.out.println("PostfixDovecotTest ignoré : " + unavailable.get());
            return;
        }
        context = FrameworkUtil.getBundle(MssSender.class).getBundleContext();
        pki = Osgi.await(context, SandboxPki.class, TIMEOUT);
        psc = new PscProvider(pki.serverSslContext(), pki.organisationsCaCertificate(),
                List.of(new DemoProfessional(DOCTOR_ID, DemoPractice.DOCTOR_LAST_NAME, DemoPractice.DOCTOR_FIRST_NAME, "10", "SM54", "1234"),
                        new DemoProfessional(COLLEAGUE_ID, "LEFEBVRE", "MARC", "10", "SM54", "1234")));
        URI issuer = psc.start(InetAddress.getLoopbackAddress(), 0);
        peers = new MailPeers(pki, URI.create(issuer + "/protocol/openid-connect/token/introspect"), psc.clientId(), psc.clientSecret());
        configure(DOCTOR, AuthMethod.OAUTHBEARER);
        Hashtable<String, Object> top = new Hashtable<>();
        top.put(Constants.SERVICE_RANKING, 1000);
        registrations.add(context.registerService(AccessTokenSupplier.class, tokens(), top));
        registrations.add(context.registerService(ReceivedDocumentImport.class, new ReceivedDocumentImport() {
            @Override
            public Outcome importXdm(byte[] xdmZip, Origin origin) {
                imported.add(xdmZip);
                return Outcome.integrated(List.of("doc-" + imported.size()));
            }

            @Override
            public Outcome importXdmFor(byte[] xdmZip, UUID patientId, Origin origin) {
                return Outcome.integrated(List.of("manuel"));
            }
        }, top));
    }

    /** Each test is reported skipped, with the reason, when the peers cannot run here. */
    @BeforeEach
    void peersAvailable() {
        Assumptions.assumeTrue(unavailable.isEmpty(), () -> "Postfix + Dovecot non disponibles : " + unavailable.orElse(""));
    }

    @AfterAll
    void stopPeers() throws Exception {
        registrations.forEach(ServiceRegistration::unregister);
        registrations.clear();
        SETTINGS.forEach(k -> System.clearProperty("caducee.mss." + k));
        if (peers != null) {
            peers.close();
        }
        if (psc != null) {
            psc.stop();
        }
    }

    /** The installation's account: the given mailbox on the peers, STARTTLS, the test PKI as the only trust. */
    void configure(String address, AuthMethod auth) {
        Map<String, String> s = Map.of("address", address, "imap.host", "localhost", "imap.port", String.valueOf(peers.imapPort), "smtp.host",
                "localhost", "smtp.port", String.valueOf(peers.submissionPort), "security", "STARTTLS", "auth", auth.name(), "truststore",
                pki.trustStorePath().toString(), "truststore.password", pki.trustStorePassword(), "error.mailbox", COLLEAGUE);
        s.forEach((k, v) -> System.setProperty("caducee.mss." + k, v));
    }

    /**
     * The installation's account on the structure's organisational mailbox: the structure certificate of the test PKI,
     * IMAP on the common listener, submission on the structures' service.
     */
    void configureStructure(String address) {
        configure(address, AuthMethod.CERTIFICATE);
        System.setProperty("caducee.mss.smtp.port", String.valueOf(peers.certificateSubmissionPort));
        System.setProperty("caducee.mss.keystore", pki.keyStorePath(SandboxPki.Credential.ORGANISATION_AUTH).toString());
        System.setProperty("caducee.mss.keystore.password", pki.keyStorePassword());
    }

    /** Back to the doctor's personal mailbox (PSC token), as the other tests expect. */
    void configureDoctor() {
        System.clearProperty("caducee.mss.keystore");
        System.clearProperty("caducee.mss.keystore.password");
        configure(DOCTOR, AuthMethod.OAUTHBEARER);
    }

    /**
     * A connector opening {@code address} with the given structure key store (null: none configured). Its timeout
     * outlasts Dovecot's growing delay after refused logins from one address (up to 15 s plus 2 s), which the refusal
     * tests run into.
     */
    MailConnector structureConnector(String address, KeyStore key, String password) {
        MssAccount account = new MssAccount(address, "localhost", peers.imapPort, "localhost", peers.certificateSubmissionPort, TransportSecurity.STARTTLS,
                AuthMethod.CERTIFICATE);
        return new MailConnector(account, new TlsMaterial(pki.trustStore(), key, password == null ? null : password.toCharArray()), null, 40_000);
    }

    MailConnector structureConnector(String address) {
        return structureConnector(address, pki.keyStore(SandboxPki.Credential.ORGANISATION_AUTH), pki.keyStorePassword());
    }

    /** Pro Santé Connect tokens of the mailbox owner (the national id is the local part of the address). */
    AccessTokenSupplier tokens() {
        return address -> psc.issueAccessToken(address.substring(0, address.indexOf('@')), null);
    }

    MailConnector connector(String address, AuthMethod auth, AccessTokenSupplier tokens) throws MssException {
        MssAccount account = new MssAccount(address, "localhost", peers.imapPort, "localhost", peers.submissionPort, TransportSecurity.STARTTLS, auth);
        return new MailConnector(account, TlsMaterial.load(pki.trustStorePath(), pki.trustStorePassword(), null, null), tokens, 10_000);
    }

    private void until(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("délai dépassé : " + what + "\n" + peers.logs());
            }
            Thread.sleep(100);
        }
    }

    /** Raw messages of the mailbox, read over IMAP (STARTTLS, XOAUTH2). */
    List<byte[]> mailbox(String address) throws Exception {
        return ImapMailbox.read(connector(address, AuthMethod.XOAUTH2, tokens()));
    }

    long count(String address, String messageId) throws Exception {
        return mailbox(address).stream().filter(b -> new String(b, StandardCharsets.UTF_8).contains(messageId)).count();
    }

    static final byte[] PDF = "%PDF-1.4\n% compte rendu de démonstration\n%%EOF\n".getBytes(StandardCharsets.ISO_8859_1);

    MssSendRequest request(String to, byte[] xdm) {
        return new MssSendRequest(List.of(to), "Compte rendu de consultation", "Pat-Trois", "Dominique", LocalDate.of(1985, 4, 12), true,
                List.of("11488-4"), PDF, "20260101_CR_PAT-TROIS_DOMINIQUE.pdf", xdm, null, false, false, "patient-demo", "medecin");
    }

    @Test
    void aDocumentSentThroughTheOutboxIsDeliveredByPostfixAndIntegratedFromDovecot() throws Exception {
        MssSender sender = Osgi.await(context, MssSender.class, TIMEOUT);
        MssReception reception = Osgi.await(context, MssReception.class, TIMEOUT);
        byte[] xdm = SandboxOperatorTest.zip("IHE_XDM/SUBSET01/DOC0001.XML", ("<ClinicalDocument>" + UUID.randomUUID() + "</ClinicalDocument>").getBytes(StandardCharsets.UTF_8));
        QueuedMessage queued = sender.send(request(DOCTOR, xdm)).get(0);
        String id = queued.messageId();
        until("message " + id + " délivré dans Dovecot", () -> {
            try {
                return count(DOCTOR, id) == 1;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        // what Dovecot holds is the stored outgoing message, byte for byte, after the trace headers of the servers
        byte[] sent = new OutgoingMessages(Osgi.await(context, Database.class, TIMEOUT), Clock.systemUTC()).find(id).orElseThrow().raw();
        byte[] received = mailbox(DOCTOR).stream().filter(b -> new String(b, StandardCharsets.UTF_8).contains(id)).findFirst().orElseThrow();
        assertThat(Arrays.copyOfRange(received, received.length - sent.length, received.length)).isEqualTo(sent);
        MimeAnalysis.Content c = MimeAnalysis.analyse(received, 10_000_000);
        assertThat(c.subject()).isEqualTo("XDM/1.0/DDM+Compte rendu de consultation PAT-TROIS Dominique 12/04/1985");
        assertThat(c.sender()).isEqualTo(DOCTOR);
        assertThat(c.message().getHeader("X-MSS-INS", null)).isEqualTo("O");
        assertThat(c.message().getHeader("X-MSS-CODECDA", null)).isEqualTo("11488-4");
        assertThat(c.message().getHeader("X-MSS-NIL", null)).isNotBlank();
        assertThat(c.message().getHeader("Received", "\n")).contains("ESMTPSA").contains(MailPeers.DOMAIN);
        assertThat(c.names()).containsExactly("20260101_CR_PAT-TROIS_DOMINIQUE.pdf", "IHE_XDM.zip");
        assertThat(c.attachments().get(0).content()).isEqualTo(PDF);
        assertThat(c.attachments().get(1).content()).isEqualTo(xdm);

        // reception: fetched over STARTTLS + OAUTHBEARER, integrated, flagged; the next poll has nothing new
        assertPollIntegrates(reception, id, xdm);
    }

    /** A poll of the configured mailbox integrates the message {@code id} carrying {@code xdm}; the next one fetches nothing. */
    void assertPollIntegrates(MssReception reception, String id, byte[] xdm) throws Exception {
        PollReport report = reception.poll();
        assertThat(report.integrated()).as("%s", report).isGreaterThanOrEqualTo(1);
        assertThat(imported).anySatisfy(z -> assertThat(z).isEqualTo(xdm));
        assertThat(reception.received(50)).anySatisfy(i -> {
            assertThat(i.messageId()).isEqualTo(id);
            assertThat(i.status()).isEqualTo(MssReception.Status.INTEGRATED);
        });
        assertThat(reception.poll().fetched()).isZero();
    }

    @Test
    void theOrganisationalMailboxSendsThroughTheOutboxAndReceivesWithTheStructureCertificateOverMutualTls() throws Exception {
        MssSender sender = Osgi.await(context, MssSender.class, TIMEOUT);
        MssReception reception = Osgi.await(context, MssReception.class, TIMEOUT);
        String box = MailPeers.STRUCTURE_MAILBOX;
        configureStructure(box);
        try {
            byte[] xdm = SandboxOperatorTest.zip("IHE_XDM/SUBSET01/DOC0001.XML", ("<ClinicalDocument>" + UUID.randomUUID() + "</ClinicalDocument>").getBytes(StandardCharsets.UTF_8));
            String id = sender.send(request(box, xdm)).get(0).messageId();
            until("message " + id + " délivré dans la boîte de la structure", () -> {
                try {
                    return ImapMailbox.read(structureConnector(box)).stream().anyMatch(b -> new String(b, StandardCharsets.UTF_8).contains(id));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            byte[] received = ImapMailbox.read(structureConnector(box)).stream().filter(b -> new String(b, StandardCharsets.UTF_8).contains(id)).findFirst()
                    .orElseThrow();
            MimeAnalysis.Content c = MimeAnalysis.analyse(received, 10_000_000);
            assertThat(c.sender()).isEqualTo(box);
            assertThat(c.attachments().get(1).content()).isEqualTo(xdm);
            // submitted without SASL (ESMTPS, not ESMTPSA), by the client certificate Postfix verified
            String trace = c.message().getHeader("Received", "\n");
            assertThat(trace).contains("ESMTPS ").doesNotContain("ESMTPSA").contains("verified OK").contains(MailPeers.STRUCTURE_ID);

            // reception of the organisational mailbox: IMAP STARTTLS + SASL EXTERNAL, integrated, flagged
            assertPollIntegrates(reception, id, xdm);
        } finally {
            configureDoctor();
        }
    }

    @Test
    void aStructureCertificateFromAnAuthorityTheServerDoesNotTrustIsRefusedWithTheFrenchMessage() throws Exception {
        KeyStore forged = ForgedCertificate.of(pki.certificate(SandboxPki.Credential.ORGANISATION_AUTH));
        MailConnector connector = structureConnector(MailPeers.STRUCTURE_MAILBOX, forged, ForgedCertificate.PASSWORD);
        for (var open : List.<ThrowingOpen>of(connector::openStore, connector::openTransport)) {
            assertThatThrownBy(open::open).isInstanceOfSatisfying(MssException.class, e -> {
                assertThat(e.kind()).as(() -> e.getMessage() + "\n" + peers.logs()).isEqualTo(MssException.Kind.AUTHENTICATION);
                assertThat(e.getMessage()).contains("a refusé le certificat de la structure").contains(MailPeers.STRUCTURE_MAILBOX)
                        .contains(DemoPractice.STRUCTURE_NAME).contains("IGC Santé");
            });
        }
    }

    /** {@code openStore} or {@code openTransport}. */
    interface ThrowingOpen {
        AutoCloseable open() throws Exception;
    }

    @Test
    void theStructureCertificateDoesNotOpenNorSendFromTheMailboxOfAnotherStructure() throws Exception {
        MailConnector connector = structureConnector(MailPeers.OTHER_STRUCTURE_MAILBOX);
        assertThatThrownBy(connector::openStore).isInstanceOfSatisfying(MssException.class, e -> {
            assertThat(e.kind()).isEqualTo(MssException.Kind.AUTHENTICATION);
            assertThat(e.getMessage()).contains("n’ouvre pas la boîte « " + MailPeers.OTHER_STRUCTURE_MAILBOX + " »").contains("autre structure")
                    .contains(DemoPractice.STRUCTURE_NAME);
        });
        // submission through the outbox: the session opens (the certificate is valid), the sender address is refused at
        // MAIL FROM; the item stays to be retried once the settings are fixed
        MssSender sender = Osgi.await(context, MssSender.class, TIMEOUT);
        OutboxService outbox = Osgi.await(context, OutboxService.class, TIMEOUT);
        OutboxHandler handler = context.getService(context.getServiceReferences(OutboxHandler.class, "(channel=" + MssSender.CHANNEL + ")").iterator().next());
        configureStructure(MailPeers.OTHER_STRUCTURE_MAILBOX);
        UUID item = null;
        try {
            item = UUID.fromString(sender.send(request(COLLEAGUE, null)).get(0).outboxItemId());
            var queued = outbox.find(item).orElseThrow();
            assertThatThrownBy(() -> handler.deliver(queued)).isInstanceOf(RetryableException.class)
                    .hasMessageContaining("n’ouvre pas la boîte « " + MailPeers.OTHER_STRUCTURE_MAILBOX + " »").hasMessageContaining("autre structure");
        } finally {
            configureDoctor();
            if (item != null) {
                try {
                    outbox.cancel(item);
                } catch (RuntimeException e) {
                    // taken by the outbox's own worker meanwhile: it fails the same way
                }
            }
        }
        // while the structure's own mailbox opens with the same certificate
        try (var store = structureConnector(MailPeers.STRUCTURE_MAILBOX).openStore()) {
            assertThat(store.isConnected()).isTrue();
        }
    }

    @Test
    void withoutAStructureCertificateOrWithAnExpiredOneOrItsSignatureCertificateTheMailboxIsNotOpenedAndTheSettingIsNamed() throws Exception {
        assertThatThrownBy(() -> structureConnector(MailPeers.STRUCTURE_MAILBOX, null, null).openStore()).isInstanceOfSatisfying(MssException.class, e -> {
            assertThat(e.kind()).isEqualTo(MssException.Kind.CONFIGURATION);
            assertThat(e.getMessage()).contains(MailPeers.STRUCTURE_MAILBOX).contains("aucun certificat n’est configuré").contains("mss.keystore");
        });
        KeyStore expired = ForgedCertificate.expired(pki.certificate(SandboxPki.Credential.ORGANISATION_AUTH));
        assertThatThrownBy(() -> structureConnector(MailPeers.STRUCTURE_MAILBOX, expired, ForgedCertificate.PASSWORD).openStore())
                .isInstanceOfSatisfying(MssException.class, e -> {
                    assertThat(e.kind()).isEqualTo(MssException.Kind.CONFIGURATION);
                    assertThat(e.getMessage()).contains("a expiré le").contains(DemoPractice.STRUCTURE_NAME).contains("mss.keystore");
                });
        assertThatThrownBy(() -> structureConnector(MailPeers.STRUCTURE_MAILBOX, pki.keyStore(SandboxPki.Credential.ORGANISATION_SIGN), pki.keyStorePassword())
                .openTransport()).isInstanceOfSatisfying(MssException.class, e -> {
                    assertThat(e.kind()).isEqualTo(MssException.Kind.CONFIGURATION);
                    assertThat(e.getMessage()).contains("ne sert pas à l’authentification").contains("ORG AUTH_CLI");
                });
    }

    @Test
    void xoauth2AndOauthbearerAreBothAcceptedByDovecotAndPostfix() throws Exception {
        for (AuthMethod auth : List.of(AuthMethod.XOAUTH2, AuthMethod.OAUTHBEARER)) {
            MailConnector connector = connector(COLLEAGUE, auth, tokens());
            try (var store = connector.openStore()) {
                assertThat(store.isConnected()).isTrue();
                assertThat(store.hasCapability("IDLE")).isTrue();
            }
            try (var transport = connector.openTransport()) {
                assertThat(transport.isConnected()).isTrue();
                assertThat(transport.getExtensionParameter("AUTH")).contains("OAUTHBEARER").contains("XOAUTH2");
            }
        }
    }

    @Test
    void anExpiredTokenOrAnotherProfessionalsTokenIsRefusedWithTheFrenchMessage() throws Exception {
        String expired = psc.issueAccessToken(DOCTOR_ID, Duration.ofSeconds(-30));
        List<String> forgotten = new CopyOnWriteArrayList<>();
        AccessTokenSupplier stale = new AccessTokenSupplier() {
            @Override
            public String accessToken(String address) {
                return expired;
            }

            @Override
            public void rejected(String address, String token) {
                forgotten.add(token);
            }
        };
        assertThatThrownBy(() -> connector(DOCTOR, AuthMethod.OAUTHBEARER, stale).openStore()).isInstanceOfSatisfying(MssException.class, e -> {
            assertThat(e.kind()).isEqualTo(MssException.Kind.AUTHENTICATION);
            assertThat(e.getMessage()).contains("refusé l’authentification").contains(DOCTOR).contains("Pro Santé Connect");
        });
        assertThat(forgotten).containsExactly(expired);
        assertThatThrownBy(() -> connector(DOCTOR, AuthMethod.XOAUTH2, stale).openTransport()).isInstanceOfSatisfying(MssException.class,
                e -> assertThat(e.getMessage()).contains("refusé l’authentification"));

        // a valid token of the colleague does not open the doctor's mailbox
        AccessTokenSupplier colleagues = address -> psc.issueAccessToken(COLLEAGUE_ID, null);
        assertThatThrownBy(() -> connector(DOCTOR, AuthMethod.XOAUTH2, colleagues).openStore()).isInstanceOfSatisfying(MssException.class,
                e -> assertThat(e.kind()).isEqualTo(MssException.Kind.AUTHENTICATION));
    }

    @Test
    void aServerCertificateOutsideTheConfiguredAuthoritiesIsRefusedAfterStarttls() throws Exception {
        KeyStore jdk = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(Path.of(System.getProperty("java.home"), "lib", "security", "cacerts"))) {
            jdk.load(in, "changeit".toCharArray());
        }
        MssAccount account = new MssAccount(DOCTOR, "localhost", peers.imapPort, "localhost", peers.submissionPort, TransportSecurity.STARTTLS,
                AuthMethod.OAUTHBEARER);
        MailConnector connector = new MailConnector(account, new TlsMaterial(jdk, null, null), tokens(), 10_000);
        assertThatThrownBy(connector::openStore).isInstanceOfSatisfying(MssException.class, e -> {
            assertThat(e.kind()).isEqualTo(MssException.Kind.TLS);
            assertThat(e.getMessage()).contains("IGC Santé");
        });
        assertThatThrownBy(connector::openTransport).isInstanceOfSatisfying(MssException.class,
                e -> assertThat(e.kind()).isEqualTo(MssException.Kind.TLS));

        // the same with the structure's certificate: the server is refused before the certificate is ever used
        MssAccount structure = new MssAccount(MailPeers.STRUCTURE_MAILBOX, "localhost", peers.imapPort, "localhost", peers.certificateSubmissionPort,
                TransportSecurity.STARTTLS, AuthMethod.CERTIFICATE);
        MailConnector mutual = new MailConnector(structure,
                new TlsMaterial(jdk, pki.keyStore(SandboxPki.Credential.ORGANISATION_AUTH), pki.keyStorePassword().toCharArray()), null, 10_000);
        for (var open : List.<ThrowingOpen>of(mutual::openStore, mutual::openTransport)) {
            assertThatThrownBy(open::open).isInstanceOfSatisfying(MssException.class, e -> {
                assertThat(e.kind()).isEqualTo(MssException.Kind.TLS);
                assertThat(e.getMessage()).contains("IGC Santé");
            });
        }
    }

    @Test
    void afterARestartOfPostfixTheOutboxItemIsSentOnceAndAfterARestartOfDovecotTheNextMessageIsFetched() throws Exception {
        MssSender sender = Osgi.await(context, MssSender.class, TIMEOUT);
        MssReception reception = Osgi.await(context, MssReception.class, TIMEOUT);
        OutboxService outbox = Osgi.await(context, OutboxService.class, TIMEOUT);
        OutboxHandler handler = context.getService(context.getServiceReferences(OutboxHandler.class, "(channel=" + MssSender.CHANNEL + ")").iterator().next());
        reception.poll();

        // submission server down: the delivery is retried, nothing is lost
        peers.stopPostfix();
        String id;
        QueuedMessage queued;
        try {
            queued = sender.send(request(COLLEAGUE, null)).get(0);
            id = queued.messageId();
            var item = outbox.find(UUID.fromString(queued.outboxItemId())).orElseThrow();
            assertThatThrownBy(() -> handler.deliver(item)).isInstanceOf(RetryableException.class).hasMessageContaining("ne répond pas");
        } finally {
            peers.startPostfix();
        }
        var item = outbox.find(UUID.fromString(queued.outboxItemId())).orElseThrow();
        handler.deliver(item);
        handler.deliver(item); // handed twice (crash before the outbox recorded the success): submitted once
        String sentId = id;
        until("message délivré après le redémarrage de Postfix", () -> {
            try {
                return count(COLLEAGUE, sentId) == 1;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(500);
        assertThat(count(COLLEAGUE, id)).isEqualTo(1);

        // IMAP server restarted: the next poll reconnects and fetches the new message
        peers.stopDovecot();
        assertThatThrownBy(reception::poll).isInstanceOfSatisfying(MssException.class, e -> assertThat(e.kind()).isEqualTo(MssException.Kind.CONNECTION));
        peers.startDovecot();
        String next = sender.send(request(DOCTOR, SandboxOperatorTest.zip("IHE_XDM/SUBSET01/DOC0001.XML", "<ClinicalDocument/>".getBytes(StandardCharsets.UTF_8)))).get(0)
                .messageId();
        until("message relevé après le redémarrage de Dovecot", () -> {
            try {
                reception.poll();
                return reception.received(50).stream().anyMatch(i -> i.messageId().equals(next));
            } catch (MssException e) {
                return false;
            }
        });
    }

    /** Submits a small message over SMTP (STARTTLS, OAUTHBEARER) as the doctor. */
    String submit(String to) throws Exception {
        MailConnector connector = connector(DOCTOR, AuthMethod.OAUTHBEARER, tokens());
        try (var transport = connector.openTransport()) {
            return MailConnector.withMailLoader(() -> {
                MimeMessage m = new MimeMessage(MailConnector.offlineSession());
                m.setFrom(new InternetAddress(DOCTOR));
                m.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
                m.setSubject("Essai IDLE", "UTF-8");
                m.setText("bonjour", "UTF-8");
                m.saveChanges();
                transport.sendMessage(m, m.getAllRecipients());
                return m.getMessageID();
            });
        }
    }

    @Test
    void idleSignalsANewMessageAtOnceAndComesBackAfterARestartOfDovecot() throws Exception {
        AtomicInteger signals = new AtomicInteger();
        IdleWatcher watcher = new IdleWatcher(() -> connector(COLLEAGUE, AuthMethod.OAUTHBEARER, tokens()), signals::incrementAndGet,
                Duration.ofSeconds(2), Duration.ofSeconds(5)).start();
        try {
            until("session IDLE ouverte", () -> watcher.connected() && signals.get() >= 1);
            int before = signals.get();
            submit(COLLEAGUE);
            until("nouveau message signalé par IDLE", () -> signals.get() > before);

            peers.stopDovecot();
            peers.startDovecot();
            until("session IDLE rouverte", () -> watcher.sessions() >= 2 && watcher.connected());
            int after = signals.get();
            // Postfix's SASL link to Dovecot's auth service was cut by the restart: its first attempt may fail
            until("message soumis après le redémarrage", () -> {
                try {
                    submit(COLLEAGUE);
                    return true;
                } catch (Exception e) {
                    return false;
                }
            });
            until("message signalé après la reconnexion", () -> signals.get() > after);
            assertThat(watcher.idleOffered()).isTrue();
        } finally {
            watcher.close();
        }
        assertThat(watcher.connected()).isFalse();
    }

    @Test
    void anExpiredTokenIsRefreshedAndTheIdleSessionOpensAtTheNextAttempt() throws Exception {
        AtomicReference<String> current = new AtomicReference<>(psc.issueAccessToken(COLLEAGUE_ID, Duration.ofSeconds(-30)));
        List<String> refused = new CopyOnWriteArrayList<>();
        AccessTokenSupplier session = new AccessTokenSupplier() {
            @Override
            public String accessToken(String address) {
                return current.get();
            }

            @Override
            public void rejected(String address, String token) {
                refused.add(token);
                current.compareAndSet(token, psc.issueAccessToken(COLLEAGUE_ID, null)); // what PscTokenSupplier's refresh does
            }
        };
        String expired = current.get();
        IdleWatcher watcher = new IdleWatcher(() -> connector(COLLEAGUE, AuthMethod.OAUTHBEARER, session), () -> {
        }, Duration.ofSeconds(1), Duration.ofSeconds(5)).start();
        try {
            until("session IDLE ouverte avec le jeton rafraîchi", watcher::connected);
            assertThat(refused).containsExactly(expired);
            assertThat(watcher.sessions()).isEqualTo(1);
        } finally {
            watcher.close();
        }
    }
}
