package org.caducee.mss.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimePart;
import jakarta.mail.internet.MimePartDataSource;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.util.SharedByteArrayInputStream;

/** What a received message carries, read defensively (depth, count and size limits). */
public final class MimeAnalysis {

    /** One attachment. */
    public record Attachment(String name, String contentType, byte[] content) {

        public boolean isXdm() {
            String n = name == null ? "" : name.toLowerCase(Locale.ROOT);
            return n.equals("ihe_xdm.zip") || (n.endsWith(".zip") && n.contains("xdm"));
        }

        public boolean isPdf() {
            String n = name == null ? "" : name.toLowerCase(Locale.ROOT);
            return n.endsWith(".pdf") || contentType.toLowerCase(Locale.ROOT).startsWith("application/pdf");
        }
    }

    /** The analysed message. */
    public record Content(MimeMessage message, String messageId, String sender, String subject, String dispositionNotificationTo, List<Attachment> attachments) {

        public List<Attachment> xdm() {
            return attachments.stream().filter(Attachment::isXdm).toList();
        }

        public List<String> names() {
            return attachments.stream().map(Attachment::name).toList();
        }
    }

    private static final int MAX_DEPTH = 8;
    private static final int MAX_PARTS = 200;

    private MimeAnalysis() {
    }

    /** Parses and walks the message; throws on malformed MIME or when {@code maxBytes} is exceeded. */
    public static Content analyse(byte[] raw, long maxBytes) throws MessagingException, IOException {
        try {
            return MailConnector.withMailLoader(() -> {
                MimeMessage m = new ReceivedMime.Message(MailConnector.offlineSession(), new SharedByteArrayInputStream(raw));
                List<Attachment> attachments = new ArrayList<>();
                walk(m, 0, attachments, new long[] { maxBytes });
                String sender = null;
                var from = m.getFrom();
                if (from != null && from.length > 0 && from[0] instanceof InternetAddress ia) {
                    sender = ia.getAddress();
                }
                String dnt = m.getHeader("Disposition-Notification-To", ",");
                if (dnt != null) {
                    InternetAddress[] parsed = InternetAddress.parseHeader(dnt, false);
                    dnt = parsed.length == 0 ? null : parsed[0].getAddress();
                }
                return new Content(m, m.getMessageID(), sender, m.getSubject(), dnt, attachments);
            });
        } catch (MessagingException | IOException e) {
            throw e;
        } catch (Exception e) {
            throw new MessagingException(e.getMessage(), e);
        }
    }

    private static void walk(Part part, int depth, List<Attachment> out, long[] budget) throws MessagingException, IOException {
        if (depth > MAX_DEPTH || out.size() > MAX_PARTS) {
            throw new MessagingException("structure MIME trop profonde ou trop de parties");
        }
        if (part.isMimeType("multipart/*")) {
            if (!(part instanceof MimePart mime)) {
                throw new MessagingException("partie multipart illisible");
            }
            Multipart mp = new ReceivedMime.Multipart(new MimePartDataSource(mime));
            for (int i = 0; i < mp.getCount(); i++) {
                BodyPart bp = mp.getBodyPart(i);
                walk(bp, depth + 1, out, budget);
            }
            return;
        }
        String name = part.getFileName();
        if (name != null) {
            name = MimeUtility.decodeText(name);
        }
        boolean attachment = name != null || Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition());
        if (!attachment) {
            return;
        }
        byte[] decoded = base64(part, budget);
        if (decoded != null) {
            out.add(new Attachment(name == null ? "piece-jointe" : name, part.getContentType() == null ? "application/octet-stream" : part.getContentType(),
                    decoded));
            return;
        }
        try (InputStream in = part.getInputStream()) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            byte[] buf = new byte[16384];
            int n;
            while ((n = in.read(buf)) > 0) {
                budget[0] -= n;
                if (budget[0] < 0) {
                    throw new TooLargeException();
                }
                bytes.write(buf, 0, n);
            }
            out.add(new Attachment(name == null ? "piece-jointe" : name, part.getContentType() == null ? "application/octet-stream" : part.getContentType(),
                    bytes.toByteArray()));
        }
    }

    /**
     * The content of a base64 part (how attachments come), decoded by the JDK's MIME decoder from the raw bytes: several
     * times faster than the decoding stream of Jakarta Mail, with the same leniency (line breaks and characters outside
     * the alphabet are skipped; a broken end is an error). {@code null} when the part has another transfer encoding.
     */
    private static byte[] base64(Part part, long[] budget) throws MessagingException, IOException {
        if (!(part instanceof MimeBodyPart body) || !"base64".equalsIgnoreCase(body.getEncoding())) {
            return null;
        }
        byte[] encoded;
        try (InputStream in = body.getRawInputStream()) {
            // the encoded text is a third larger than what it decodes to, plus line breaks
            encoded = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 16, Math.max(0, budget[0]) * 2 + 1024));
            if (in.read() >= 0) {
                throw new TooLargeException();
            }
        }
        byte[] decoded;
        try {
            decoded = Base64.getMimeDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            throw new IOException("base64 : " + e.getMessage(), e);
        }
        budget[0] -= decoded.length;
        if (budget[0] < 0) {
            throw new TooLargeException();
        }
        return decoded;
    }

    /** The decoded attachments exceed the size limit. */
    public static final class TooLargeException extends IOException {

        private static final long serialVersionUID = 1L;
    }
}
