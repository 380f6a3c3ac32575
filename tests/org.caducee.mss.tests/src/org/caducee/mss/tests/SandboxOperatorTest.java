package org.caducee.mss.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.caducee.mss.AccessTokenSupplier;
import org.caducee.mss.MssAccount;
import org.caducee.mss.MssAccount.AuthMethod;
import org.caducee.mss.MssAccount.TransportSecurity;
import org.caducee.mss.MssErrorCode;
import org.caducee.mss.MssException;
import org.caducee.mss.MssReception;
import org.caducee.mss.MssReception.PollReport;
import org.caducee.mss.MssReception.ReceivedItem;
import org.caducee.mss.MssSendRequest;
import org.caducee.mss.MssSender;
import org.caducee.mss.MssSender.QueuedMessage;
import org.caducee.mss.ReceivedDocumentImport;
import org.caducee.mss.internal.MailConnector;
import org.caducee.mss.internal.MimeAnalysis;
import org.caducee.mss.internal.TlsMaterial;
import org.caducee.sandbox.SandboxPki;
import org.caducee.sandbox.mss.SandboxMssOperator;
import org.caducee.testing.Osgi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;

import jakarta.mail.internet.MimeMessage;

/**
 * The MSSanté client against the sandbox operator (GreenMail IMAPS/SMTPS on loopback, test PKI, token auth), in the
 * OSGi runtime with the real store, outbox and audit trail. Messages are read back over IMAP as a recipient would.
 */
class SandboxOperatorTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private BundleContext context;
    private SandboxMssOperator operator;
    private SandboxPki pki;
    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        context = FrameworkUtil.getBundle(MssSender.class).getBundleContext();
        operator = Osgi.await(context, SandboxMssOperator.class, TIMEOUT);
        pki = Osgi.await(context, SandboxPki.class, TIMEOUT);
        until("opérateur démarré", () -> operator.imapPort() != 0);
        System.setProperty("caducee.mss.error.mailbox", SandboxMssOperator.ERROR_MAILBOX);
    }

    @AfterEach
    void tearDown() {
        registrations.forEach(ServiceRegistration::unregister);
        registrations.clear();
    }

    /** Waits (up to a minute) for the condition. */
    static void until(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("délai dépassé : " + what);
            }
            Thread.sleep(50);
        }
    }

    private MailConnector connectorFor(String address, AccessTokenSupplier tokens) throws MssException {
        MssAccount account = new MssAccount(address, "localhost", operator.imapPort(), "localhost", operator.smtpPort(), TransportSecurity.IMPLICIT_TLS,
                AuthMethod.XOAUTH2);
        return new MailConnector(account, TlsMaterial.load(pki.trustStorePath(), pki.trustStorePassword(), null, null), tokens, 10_000);
    }

    /** Messages of the mailbox read over IMAPS with an access token, as raw bytes. */
    private List<byte[]> readOverImap(String address) throws Exception {
        return ImapMailbox.read(connectorFor(address, (AccessTokenSupplier) operator));
    }

    private MimeAnalysis.Content find(String address, String messageId) throws Exception {
        until("message " + messageId + " reçu par " + address, () -> operator.inbox(address).stream().anyMatch(b -> new String(b, StandardCharsets.UTF_8).contains(messageId)));
        for (byte[] raw : readOverImap(address)) {
            MimeAnalysis.Content c = MimeAnalysis.analyse(raw, 10_000_000);
            if (messageId.equals(c.messageId())) {
                return c;
            }
        }
        throw new AssertionError("message absent de la boîte IMAP : " + messageId);
    }

    /** An archive with one entry (what the tests put in an IHE_XDM.zip). */
    static byte[] zip(String name, byte[] content) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            z.putNextEntry(new ZipEntry(name));
            z.write(content);
            z.closeEntry();
        }
        return out.toByteArray();
    }

    private static final byte[] PDF = "%PDF-1.4\n% document de démonstration\n%%EOF\n".getBytes(StandardCharsets.ISO_8859_1);

    private MssSendRequest request(List<String> to, byte[] xdm) {
        return new MssSendRequest(to, "Compte rendu de consultation", "Pat-Trois", "Dominique", LocalDate.of(1985, 4, 12), true, List.of("11488-4"), PDF,
                "20260101_CR_PAT-TROIS_DOMINIQUE.pdf", xdm, null, true, false, "patient-demo", "medecin");
    }

    @Test
    void aSentDocumentArrivesWithTheSubjectHeadersAndBothAttachments() throws Exception {
        MssSender sender = Osgi.await(context, MssSender.class, TIMEOUT);
        byte[] xdm = zip("IHE_XDM/SUBSET01/DOC0001.XML", "<ClinicalDocument/>".getBytes(StandardCharsets.UTF_8));
        List<QueuedMessage> queued = sender.send(request(List.of(SandboxMssOperator.ROBOT), xdm));
        assertThat(queued).hasSize(1);

        MimeAnalysis.Content c = find(SandboxMssOperator.ROBOT, queued.get(0).messageId());
        assertThat(c.subject()).isEqualTo("XDM/1.0/DDM+Compte rendu de consultation PAT-TROIS Dominique 12/04/1985");
        assertThat(c.sender()).isEqualTo(SandboxMssOperator.DOCTOR);
        MimeMessage m = c.message();
        assertThat(m.getHeader("X-MSS-INS", null)).isEqualTo("O");
        assertThat(m.getHeader("X-MSS-CODECDA", null)).isEqualTo("11488-4");
        assertThat(m.getHeader("X-MSS-NIL", null)).isNotBlank();
        assertThat(m.getHeader("Disposition-Notification-To", null)).isEqualTo(SandboxMssOperator.DOCTOR);
        assertThat(m.getHeader("X-MSS-MES", null)).isNull();
        assertThat(c.names()).containsExactly("20260101_CR_PAT-TROIS_DOMINIQUE.pdf", "IHE_XDM.zip");
        assertThat(c.attachments().get(0).content()).isEqualTo(PDF);
        assertThat(c.attachments().get(1).content()).isEqualTo(xdm);
    }

    @Test
    void aCorrespondentWhoReadsPdfOnlyGetsItsOwnMessageWithoutTheXdm() throws Exception {
        MssSender sender = Osgi.await(context, MssSender.class, TIMEOUT);
        sender.setPdfOnly(SandboxMssOperator.PDF_ONLY_CORRESPONDENT, true);
        byte[] xdm = zip("IHE_XDM/SUBSET01/DOC0001.XML", "<ClinicalDocument/>".getBytes(StandardCharsets.UTF_8));
        List<QueuedMessage> queued = sender.send(request(List.of(SandboxMssOperator.ROBOT, SandboxMssOperator.PDF_ONLY_CORRESPONDENT), xdm));
        assertThat(queued).hasSize(2);
        QueuedMessage pdfOnly = queued.stream().filter(q -> !q.withXdm()).findFirst().orElseThrow();
        assertThat(pdfOnly.to()).containsExactly(SandboxMssOperator.PDF_ONLY_CORRESPONDENT);

        MimeAnalysis.Content c = find(SandboxMssOperator.PDF_ONLY_CORRESPONDENT, pdfOnly.messageId());
        assertThat(c.names()).containsExactly("20260101_CR_PAT-TROIS_DOMINIQUE.pdf");
        assertThat(c.message().getHeader("X-MSS-CODECDA", null)).isNull();
        assertThat(c.message().getHeader("X-MSS-INS", null)).isEqualTo("O");
        assertThat(sender.pdfOnly(SandboxMssOperator.PDF_ONLY_CORRESPONDENT.toUpperCase())).isTrue();
    }

    @Test
    void aMessageToAPatientNeedsAQualifiedIns() throws Exception {
        MssSender sender = Osgi.await(context, MssSender.class, TIMEOUT);
        MssSendRequest notQualified = new MssSendRequest(List.of("285047505612345@patient.mssante.fr"), "Compte rendu", "PAT-TROIS", "Dominique",
                LocalDate.of(1985, 4, 12), false, List.of(), PDF, null, null, null, false, true, "p", "medecin");
        assertThatThrownBy(() -> sender.send(notQualified)).isInstanceOf(MssException.class).hasMessageContaining("INS qualifiée");
    }

    @Test
    void aServerCertificateOutsideIgcSanteIsRefusedWithAClearMessage() throws Exception {
        KeyStore jdk = KeyStore.getInstance("PKCS12");
        Path cacerts = Path.of(System.getProperty("java.home"), "lib", "security", "cacerts");
        try (InputStream in = Files.newInputStream(cacerts)) {
            jdk.load(in, "changeit".toCharArray());
        }
        MssAccount account = new MssAccount(SandboxMssOperator.DOCTOR, "localhost", operator.imapPort(), "localhost", operator.smtpPort(),
                TransportSecurity.IMPLICIT_TLS, AuthMethod.XOAUTH2);
        MailConnector connector = new MailConnector(account, new TlsMaterial(jdk, null, null), (AccessTokenSupplier) operator, 10_000);
        assertThatThrownBy(connector::openStore).isInstanceOfSatisfying(MssException.class, e -> {
            assertThat(e.kind()).isEqualTo(MssException.Kind.TLS);
            assertThat(e.getMessage()).contains("IGC Santé");
        });
    }

    /**
     * The sandbox operator (GreenMail) takes only Pro Santé Connect tokens: a mailbox configured for the structure's
     * certificate is told so, and no other login is attempted in its place.
     */
    @Test
    void theSandboxOperatorSaysItDoesNotTakeTheStructureCertificate() throws Exception {
        MssAccount account = new MssAccount(SandboxMssOperator.DOCTOR, "localhost", operator.imapPort(), "localhost", operator.smtpPort(),
                TransportSecurity.IMPLICIT_TLS, AuthMethod.CERTIFICATE);
        MailConnector connector = new MailConnector(account, new TlsMaterial(pki.trustStore(), pki.keyStore(SandboxPki.Credential.ORGANISATION_AUTH),
                pki.keyStorePassword().toCharArray()), null, 10_000);
        assertThatThrownBy(connector::openStore).isInstanceOfSatisfying(MssException.class, e -> {
            assertThat(e.kind()).isEqualTo(MssException.Kind.AUTHENTICATION);
            assertThat(e.getMessage()).contains("ne propose pas l’authentification par le certificat de la structure").contains(SandboxMssOperator.DOCTOR);
        });
    }

    @Test
    void aRefusedTokenGivesAnAuthenticationMessageAndIsForgotten() throws Exception {
        List<String> rejected = new CopyOnWriteArrayList<>();
        AccessTokenSupplier stale = new AccessTokenSupplier() {
            @Override
            public String accessToken(String address) {
                return "jeton-expire";
            }

            @Override
            public void rejected(String address, String token) {
                rejected.add(token);
            }
        };
        assertThatThrownBy(() -> connectorFor(SandboxMssOperator.DOCTOR, stale).openStore()).isInstanceOfSatisfying(MssException.class, e -> {
            assertThat(e.kind()).isEqualTo(MssException.Kind.AUTHENTICATION);
            assertThat(e.getMessage()).contains("refusé l’authentification").contains("Pro Santé Connect");
        });
        assertThat(rejected).containsExactly("jeton-expire");
    }

    @Test
    void receptionIntegratesMatchingDocumentsAndKeepsTheOthersWithAnErrorMail() throws Exception {
        MssReception reception = Osgi.await(context, MssReception.class, TIMEOUT);
        List<String> imported = new CopyOnWriteArrayList<>();
        // until the xds bundle lands: an engine that integrates the TSH result and refuses the others (INS mismatch)
        ReceivedDocumentImport engine = new ReceivedDocumentImport() {
            @Override
            public Outcome importXdm(byte[] xdmZip, Origin origin) {
                imported.add(origin.messageId());
                String all = new String(xdmZip, StandardCharsets.ISO_8859_1);
                return all.contains("TSH") ? Outcome.integrated(List.of("doc-" + imported.size()))
                        : Outcome.refused(MssErrorCode.INS_MISMATCH, "INS du document différente de celle du dossier");
            }

            @Override
            public Outcome importXdmFor(byte[] xdmZip, UUID patientId, Origin origin) {
                return Outcome.integrated(List.of("manuel-" + patientId));
            }
        };
        Hashtable<String, Object> ranking = new Hashtable<>();
        ranking.put(org.osgi.framework.Constants.SERVICE_RANKING, 1000);
        registrations.add(context.registerService(ReceivedDocumentImport.class, engine, ranking));
        reception.poll(); // drain what earlier tests left

        Path examples = Path.of(System.getProperty("caducee.shared"), "ans", "xdm-examples");
        List<String> sent = operator.sendExamples(examples);
        assertThat(sent).hasSizeGreaterThanOrEqualTo(10);
        PollReport report = reception.poll();
        assertThat(report.fetched()).isEqualTo(sent.size());
        assertThat(report.integrated() + report.worklist()).isEqualTo(sent.size());
        assertThat(report.worklist()).isGreaterThan(0);
        assertThat(imported).containsExactlyInAnyOrderElementsOf(sent);

        List<ReceivedItem> worklist = reception.worklist();
        assertThat(worklist).filteredOn(i -> sent.contains(i.messageId())).hasSize(report.worklist())
                .allSatisfy(i -> assertThat(i.code()).isEqualTo(MssErrorCode.INS_MISMATCH));

        // the error mailbox gets one report per refused message, with the code and the original attachments
        until("rapports d’erreur", () -> operator.inbox(SandboxMssOperator.ERROR_MAILBOX).size() >= report.worklist());
        MimeAnalysis.Content error = MimeAnalysis.analyse(operator.inbox(SandboxMssOperator.ERROR_MAILBOX).get(0), 50_000_000);
        assertThat(error.subject()).startsWith("[Erreur d'intégration !][904] XDM/1.0/DDM+");
        assertThat(error.names()).contains("message-origine.eml", "IHE_XDM.zip");

        // a second poll sees nothing new: integrated messages are flagged, refused ones are known duplicates
        PollReport again = reception.poll();
        assertThat(again.integrated()).isZero();
        assertThat(again.worklist()).isZero();

        // manual integration of a worklist item
        ReceivedItem item = worklist.stream().filter(i -> sent.contains(i.messageId())).findFirst().orElseThrow();
        ReceivedItem done = reception.integrate(item.id(), UUID.randomUUID(), "medecin");
        assertThat(done.status()).isEqualTo(MssReception.Status.MANUALLY_INTEGRATED);
        assertThat(reception.worklist()).extracting(ReceivedItem::id).doesNotContain(item.id());
    }

    @Test
    void hostileMessagesGoToTheWorklistWithAReasonAndStayInTheMailbox() throws Exception {
        MssReception reception = Osgi.await(context, MssReception.class, TIMEOUT);
        reception.poll();
        int before = operator.inbox(SandboxMssOperator.DOCTOR).size();
        // a zip bomb: 20 MB of zeros compressed to a few kB
        ByteArrayOutputStream bomb = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(bomb)) {
            z.putNextEntry(new ZipEntry("IHE_XDM/SUBSET01/DOC0001.XML"));
            z.write(new byte[20 * 1024 * 1024]);
            z.closeEntry();
        }
        String bombId = "<bombe-" + UUID.randomUUID() + "@robot>";
        operator.deliver(SandboxMssOperator.DOCTOR, rawWithZip(bombId, bomb.toByteArray()));
        String brokenId = "<casse-" + UUID.randomUUID() + "@robot>";
        String broken = "Message-ID: " + brokenId + "\r\nFrom: " + SandboxMssOperator.ROBOT + "\r\nSubject: XDM/1.0/DDM+CR X Y 01/01/2000\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\nContent-Type: application/zip; name=IHE_XDM.zip\r\n"
                + "Content-Disposition: attachment; filename=IHE_XDM.zip\r\nContent-Transfer-Encoding: base64\r\n\r\n@@@@ pas du base64 @@@@\r\n";
        operator.deliver(SandboxMssOperator.DOCTOR, broken.getBytes(StandardCharsets.US_ASCII));

        PollReport report = reception.poll();
        assertThat(report.worklist()).isEqualTo(2);
        assertThat(reception.worklist()).filteredOn(i -> i.messageId().equals(bombId)).singleElement()
                .satisfies(i -> assertThat(i.reason()).doesNotContain("DCH").isNotBlank());
        System.out.println("bombe : " + reception.worklist().stream().filter(i -> i.messageId().equals(bombId)).findFirst().orElseThrow().reason());
        System.out.println("cassé : " + reception.worklist().stream().filter(i -> i.messageId().equals(brokenId)).findFirst().orElseThrow().reason());
        assertThat(reception.worklist()).filteredOn(i -> i.messageId().equals(brokenId)).singleElement()
                .satisfies(i -> assertThat(i.reason()).isNotBlank());
        assertThat(operator.inbox(SandboxMssOperator.DOCTOR)).hasSize(before + 2);
        assertThat(reception.poll().worklist()).isZero();
    }

    @Test
    void theDirectoryFindsMailboxesByNameAndCityWithEveryField() throws Exception {
        org.caducee.mss.MssDirectory directory = Osgi.await(context, org.caducee.mss.MssDirectory.class, TIMEOUT);
        var martins = directory.search(new org.caducee.mss.MssDirectory.Query("martin", null, null, null, null, null));
        assertThat(martins).extracting(org.caducee.mss.MssDirectory.Entry::mailbox)
                .containsExactlyInAnyOrder(SandboxMssOperator.PDF_ONLY_CORRESPONDENT, "luc.martin@" + SandboxMssOperator.DOMAIN);
        var inLyon = directory.search(new org.caducee.mss.MssDirectory.Query("MARTIN", null, null, "lyon", null, null));
        assertThat(inLyon).singleElement().satisfies(e -> {
            assertThat(e.firstName()).isEqualTo("Jean");
            assertThat(e.specialty()).isEqualTo("Cardiologie");
            assertThat(e.postalCode()).isEqualTo("69003");
            assertThat(e.mailboxType()).isEqualTo("PER");
            assertThat(e.rpps()).isNotBlank();
        });
        var byRpps = directory.search(new org.caducee.mss.MssDirectory.Query(null, null, org.caducee.sandbox.DemoPractice.DOCTOR_RPPS, null, null, null));
        assertThat(byRpps).extracting(org.caducee.mss.MssDirectory.Entry::mailbox).containsExactly(SandboxMssOperator.DOCTOR);
    }

    @Test
    void aMessageDeliveredTwiceByTheOutboxIsSentOnceAndAReceivedDuplicateIsIgnored() throws Exception {
        MssSender sender = Osgi.await(context, MssSender.class, TIMEOUT);
        List<QueuedMessage> queued = sender.send(request(List.of(SandboxMssOperator.ROBOT), null));
        String id = queued.get(0).messageId();
        find(SandboxMssOperator.ROBOT, id);
        // the process "crashed" after the send: the outbox hands the same item again
        org.caducee.outbox.OutboxHandler handler = context.getService(context.getServiceReferences(org.caducee.outbox.OutboxHandler.class,
                "(channel=" + MssSender.CHANNEL + ")").iterator().next());
        org.caducee.outbox.OutboxService outbox = Osgi.await(context, org.caducee.outbox.OutboxService.class, TIMEOUT);
        handler.deliver(outbox.find(UUID.fromString(queued.get(0).outboxItemId())).orElseThrow());
        Thread.sleep(500);
        assertThat(operator.inbox(SandboxMssOperator.ROBOT).stream().filter(b -> new String(b, StandardCharsets.UTF_8).contains(id))).hasSize(1);

        // the same message arriving twice in the doctor's mailbox is integrated once
        MssReception reception = Osgi.await(context, MssReception.class, TIMEOUT);
        reception.poll();
        byte[] raw = operator.inbox(SandboxMssOperator.ROBOT).stream().filter(b -> new String(b, StandardCharsets.UTF_8).contains(id)).findFirst().orElseThrow();
        operator.deliver(SandboxMssOperator.DOCTOR, raw);
        operator.deliver(SandboxMssOperator.DOCTOR, raw);
        PollReport report = reception.poll();
        assertThat(report.fetched()).isEqualTo(2);
        assertThat(report.duplicates()).isEqualTo(1);
        assertThat(reception.received(100)).filteredOn(i -> i.messageId().equals(id)).hasSize(1);
    }

    @Test
    void aMessageFromAPatientIsKeptApartForTheUserWithoutErrorReport() throws Exception {
        MssReception reception = Osgi.await(context, MssReception.class, TIMEOUT);
        reception.poll();
        int reports = operator.inbox(SandboxMssOperator.ERROR_MAILBOX).size();
        String id = operator.sendPatientMessage("285047505612345", "Bonjour docteur, dois-je continuer le traitement ?");
        PollReport report = reception.poll();
        assertThat(report.worklist()).isEqualTo(1);
        assertThat(reception.worklist()).filteredOn(i -> i.messageId().equals(id)).singleElement().satisfies(i -> {
            assertThat(i.fromPatient()).isTrue();
            assertThat(i.code()).isNull();
            assertThat(i.sender()).isEqualTo("285047505612345@patient.mssante.fr");
        });
        Thread.sleep(300);
        assertThat(operator.inbox(SandboxMssOperator.ERROR_MAILBOX)).hasSize(reports);
    }

    @Test
    void aPatientMessageWithoutDocumentIsMarkedHandledFromTheWorklistAndTraced() throws Exception {
        MssReception reception = Osgi.await(context, MssReception.class, TIMEOUT);
        reception.poll();
        String id = operator.sendPatientMessage("285047505612345", "Bonjour docteur, pouvez-vous me rappeler ?");
        String withZip = "<zip-" + UUID.randomUUID() + "@test.caducee>";
        operator.deliver(SandboxMssOperator.DOCTOR, rawWithZip(withZip, zip("README.TXT", "pas de CDA".getBytes(StandardCharsets.UTF_8))));
        reception.poll();
        ReceivedItem patientMessage = reception.worklist().stream().filter(i -> i.messageId().equals(id)).findFirst().orElseThrow();
        assertThat(patientMessage.nothingToIntegrate()).isTrue();

        org.caducee.testing.CliHarness cli = org.caducee.testing.CliHarness.osgi(context, TIMEOUT);
        assertThat(cli.run(new org.caducee.mss.internal.MssCliCommand().command(cli), "worklist")).isZero();
        assertThat(cli.output()).contains(patientMessage.id() + "  [patient] [sans document] 285047505612345@patient.mssante.fr");
        assertThat(cli.run(new org.caducee.mss.internal.MssCliCommand().command(cli), "handled", patientMessage.id().toString(), "--note",
                "patiente rappelée, traitement poursuivi", "--json")).isZero();
        assertThat(cli.data()).containsEntry("status", "HANDLED").containsEntry("id", patientMessage.id().toString());
        assertThat((String) cli.data().get("reason")).endsWith(" : patiente rappelée, traitement poursuivi").startsWith("Traité par ");

        assertThat(reception.worklist()).extracting(ReceivedItem::messageId).doesNotContain(id);
        assertThat(reception.received(200)).filteredOn(i -> i.messageId().equals(id)).singleElement()
                .satisfies(i -> assertThat(i.status()).isEqualTo(MssReception.Status.HANDLED));
        org.caducee.core.audit.AuditTrail audit = Osgi.await(context, org.caducee.core.audit.AuditTrail.class, TIMEOUT);
        assertThat(audit.forSubject(id)).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo("mss.received.handled");
            assertThat(e.detail()).contains("285047505612345@patient.mssante.fr").contains("patiente rappelée");
        });

        // done once only; a message that carries a document must be integrated, not closed
        assertThatThrownBy(() -> reception.markHandled(patientMessage.id(), null, "medecin")).isInstanceOf(MssException.class)
                .hasMessageContaining("déjà");
        ReceivedItem zipped = reception.worklist().stream().filter(i -> i.messageId().equals(withZip)).findFirst().orElseThrow();
        assertThat(zipped.nothingToIntegrate()).isFalse();
        assertThatThrownBy(() -> reception.markHandled(zipped.id(), null, "medecin")).isInstanceOf(MssException.class)
                .hasMessageContaining("IHE_XDM.zip").hasMessageContaining("intégrez-le");
        int code = cli.run(new org.caducee.mss.internal.MssCliCommand().command(cli), "handled", "pas-un-identifiant");
        assertThat(code).isNotZero();
        assertThat(cli.errors()).isNotBlank();
    }

    private static byte[] rawWithZip(String messageId, byte[] zip) {
        String b64 = java.util.Base64.getMimeEncoder().encodeToString(zip);
        String raw = "Message-ID: " + messageId + "\r\nFrom: " + SandboxMssOperator.ROBOT + "\r\nTo: " + SandboxMssOperator.DOCTOR
                + "\r\nSubject: XDM/1.0/DDM+CR BOMBE TEST 01/01/2000\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n"
                + "--b\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nbonjour\r\n--b\r\nContent-Type: application/zip\r\n"
                + "Content-Disposition: attachment; filename=IHE_XDM.zip\r\nContent-Transfer-Encoding: base64\r\n\r\n" + b64 + "\r\n--b--\r\n";
        return raw.getBytes(StandardCharsets.US_ASCII);
    }
}
