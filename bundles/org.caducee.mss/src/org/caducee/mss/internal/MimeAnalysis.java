package org.caducee.mss.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;

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
                ReceivedMime.Entity whole = ReceivedMime.message(raw);
                MimeMessage m = new ReceivedMime.Message(MailConnector.offlineSession(), whole.headers());
                List<Attachment> attachments = new ArrayList<>();
                walk(whole, 0, attachments, new long[] { maxBytes });
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

    private static void walk(ReceivedMime.Entity part, int depth, List<Attachment> out, long[] budget) throws MessagingException, IOException {
        if (depth > MAX_DEPTH || out.size() > MAX_PARTS) {
            throw new MessagingException("structure MIME trop profonde ou trop de parties");
        }
        if (part.isType("multipart")) {
            for (ReceivedMime.Entity p : ReceivedMime.parts(part, MAX_PARTS)) {
                walk(p, depth + 1, out, budget);
            }
            return;
        }
        String name = part.fileName();
        if (name != null) {
            name = MimeUtility.decodeText(name);
        }
        boolean attachment = name != null || Part.ATTACHMENT.equalsIgnoreCase(part.disposition());
        if (!attachment) {
            return;
        }
        String label = name == null ? "piece-jointe" : name;
        if (part.encoding().equals("base64")) {
            out.add(new Attachment(label, part.contentType(), base64(part, budget)));
            return;
        }
        // other transfer encodings (rare for attachments): Jakarta Mail's decoding
        MimeBodyPart body = new MimeBodyPart(part.headers(), part.content());
        try (InputStream in = body.getInputStream()) {
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
            out.add(new Attachment(label, part.contentType(), bytes.toByteArray()));
        }
    }

    /**
     * The content of a base64 part (how attachments come), decoded by the JDK's MIME decoder from the raw bytes: several
     * times faster than the decoding stream of Jakarta Mail, with the same leniency (line breaks and characters outside
     * the alphabet are skipped; a broken end is an error).
     */
    private static byte[] base64(ReceivedMime.Entity part, long[] budget) throws IOException {
        // the encoded text is a third larger than what it decodes to, plus line breaks
        if (part.end() - part.start() > Math.min(Integer.MAX_VALUE - 16, Math.max(0, budget[0]) * 2 + 1024)) {
            throw new TooLargeException();
        }
        byte[] decoded = plainBase64(part.bytes(), part.start(), part.end());
        if (decoded == null) {
            try {
                decoded = array(Base64.getMimeDecoder().decode(ByteBuffer.wrap(part.bytes(), part.start(), part.end() - part.start())));
            } catch (IllegalArgumentException e) {
                throw new IOException("base64 : " + e.getMessage(), e);
            }
        }
        budget[0] -= decoded.length;
        if (budget[0] < 0) {
            throw new TooLargeException();
        }
        return decoded;
    }

    /**
     * The common case decoded fast: lines of the base64 alphabet (padding only at the end) separated by CRLF or LF, as
     * every mailer writes them; the line breaks are dropped and the rest goes through the JDK's plain decoder, about
     * twice as fast as the MIME one, which checks every character for leniency. {@code null} when anything else is
     * there (other characters, a broken end): the MIME decoder then decides, with its leniency and its errors.
     */
    private static byte[] plainBase64(byte[] b, int start, int end) {
        byte[] compact = new byte[end - start];
        int n = 0;
        for (int i = start; i < end; i++) {
            byte c = b[i];
            if (c == '\r' || c == '\n') {
                continue;
            }
            compact[n++] = c;
        }
        if (n % 4 != 0) {
            return null;
        }
        try {
            return array(Base64.getDecoder().decode(ByteBuffer.wrap(compact, 0, n)));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The bytes of a decoder's result (its own array when it has exactly them). */
    private static byte[] array(ByteBuffer buffer) {
        return buffer.arrayOffset() == 0 && buffer.position() == 0 && buffer.array().length == buffer.remaining() ? buffer.array()
                : java.util.Arrays.copyOfRange(buffer.array(), buffer.arrayOffset() + buffer.position(), buffer.arrayOffset() + buffer.limit());
    }

    /** The decoded attachments exceed the size limit. */
    public static final class TooLargeException extends IOException {

        private static final long serialVersionUID = 1L;
    }
}
