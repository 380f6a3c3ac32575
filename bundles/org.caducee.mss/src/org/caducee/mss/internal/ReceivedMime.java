package org.caducee.mss.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentDisposition;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.ParseException;

/**
 * The reading of a received message without Jakarta Mail's part objects (see ADR 0017). Jakarta Mail 2.1 looks up its
 * {@code StreamProvider} through {@code ServiceLoader} for every header block read and every {@code BodyPart} or
 * {@code Multipart} created; through SPI Fly in OSGi those lookups alone cost about a tenth of the reception's CPU.
 * Here a message is one byte array: header blocks are read line by line and handed to
 * {@link InternetHeaders#addHeaderLine} (which folds continuation lines), multiparts are split on their boundary
 * lines (RFC 2046) into {@link Entity entities} that are ranges of that array (no copy), and the header values are
 * parsed by Jakarta Mail's {@link ContentType} and {@link ContentDisposition}. Bytes of header lines are read as
 * ISO-8859-1, as Jakarta Mail does without {@code mail.mime.allowutf8}.
 */
final class ReceivedMime {

    private ReceivedMime() {
    }

    /** The message's own header, without content (sender, subject, Message-ID are read from it). */
    static final class Message extends MimeMessage {

        Message(Session session, InternetHeaders headers) {
            super(session);
            this.headers = headers;
        }
    }

    /** A message or body part: its header block and its content, bytes {@code [start, end)} of {@code bytes}. */
    record Entity(InternetHeaders headers, byte[] bytes, int start, int end) {

        String header(String name) {
            String[] values = headers.getHeader(name);
            return values == null || values.length == 0 ? null : values[0];
        }

        /** The Content-Type header, else {@code text/plain} (RFC 2045 default). */
        String contentType() {
            String type = header("Content-Type");
            return type == null ? "text/plain" : type;
        }

        /** Whether the type is {@code primary/*}; a type whose parameters do not parse is judged on what precedes them. */
        boolean isType(String primary) {
            String type = contentType();
            int semicolon = type.indexOf(';');
            String bare = (semicolon >= 0 ? type.substring(0, semicolon) : type).strip().toLowerCase(Locale.ROOT);
            return bare.startsWith(primary.toLowerCase(Locale.ROOT) + "/");
        }

        /** The transfer encoding, lower case ({@code 7bit} when absent). */
        String encoding() {
            String e = header("Content-Transfer-Encoding");
            return e == null ? "7bit" : e.strip().toLowerCase(Locale.ROOT);
        }

        /** The disposition ({@code attachment}, {@code inline}) or {@code null}. */
        String disposition() throws ParseException {
            String d = header("Content-Disposition");
            return d == null ? null : new ContentDisposition(d).getDisposition();
        }

        /** The file name: parameter {@code filename} of the disposition, else {@code name} of the type (undecoded). */
        String fileName() throws ParseException {
            String d = header("Content-Disposition");
            if (d != null) {
                String name = new ContentDisposition(d).getParameter("filename");
                if (name != null) {
                    return name;
                }
            }
            String t = header("Content-Type");
            return t == null ? null : new ContentType(t).getParameter("name");
        }

        /** The raw (still encoded) content. */
        byte[] content() {
            return java.util.Arrays.copyOfRange(bytes, start, end);
        }
    }

    /** The message read from its bytes: its header block, and the rest as content. */
    static Entity message(byte[] raw) throws MessagingException {
        ByteArrayInputStream in = new ByteArrayInputStream(raw);
        InternetHeaders headers = headers(in);
        return new Entity(headers, raw, raw.length - in.available(), raw.length);
    }

    /**
     * The parts of a multipart entity, in order. The preamble before the first boundary line and the epilogue after
     * the last are ignored; a multipart without boundary parameter or without any boundary line is refused; a missing
     * closing boundary ends the last part at the end of the content (as Jakarta Mail does).
     */
    static List<Entity> parts(Entity multipart, int maxParts) throws MessagingException {
        String boundary;
        try {
            boundary = new ContentType(multipart.contentType()).getParameter("boundary");
        } catch (ParseException e) {
            throw new MessagingException(Messages.get("recv.mime.type", multipart.contentType()), e);
        }
        if (boundary == null || boundary.isEmpty()) {
            throw new MessagingException(Messages.get("recv.mime.noBoundary"));
        }
        byte[] b = multipart.bytes();
        byte[] dash = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        List<Entity> parts = new ArrayList<>();
        int partStart = -1;
        int from = multipart.start();
        int end = multipart.end();
        while (true) {
            int at = delimiter(b, dash, from, end);
            if (at < 0) {
                break;
            }
            int after = at + dash.length;
            boolean close = after + 1 < end && b[after] == '-' && b[after + 1] == '-';
            if (partStart >= 0) {
                parts.add(part(b, partStart, lineBreakBefore(b, at, partStart)));
                if (parts.size() > maxParts) {
                    throw new MessagingException(Messages.get("recv.mime.tooManyParts", maxParts));
                }
            }
            int next = endOfLine(b, after, end);
            if (close) {
                return parts;
            }
            partStart = next;
            from = next;
        }
        if (partStart < 0) {
            throw new MessagingException(Messages.get("recv.mime.noStart", boundary));
        }
        parts.add(part(b, partStart, end));
        return parts;
    }

    /** The next boundary line in {@code [from, end)}: {@code dash} at a line start, then {@code --} or only blanks. */
    private static int delimiter(byte[] b, byte[] dash, int from, int end) {
        int last = end - dash.length;
        for (int i = from; i <= last; i++) {
            // from is always a line start (content start, or just after a boundary line)
            if (b[i] != '-' || (i != from && b[i - 1] != '\n')) {
                continue;
            }
            if (!regionMatches(b, i, dash)) {
                continue;
            }
            int j = i + dash.length;
            if (j + 1 < end && b[j] == '-' && b[j + 1] == '-') {
                return i;
            }
            while (j < end && (b[j] == ' ' || b[j] == '\t')) {
                j++;
            }
            if (j == end || b[j] == '\r' || b[j] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static boolean regionMatches(byte[] b, int at, byte[] what) {
        for (int k = 0; k < what.length; k++) {
            if (b[at + k] != what[k]) {
                return false;
            }
        }
        return true;
    }

    /** Where the line break before the boundary line at {@code at} starts (it belongs to the boundary). */
    private static int lineBreakBefore(byte[] b, int at, int partStart) {
        int e = at;
        if (e > partStart && b[e - 1] == '\n') {
            e--;
            if (e > partStart && b[e - 1] == '\r') {
                e--;
            }
        }
        return e;
    }

    /** The index after the line break ending the line that contains {@code from} (or {@code end}). */
    private static int endOfLine(byte[] b, int from, int end) {
        for (int i = from; i < end; i++) {
            if (b[i] == '\n') {
                return i + 1;
            }
            if (b[i] == '\r') {
                return i + 1 < end && b[i + 1] == '\n' ? i + 2 : i + 1;
            }
        }
        return end;
    }

    private static Entity part(byte[] b, int start, int end) throws MessagingException {
        ByteArrayInputStream in = new ByteArrayInputStream(b, start, end - start);
        InternetHeaders headers = headers(in);
        return new Entity(headers, b, end - in.available(), end);
    }

    /** Reads one header block: lines up to the first empty line (or the end), the stream left at the content. */
    static InternetHeaders headers(InputStream in) throws MessagingException {
        InternetHeaders headers = new InternetHeaders();
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        boolean first = true;
        try {
            while (true) {
                boolean end = readLine(in, line);
                if (line.size() == 0) {
                    return headers;
                }
                String text = line.toString(StandardCharsets.ISO_8859_1);
                if (first && (text.charAt(0) == ' ' || text.charAt(0) == '\t')) {
                    // nothing to continue yet: a header of its own
                    text = text.strip();
                }
                if (!text.isEmpty()) {
                    headers.addHeaderLine(text);
                }
                first = false;
                if (end) {
                    return headers;
                }
            }
        } catch (IOException e) {
            throw new MessagingException(e.getMessage(), e);
        }
    }

    /** One line without its end (CRLF, LF or a lone CR) into {@code line}; {@code true} when the stream ended. */
    private static boolean readLine(InputStream in, ByteArrayOutputStream line) throws IOException {
        line.reset();
        while (true) {
            int b = in.read();
            if (b < 0) {
                return true;
            }
            if (b == '\n') {
                return false;
            }
            if (b == '\r') {
                in.mark(1);
                if (in.read() != '\n') {
                    in.reset();
                }
                return false;
            }
            line.write(b);
        }
    }
}
