package org.caducee.dmp.wire;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * MTOM/XOP packaging of SOAP 1.2 messages ({@code multipart/related; type="application/xop+xml"}), as ITI-41 and
 * ITI-43 use it: the envelope is the root part, each document travels as its own binary part referenced from the
 * envelope by {@code <xop:Include href="cid:…"/>}. Written by hand (see ADR 0011): the client and the simulator share
 * this one class, so the same bytes are produced and read on both ends.
 */
public final class Mtom {

    public static final String XOP = "http://www.w3.org/2004/08/xop/include";
    private static final byte[] CRLF = { '\r', '\n' };

    /** A packaged message: the HTTP {@code Content-Type} value and the body bytes. */
    public record Packaged(String contentType, byte[] body) {
    }

    /** A read message: the envelope bytes and the binary parts by Content-ID (without angle brackets). */
    public record Parts(byte[] root, Map<String, byte[]> attachments) {

        public Optional<byte[]> attachment(String cid) {
            String id = cid.startsWith("cid:") ? cid.substring(4) : cid;
            return Optional.ofNullable(attachments.get(java.net.URLDecoder.decode(id, StandardCharsets.UTF_8)));
        }
    }

    private Mtom() {
    }

    /** A fresh Content-ID for an attachment. */
    public static String newContentId() {
        return UUID.randomUUID() + "@caducee";
    }

    /** Packages {@code envelope} (the root, with its xop:Include references) and the attachments by Content-ID. */
    public static Packaged write(byte[] envelope, String action, Map<String, byte[]> attachments) {
        String boundary = "MIMEBoundary_" + UUID.randomUUID().toString().replace("-", "");
        String rootId = "root." + UUID.randomUUID() + "@caducee";
        ByteArrayOutputStream out = new ByteArrayOutputStream(envelope.length + 1024);
        line(out, "--" + boundary);
        line(out, "Content-Type: application/xop+xml; charset=UTF-8; type=\"application/soap+xml\"");
        line(out, "Content-Transfer-Encoding: binary");
        line(out, "Content-ID: <" + rootId + ">");
        out.writeBytes(CRLF);
        out.writeBytes(envelope);
        out.writeBytes(CRLF);
        for (Map.Entry<String, byte[]> part : attachments.entrySet()) {
            line(out, "--" + boundary);
            line(out, "Content-Type: application/octet-stream");
            line(out, "Content-Transfer-Encoding: binary");
            line(out, "Content-ID: <" + part.getKey() + ">");
            out.writeBytes(CRLF);
            out.writeBytes(part.getValue());
            out.writeBytes(CRLF);
        }
        line(out, "--" + boundary + "--");
        String type = "multipart/related; type=\"application/xop+xml\"; boundary=\"" + boundary + "\"; start=\"<" + rootId
                + ">\"; start-info=\"application/soap+xml\"; action=\"" + action + "\"";
        return new Packaged(type, out.toByteArray());
    }

    /** True when a Content-Type announces an MTOM/XOP message. */
    public static boolean isMultipart(String contentType) {
        return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("multipart/related");
    }

    /**
     * Reads a {@code multipart/related} body; a plain SOAP body (no multipart) is returned as the root with no
     * attachment.
     *
     * @throws IllegalArgumentException when the multipart structure is broken
     */
    public static Parts read(String contentType, byte[] body) {
        if (!isMultipart(contentType)) {
            return new Parts(body, Map.of());
        }
        String boundary = parameter(contentType, "boundary").orElseThrow(() -> new IllegalArgumentException("multipart without boundary"));
        String start = parameter(contentType, "start").map(Mtom::stripBrackets).orElse(null);
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        int pos = indexOf(body, delimiter, 0);
        if (pos < 0) {
            throw new IllegalArgumentException("multipart boundary not found");
        }
        byte[] root = null;
        Map<String, byte[]> attachments = new LinkedHashMap<>();
        while (true) {
            int afterDelimiter = pos + delimiter.length;
            if (afterDelimiter + 1 < body.length && body[afterDelimiter] == '-' && body[afterDelimiter + 1] == '-') {
                break;
            }
            int headersStart = skipLineEnd(body, afterDelimiter);
            int headersEnd = indexOf(body, new byte[] { '\r', '\n', '\r', '\n' }, headersStart);
            if (headersEnd < 0) {
                throw new IllegalArgumentException("multipart part without headers");
            }
            String headers = new String(body, headersStart, headersEnd - headersStart, StandardCharsets.ISO_8859_1);
            int contentStart = headersEnd + 4;
            int next = indexOf(body, delimiter, contentStart);
            if (next < 0) {
                throw new IllegalArgumentException("multipart not terminated");
            }
            int contentEnd = next;
            if (contentEnd >= 2 && body[contentEnd - 2] == '\r' && body[contentEnd - 1] == '\n') {
                contentEnd -= 2;
            }
            byte[] content = java.util.Arrays.copyOfRange(body, contentStart, contentEnd);
            String id = header(headers, "content-id").map(Mtom::stripBrackets).orElse("");
            if (root == null && (start == null || start.equals(id))) {
                root = content;
            } else {
                attachments.put(id, content);
            }
            pos = next;
        }
        if (root == null) {
            throw new IllegalArgumentException("multipart without root part");
        }
        return new Parts(root, attachments);
    }

    private static Optional<String> header(String headers, String name) {
        for (String line : headers.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                return Optional.of(line.substring(colon + 1).trim());
            }
        }
        return Optional.empty();
    }

    static Optional<String> parameter(String contentType, String name) {
        for (String piece : contentType.split(";")) {
            int eq = piece.indexOf('=');
            if (eq > 0 && piece.substring(0, eq).trim().equalsIgnoreCase(name)) {
                String value = piece.substring(eq + 1).trim();
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }

    private static String stripBrackets(String id) {
        String s = id.trim();
        return s.startsWith("<") && s.endsWith(">") ? s.substring(1, s.length() - 1) : s;
    }

    private static int skipLineEnd(byte[] body, int from) {
        int i = from;
        while (i < body.length && (body[i] == ' ' || body[i] == '\t')) {
            i++;
        }
        if (i + 1 < body.length && body[i] == '\r' && body[i + 1] == '\n') {
            return i + 2;
        }
        return i;
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = Math.max(0, from); i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static void line(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(CRLF);
    }
}
