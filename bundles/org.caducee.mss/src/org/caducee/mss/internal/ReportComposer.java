package org.caducee.mss.internal;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.UUID;

import org.caducee.mss.MssErrorCode;
import org.caducee.mss.MssSubject;

import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;

/**
 * Integration reports: the MDN (RFC 8098, {@code multipart/report; report-type=disposition-notification}) when the
 * sender asked for one, otherwise a plain error mail to the configured error mailbox. Both carry the original
 * attachments again.
 */
public final class ReportComposer {

    private final String from;

    public ReportComposer(String from) {
        this.from = from;
    }

    /** The MDN for the sender; {@code code} null means processed without error. */
    public MimeMessage mdn(MimeAnalysis.Content original, byte[] raw, String to, MssErrorCode code, String detail) throws MessagingException {
        try {
            return MailConnector.withMailLoader(() -> {
                MimeMessage m = base(original, to, code == null ? original.subject() : MssSubject.mdnError(code, nn(original.subject())));
                MimeMultipart report = new MimeMultipart() {
                    {
                        ContentType ct = new ContentType(contentType);
                        ct.setSubType("report");
                        ct.setParameter("report-type", "disposition-notification");
                        contentType = ct.toString();
                    }
                };
                MimeBodyPart human = new MimeBodyPart();
                String result = code == null ? "intégré" : code.code() + " " + code.label() + (detail == null ? "" : " (" + detail + ")");
                human.setText(Messages.get("recv.mdnBody", nn(original.subject()), result), "UTF-8", "plain");
                report.addBodyPart(human);
                MimeBodyPart disposition = new MimeBodyPart();
                String fields = "Reporting-UA: Caducée\r\n" + "Original-Recipient: rfc822;" + from + "\r\n" + "Final-Recipient: rfc822;" + from + "\r\n"
                        + "Original-Message-ID: " + nn(original.messageId()) + "\r\n" + "Disposition: automatic-action/MDN-sent-automatically; processed"
                        + (code == null ? "" : "/Error: " + code.code() + "^" + code.label()) + "\r\n";
                disposition.setDataHandler(new DataHandler(new ByteArrayDataSource(fields.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        "message/disposition-notification")));
                report.addBodyPart(disposition);
                report.addBodyPart(originalPart(raw));
                for (MimeAnalysis.Attachment a : original.attachments()) {
                    report.addBodyPart(MessageComposer.attachment(a.content(), baseType(a.contentType()), a.name()));
                }
                m.setContent(report);
                m.saveChanges();
                return m;
            });
        } catch (MessagingException e) {
            throw e;
        } catch (Exception e) {
            throw new MessagingException(e.getMessage(), e);
        }
    }

    /** The error mail to the configured mailbox, with the original message and its attachments. */
    public MimeMessage errorMail(MimeAnalysis.Content original, byte[] raw, String to, MssErrorCode code, String detail) throws MessagingException {
        try {
            return MailConnector.withMailLoader(() -> {
                MimeMessage m = base(original, to, MssSubject.errorMail(code, nn(original.subject())));
                MimeMultipart mixed = new MimeMultipart("mixed");
                MimeBodyPart text = new MimeBodyPart();
                String when = original.message().getSentDate() == null ? "" : DateTimeFormatter.ofPattern("dd/MM/uuuu HH:mm")
                        .format(original.message().getSentDate().toInstant().atZone(ZoneId.systemDefault()));
                text.setText(Messages.get("recv.errorBody", nn(original.subject()), when, String.valueOf(code.code()), code.label(), nn(detail)), "UTF-8", "plain");
                mixed.addBodyPart(text);
                mixed.addBodyPart(originalPart(raw));
                for (MimeAnalysis.Attachment a : original.attachments()) {
                    mixed.addBodyPart(MessageComposer.attachment(a.content(), baseType(a.contentType()), a.name()));
                }
                m.setHeader("X-MSS-ERREUR", String.valueOf(code.code()));
                m.setContent(mixed);
                m.saveChanges();
                return m;
            });
        } catch (MessagingException e) {
            throw e;
        } catch (Exception e) {
            throw new MessagingException(e.getMessage(), e);
        }
    }

    /**
     * The Message-ID of the report on {@code original}: derived from the original's, so that the report of a message
     * read again after a crash is the same outbox item (queued once, sent once); random when the original has none.
     */
    String reportId(MimeAnalysis.Content original) {
        if (original.messageId() == null || original.messageId().isBlank()) {
            return new MessageComposer(from, null, "").newMessageId();
        }
        String domain = from.substring(from.indexOf('@') + 1);
        UUID derived = UUID.nameUUIDFromBytes(("rapport:" + original.messageId()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return "<" + derived + "@" + domain + ">";
    }

    private MimeMessage base(MimeAnalysis.Content original, String to, String subject) throws Exception {
        MimeMessage m = new MessageComposer.FixedIdMessage(MailConnector.offlineSession(), reportId(original));
        m.setFrom(new InternetAddress(from));
        m.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        m.setSubject(subject, "UTF-8");
        m.setSentDate(new Date());
        return m;
    }

    private static MimeBodyPart originalPart(byte[] raw) throws MessagingException {
        MimeBodyPart p = new MimeBodyPart();
        p.setDataHandler(new DataHandler(new ByteArrayDataSource(raw, "message/rfc822")));
        p.setFileName("message-origine.eml");
        p.setDisposition(MimeBodyPart.ATTACHMENT);
        return p;
    }

    private static String baseType(String contentType) {
        int i = contentType.indexOf(';');
        return (i < 0 ? contentType : contentType.substring(0, i)).strip();
    }

    private static String nn(String s) {
        return s == null ? "" : s;
    }
}
