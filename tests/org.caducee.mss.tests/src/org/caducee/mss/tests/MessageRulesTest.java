package org.caducee.mss.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.caducee.core.identity.BirthTraits;
import org.caducee.core.identity.Identity;
import org.caducee.core.identity.IdentityDocumentCheck;
import org.caducee.core.identity.IdentityStatus;
import org.caducee.core.identity.Ins;
import org.caducee.core.identity.InsType;
import org.caducee.core.identity.Sex;
import org.caducee.mss.MssAccount;
import org.caducee.mss.MssAccount.AuthMethod;
import org.caducee.mss.MssAccount.TransportSecurity;
import org.caducee.mss.MssErrorCode;
import org.caducee.mss.MssSubject;
import org.caducee.mss.PatientMailbox;
import org.caducee.mss.internal.AutoConfigurator;
import org.caducee.mss.internal.MimeAnalysis;
import org.junit.jupiter.api.Test;

/** The message rules of the MSSanté client reference, without any server. */
class MessageRulesTest {

    @Test
    void aBase64AttachmentComesOutByteForByteAndTooLargeOrTruncatedOnesAreRefused() throws Exception {
        byte[] zip = new byte[70_001];
        new java.util.Random(7).nextBytes(zip);
        String b64 = java.util.Base64.getMimeEncoder(60, new byte[] { '\r', '\n' }).encodeToString(zip);
        String raw = "From: laboratoire@bio.mssante.fr\r\nTo: medecin@test.mssante.fr\r\nSubject: CR\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"B\"\r\n\r\n--B\r\nContent-Type: text/plain\r\n\r\nBonjour\r\n--B\r\n"
                + "Content-Type: application/zip; name=\"IHE_XDM.ZIP\"\r\nContent-Disposition: attachment; filename=\"IHE_XDM.ZIP\"\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n" + b64 + "\r\n--B--\r\n";

        MimeAnalysis.Content content = MimeAnalysis.analyse(raw.getBytes(StandardCharsets.ISO_8859_1), 1_000_000);
        assertThat(content.xdm()).singleElement().satisfies(a -> assertThat(a.content()).isEqualTo(zip));

        assertThatThrownBy(() -> MimeAnalysis.analyse(raw.getBytes(StandardCharsets.ISO_8859_1), 70_000))
                .isInstanceOf(MimeAnalysis.TooLargeException.class);
        String truncated = raw.replace(b64, b64.substring(0, b64.length() - 3));
        assertThatThrownBy(() -> MimeAnalysis.analyse(truncated.getBytes(StandardCharsets.ISO_8859_1), 1_000_000)).isInstanceOf(IOException.class);
    }

    @Test
    void foldedHeadersBareLineFeedsAndNestedPartsReadAsJakartaMailReadsThem() throws Exception {
        byte[] zip = new byte[5_000];
        new java.util.Random(11).nextBytes(zip);
        byte[] pdf = "%PDF-1.4\n%%EOF\n".getBytes(StandardCharsets.ISO_8859_1);
        String crlf = "From: =?UTF-8?Q?Laboratoire_d=E2=80=99analyses?= <laboratoire@bio.mssante.fr>\r\nTo: medecin@test.mssante.fr\r\n"
                + "Subject: XDM/1.0/DDM+Compte rendu\r\n\t=?UTF-8?Q?h=C3=A9matologie?= DUPONT Jean 01/02/1960\r\nMIME-Version: 1.0\r\n"
                + "Disposition-Notification-To: <laboratoire@bio.mssante.fr>\r\n"
                + "Content-Type: multipart/mixed;\r\n boundary=\"EXT\"\r\n\r\npréambule\r\n--EXT\r\n"
                + "Content-Type: multipart/alternative; boundary=\"INT\"\r\n\r\n--INT\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nBonjour\r\n"
                + "--INT\r\nContent-Type: text/html; charset=UTF-8\r\n\r\n<p>Bonjour</p>\r\n--INT--\r\n"
                + "--EXT\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment;\r\n filename=\"cr.pdf\"\r\n"
                + "Content-Transfer-Encoding: 8bit\r\n\r\n" + new String(pdf, StandardCharsets.ISO_8859_1) + "\r\n"
                + "--EXT\r\nContent-Type: application/zip\r\nContent-Disposition: attachment;\r\n\tfilename=\"IHE_XDM.zip\"\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n" + java.util.Base64.getMimeEncoder().encodeToString(zip) + "\r\n--EXT--\r\n";
        String lf = crlf.replace("\r\n", "\n");
        for (String raw : List.of(crlf, lf)) {
            byte[] bytes = raw.getBytes(StandardCharsets.ISO_8859_1);
            MimeAnalysis.Content content = MimeAnalysis.analyse(bytes, 1_000_000);
            jakarta.mail.internet.MimeMessage reference = org.caducee.mss.internal.MailConnector.parse(new java.io.ByteArrayInputStream(bytes));
            String subject = org.caducee.mss.internal.MailConnector.withMailLoader(reference::getSubject);
            assertThat(content.subject()).isEqualTo(subject).contains("hématologie DUPONT Jean 01/02/1960");
            assertThat(content.sender()).isEqualTo("laboratoire@bio.mssante.fr");
            assertThat(content.dispositionNotificationTo()).isEqualTo("laboratoire@bio.mssante.fr");
            assertThat(content.names()).containsExactly("cr.pdf", "IHE_XDM.zip");
            assertThat(content.attachments().get(0).content()).isEqualTo(pdf);
            assertThat(content.xdm()).singleElement().satisfies(a -> assertThat(a.content()).isEqualTo(zip));
        }
        // a multipart whose boundary never comes is refused, not read as empty
        String broken = crlf.replace("--EXT", "--AUTRE");
        assertThatThrownBy(() -> MimeAnalysis.analyse(broken.getBytes(StandardCharsets.ISO_8859_1), 1_000_000))
                .isInstanceOf(jakarta.mail.MessagingException.class);
    }

    @Test
    void theSubjectFollowsTheXdmFormWithTheBirthDateInFrenchOrder() {
        String subject = MssSubject.of("ECHOGRAPHIE ABDOMINOPELVIENNE", "Corse", "FIGATELLIX", LocalDate.of(1988, 10, 12));
        assertThat(subject).isEqualTo("XDM/1.0/DDM+ECHOGRAPHIE ABDOMINOPELVIENNE CORSE FIGATELLIX 12/10/1988");
        assertThat(MssSubject.isDocumentSubject(subject)).isTrue();
        assertThat(MssSubject.birthDate(MssSubject.errorMail(MssErrorCode.INS_MISMATCH, subject))).contains(LocalDate.of(1988, 10, 12));
        assertThat(MssSubject.mdnError(MssErrorCode.UNKNOWN_PATIENT, subject)).startsWith("[KO Intégration système !][902] XDM/1.0/DDM+");
    }

    @Test
    void aLabelWithLineBreaksCannotInjectHeaders() {
        String subject = MssSubject.of("CR\r\nBcc: x@y.fr", "Nom", "Prénom", LocalDate.of(2000, 1, 2));
        assertThat(subject).doesNotContain("\r").doesNotContain("\n");
    }

    @Test
    void thePatientAddressExistsOnlyForAQualifiedIns() {
        BirthTraits traits = BirthTraits.of("PAT-TROIS", "DOMINIQUE", Sex.FEMALE, LocalDate.of(1985, 4, 12), "75056");
        String number = "2850475056123";
        Ins ins = new Ins(number, Ins.computeKey(number), InsType.NIR);
        Identity provisional = Identity.provisional(traits, null, null);
        assertThat(PatientMailbox.address(provisional)).isEmpty();
        Identity recovered = provisional.withInsFromInsi(ins, traits);
        assertThat(PatientMailbox.address(recovered)).isEmpty();
        Identity qualified = recovered.withDocumentCheck(new IdentityDocumentCheck(IdentityDocumentCheck.DocumentType.values()[0], "secretaire", Instant.now()));
        assertThat(qualified.status()).isEqualTo(IdentityStatus.QUALIFIEE);
        assertThat(PatientMailbox.address(qualified)).contains(ins.value() + "@patient.mssante.fr");
        assertThat(PatientMailbox.isPatient("285047505612345@patient.mssante.fr")).isTrue();
        assertThat(PatientMailbox.isPatient("dr.x@medecin.mssante.fr")).isFalse();
    }

    @Test
    void autoconfigurationPrefersImplicitTlsAndIgnoresPlainServers() {
        String xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <clientConfig version="1.1"><emailProvider id="operateur.fr">
                  <incomingServer type="imap"><hostname>imap.operateur.fr</hostname><port>143</port><socketType>plain</socketType></incomingServer>
                  <incomingServer type="imap"><hostname>imap.operateur.fr</hostname><port>993</port><socketType>SSL</socketType></incomingServer>
                  <outgoingServer type="smtp"><hostname>smtp.%EMAILDOMAIN%</hostname><port>465</port><socketType>SSL</socketType></outgoingServer>
                </emailProvider></clientConfig>""";
        MssAccount a = AutoConfigurator.parse("dr.x@operateur.fr", AuthMethod.XOAUTH2, xml.getBytes(StandardCharsets.UTF_8)).orElseThrow();
        assertThat(a.imapHost()).isEqualTo("imap.operateur.fr");
        assertThat(a.imapPort()).isEqualTo(993);
        assertThat(a.smtpHost()).isEqualTo("smtp.operateur.fr");
        assertThat(a.security()).isEqualTo(TransportSecurity.IMPLICIT_TLS);
    }

    @Test
    void autoconfigurationWithADoctypeIsRefused() {
        String xml = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><clientConfig>&e;</clientConfig>";
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> AutoConfigurator.parse("a@b.fr", AuthMethod.XOAUTH2, xml.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(RuntimeException.class);
    }

    @Test
    void dnsSrvRecordsGiveTheStarttlsServersWhenNoImplicitTlsIsPublished() {
        Map<String, List<String>> dns = Map.of("_imap._tcp.operateur.fr", List.of("10 0 143 imap.operateur.fr."),
                "_submission._tcp.operateur.fr", List.of("20 0 587 smtp2.operateur.fr.", "10 0 587 smtp.operateur.fr."),
                "_imaps._tcp.operateur.fr", List.of("0 0 0 ."));
        AutoConfigurator c = new AutoConfigurator(name -> dns.getOrDefault(name, List.of()));
        MssAccount a = c.discover("dr.x@operateur.fr", AuthMethod.OAUTHBEARER, null, null).orElseThrow();
        assertThat(a.security()).isEqualTo(TransportSecurity.STARTTLS);
        assertThat(a.imapPort()).isEqualTo(143);
        assertThat(a.smtpHost()).isEqualTo("smtp.operateur.fr");
        assertThat(a.smtpPort()).isEqualTo(587);
    }
}
