package org.caducee.mss.internal;

import java.io.ByteArrayOutputStream;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import org.caducee.mss.MssSendRequest;
import org.caducee.mss.MssSubject;
import org.caducee.mss.PatientMailbox;

import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;

/**
 * Builds the MIME message of a send request following the MSSanté client rules: one patient per message, subject
 * {@code XDM/1.0/DDM+…}, the PDF and (unless PDF only) one {@code IHE_XDM.zip}, the statistics headers on every
 * message, {@code Disposition-Notification-To} when a receipt is wanted, {@code X-MSS-MES: FIN} for a patient.
 */
public final class MessageComposer {

    public static final String XDM_NAME = "IHE_XDM.zip";
    public static final String HEADER_CODECDA = "X-MSS-CODECDA";
    public static final String HEADER_INS = "X-MSS-INS";
    public static final String HEADER_NIL = "X-MSS-NIL";
    public static final String HEADER_MES = "X-MSS-MES";

    private final String from;
    private final String displayName;
    private final String nil;

    /**
     * @param from the mailbox address of the sender
     * @param displayName sender label ({@code <Titre>_<Prénom>_<NOM>_<Entité>}), may be null
     * @param nil the software identification number ({@code X-MSS-NIL})
     */
    public MessageComposer(String from, String displayName, String nil) {
        this.from = from;
        this.displayName = displayName;
        this.nil = nil;
    }

    /** A message whose Message-ID is fixed at creation (it is the outbox idempotency key). */
    static final class FixedIdMessage extends MimeMessage {

        private final String id;

        FixedIdMessage(Session session, String id) {
            super(session);
            this.id = id;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", id);
        }
    }

    public String newMessageId() {
        String domain = from.substring(from.indexOf('@') + 1);
        return "<" + UUID.randomUUID() + "@" + domain + ">";
    }

    /** The message for {@code recipients}; {@code withXdm} false gives the PDF-only form. */
    public MimeMessage compose(MssSendRequest request, List<String> recipients, boolean withXdm) throws MessagingException {
        Session session = MailConnector.offlineSession();
        try {
            return MailConnector.withMailLoader(() -> build(session, request, recipients, withXdm && request.xdmZip() != null));
        } catch (MessagingException e) {
            throw e;
        } catch (Exception e) {
            throw new MessagingException(e.getMessage(), e);
        }
    }

    private MimeMessage build(Session session, MssSendRequest request, List<String> recipients, boolean withXdm) throws Exception {
        MimeMessage m = new FixedIdMessage(session, newMessageId());
        m.setFrom(displayName == null ? new InternetAddress(from) : new InternetAddress(from, displayName, "UTF-8"));
        for (String r : recipients) {
            m.addRecipient(Message.RecipientType.TO, new InternetAddress(r, true));
        }
        m.setSubject(MssSubject.of(request.documentLabel(), request.patientLastName(), request.patientFirstName(), request.birthDate()), "UTF-8");
        m.setSentDate(new Date());
        m.setHeader(HEADER_INS, request.qualifiedIns() ? "O" : "N");
        m.setHeader(HEADER_NIL, nil);
        if (withXdm && !request.cdaTypeCodes().isEmpty()) {
            m.setHeader(HEADER_CODECDA, String.join(",", request.cdaTypeCodes()));
        }
        if (request.readReceipt()) {
            m.setHeader("Disposition-Notification-To", from);
        }
        if (request.closePatientChannel() && recipients.stream().anyMatch(PatientMailbox::isPatient)) {
            m.setHeader(HEADER_MES, "FIN");
        }
        MimeMultipart mixed = new MimeMultipart("mixed");
        MimeBodyPart text = new MimeBodyPart();
        String body = request.body().isBlank()
                ? Messages.get("send.body", request.documentLabel(), request.patientFirstName(), request.patientLastName().toUpperCase(java.util.Locale.FRANCE),
                        DateTimeFormatter.ofPattern("dd/MM/uuuu").format(request.birthDate()))
                : request.body();
        text.setText(body, "UTF-8", "plain");
        mixed.addBodyPart(text);
        mixed.addBodyPart(attachment(request.pdf(), "application/pdf", request.pdfFileName()));
        if (withXdm) {
            mixed.addBodyPart(attachment(request.xdmZip(), "application/zip", XDM_NAME));
        }
        m.setContent(mixed);
        m.saveChanges();
        return m;
    }

    static MimeBodyPart attachment(byte[] content, String type, String name) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setDataHandler(new DataHandler(new ByteArrayDataSource(content, type)));
        try {
            part.setFileName(jakarta.mail.internet.MimeUtility.encodeText(name, "UTF-8", null));
        } catch (java.io.UnsupportedEncodingException e) {
            part.setFileName(name);
        }
        part.setDisposition(MimeBodyPart.ATTACHMENT);
        part.setHeader("Content-Transfer-Encoding", "base64");
        return part;
    }

    /** The raw bytes of a message. */
    public static byte[] bytes(MimeMessage m) throws MessagingException {
        try {
            return MailConnector.withMailLoader(() -> {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                m.writeTo(out);
                return out.toByteArray();
            });
        } catch (MessagingException e) {
            throw e;
        } catch (Exception e) {
            throw new MessagingException(e.getMessage(), e);
        }
    }
}
