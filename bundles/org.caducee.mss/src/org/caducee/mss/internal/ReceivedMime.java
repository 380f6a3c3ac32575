package org.caducee.mss.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import jakarta.activation.DataSource;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.SharedInputStream;

/**
 * Jakarta Mail's message, multipart and body part for reading received messages, the only difference being how
 * header blocks are read. Jakarta Mail 2.1 reads each header block through {@code StreamProvider.provider()}, a
 * {@code ServiceLoader} lookup made again for every block (the message's, then each part's): through SPI Fly in
 * OSGi it cost about a tenth of the reception's CPU. Here a header block is read line by line from the stream and
 * handed to {@link InternetHeaders#addHeaderLine}, which folds continuation lines as usual; the bytes are read as
 * ISO-8859-1, as Jakarta Mail does without {@code mail.mime.allowutf8}. With a {@link SharedInputStream} (the
 * pipeline parses a {@code SharedByteArrayInputStream}) part contents are views of the message bytes, not copies.
 */
final class ReceivedMime {

    private ReceivedMime() {
    }

    /** A received message; its multiparts are read with {@link Multipart}. */
    static final class Message extends MimeMessage {

        Message(Session session, InputStream in) throws MessagingException {
            super(session, in);
        }

        @Override
        protected InternetHeaders createInternetHeaders(InputStream is) throws MessagingException {
            return headers(is);
        }
    }

    /** A multipart of a received message, its parts being {@link Part}s. */
    static final class Multipart extends MimeMultipart {

        Multipart(DataSource source) throws MessagingException {
            super(source);
        }

        @Override
        protected InternetHeaders createInternetHeaders(InputStream is) throws MessagingException {
            return headers(is);
        }

        @Override
        protected MimeBodyPart createMimeBodyPart(InputStream is) throws MessagingException {
            return new Part(is);
        }
    }

    /** A body part read from its stream: header block, then the content (a view of a shared stream, else a copy). */
    static final class Part extends MimeBodyPart {

        Part(InputStream in) throws MessagingException {
            headers = headers(in);
            try {
                if (in instanceof SharedInputStream shared) {
                    contentStream = shared.newStream(shared.getPosition(), -1);
                } else {
                    content = in.readAllBytes();
                }
            } catch (IOException e) {
                throw new MessagingException(e.getMessage(), e);
            }
        }
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
            throw new MessagingException("Error in input stream", e);
        }
    }

    /**
     * One line without its end (CRLF, LF or a lone CR) into {@code line}; {@code true} when the stream ended.
     */
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
                if (in.markSupported()) {
                    in.mark(1);
                    if (in.read() != '\n') {
                        in.reset();
                    }
                    return false;
                }
                int next = in.read();
                if (next < 0) {
                    return true;
                }
                if (next != '\n') {
                    // no way back on this stream: the CR stays in the line
                    line.write('\r');
                    line.write(next);
                    continue;
                }
                return false;
            }
            line.write(b);
        }
    }
}
