package org.caducee.sandbox.mss;

import java.io.ByteArrayOutputStream;
import java.util.Date;
import java.util.Properties;

import org.caducee.mss.MailRuntime;

import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;

/** Messages as a correspondent's software sends them, for the robot, the tests and the benchmarks. */
public final class CorrespondentMessage {

    private CorrespondentMessage() {
    }

    /**
     * A document message: subject {@code XDM/1.0/DDM+<label> EXEMPLE ANS 01/01/2000}, {@code X-MSS-NIL} and
     * {@code X-MSS-INS: O}, a text part and the {@code IHE_XDM.zip} attachment; raw RFC 5322 bytes.
     */
    public static byte[] withXdm(InternetAddress from, String to, String label, byte[] zip, String body, String softwareNumber) {
        try {
            return MailRuntime.call(() -> {
                MimeMessage m = new MimeMessage(Session.getInstance(new Properties()));
                m.setFrom(from);
                m.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
                m.setSubject("XDM/1.0/DDM+" + label + " EXEMPLE ANS 01/01/2000", "UTF-8");
                m.setSentDate(new Date());
                m.setHeader("X-MSS-NIL", softwareNumber);
                m.setHeader("X-MSS-INS", "O");
                MimeMultipart mixed = new MimeMultipart("mixed");
                MimeBodyPart text = new MimeBodyPart();
                text.setText(body, "UTF-8");
                mixed.addBodyPart(text);
                MimeBodyPart att = new MimeBodyPart();
                att.setDataHandler(new DataHandler(new ByteArrayDataSource(zip, "application/zip")));
                att.setFileName("IHE_XDM.zip");
                att.setDisposition(MimeBodyPart.ATTACHMENT);
                mixed.addBodyPart(att);
                m.setContent(mixed);
                m.saveChanges();
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                m.writeTo(out);
                return out.toByteArray();
            });
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
