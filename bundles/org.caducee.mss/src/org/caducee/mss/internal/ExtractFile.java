package org.caducee.mss.internal;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.caducee.core.text.Names;
import org.caducee.mss.MssDirectory.Entry;
import org.caducee.mss.MssException;
import org.caducee.mss.MssException.Kind;

/**
 * Streaming reader of the ANS public extract of MSSanté mailboxes ({@code Extraction_Correspondance_MSSante}): UTF-8,
 * one header line, fields separated by {@code |}, 31 columns found by their header name (see the bundle README). A
 * ZIP holding the text file (as served by annuaire.sante.fr) is read in place. A line that cannot be used (wrong
 * number of fields, bytes that are not UTF-8, unknown mailbox type, invalid address, line too long) is reported to
 * the caller with its number and reason, never thrown.
 */
final class ExtractFile implements Closeable {

    /** Longest line accepted; a real line is a few hundred bytes. */
    static final int MAX_LINE = 16 * 1024;
    /** Largest text read from a ZIP (the real file is about 90 MB). */
    static final long MAX_UNZIPPED = 2L * 1024 * 1024 * 1024;
    static final Set<String> TYPES = Set.of("PER", "ORG", "APP", "CAB");
    private static final Pattern ADDRESS = Pattern.compile("[^@\\s|]+@[^@\\s|]+\\.[^@\\s|]+");
    private static final Pattern STAMP = Pattern.compile("(\\d{8})(\\d{4})?(?:\\D|$)");
    private static final Pattern POSTAL = Pattern.compile("\\d[0-9AB]\\d{3}");

    /** One line: its number in the file and either an entry or the reason it was skipped. */
    record Line(long number, Entry entry, String nationalId, String skipped) {
    }

    private final String fileName;
    private final LocalDate extractDate;
    private final InputStream in;
    private final Map<String, Integer> columns;
    private final int width;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(1024);
    private long lineNumber;
    private long unzipped;
    private final boolean zipped;

    private ExtractFile(String fileName, LocalDate extractDate, InputStream in, boolean zipped) throws IOException, MssException {
        this.fileName = fileName;
        this.extractDate = extractDate;
        this.in = in;
        this.zipped = zipped;
        String header = readHeader();
        String[] names = header.split("\\|", -1);
        Map<String, Integer> found = new HashMap<>();
        for (int i = 0; i < names.length; i++) {
            found.putIfAbsent(Names.searchKey(names[i]), i);
        }
        if (!found.containsKey("TYPEDEBAL") || !found.containsKey("ADRESSEBAL")) {
            throw new MssException(Kind.INVALID, Messages.get("extract.notExtract", fileName, shorten(header)));
        }
        this.columns = found;
        this.width = names.length;
    }

    /** Opens the file (text or ZIP) and reads its header; refuses a file that is not an extract. */
    static ExtractFile open(Path file) throws MssException {
        InputStream raw = null;
        try {
            raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
            raw.mark(4);
            byte[] magic = raw.readNBytes(4);
            raw.reset();
            String name = file.getFileName().toString();
            LocalDate fallback = LocalDate.ofInstant(Files.getLastModifiedTime(file).toInstant(), ZoneId.of("Europe/Paris"));
            if (magic.length == 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3 && magic[3] == 4) {
                ZipInputStream zip = new ZipInputStream(raw, StandardCharsets.UTF_8);
                ZipEntry e;
                while ((e = zip.getNextEntry()) != null) {
                    String inner = e.getName().substring(e.getName().lastIndexOf('/') + 1);
                    if (!e.isDirectory() && inner.toLowerCase(Locale.ROOT).matches(".*\\.(txt|csv)")) {
                        return new ExtractFile(inner, dateOf(inner, dateOf(name, fallback)), new BufferedInputStream(zip, 1 << 16), true);
                    }
                }
                throw new MssException(Kind.INVALID, Messages.get("extract.emptyZip", name));
            }
            return new ExtractFile(name, dateOf(name, fallback), raw, false);
        } catch (IOException | RuntimeException e) {
            closeQuietly(raw);
            throw new MssException(Kind.INVALID, Messages.get("extract.unreadable", file, e.getMessage() == null ? e.toString() : e.getMessage()), e);
        } catch (MssException e) {
            closeQuietly(raw);
            throw e;
        }
    }

    /** The generation date in the ANS file name ({@code _AAAAMMJJhhmm}), else {@code fallback}. */
    static LocalDate dateOf(String fileName, LocalDate fallback) {
        Matcher m = STAMP.matcher(fileName);
        while (m.find()) {
            try {
                LocalDate d = LocalDate.parse(m.group(1), DateTimeFormatter.BASIC_ISO_DATE);
                if (d.getYear() >= 2000 && d.getYear() < 2200) {
                    return d;
                }
            } catch (DateTimeParseException e) {
                // not a date: look further
            }
        }
        return fallback;
    }

    String fileName() {
        return fileName;
    }

    LocalDate extractDate() {
        return extractDate;
    }

    private String readHeader() throws IOException, MssException {
        byte[] bytes;
        do {
            bytes = nextBytes();
            if (bytes == null) {
                throw new MssException(Kind.INVALID, Messages.get("extract.empty", fileName));
            }
        } while (bytes.length == 0);
        int from = bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF ? 3 : 0;
        try {
            return decode(bytes, from);
        } catch (CharacterCodingException e) {
            throw new MssException(Kind.INVALID, Messages.get("extract.notExtract", fileName, "?"));
        }
    }

    /** The next line, or null at the end of the file. Empty lines are passed over. */
    Line next() throws IOException {
        while (true) {
            byte[] bytes = nextBytes();
            if (bytes == null) {
                return null;
            }
            if (bytes == TOO_LONG) {
                return skip(Messages.get("extract.skip.tooLong", MAX_LINE));
            }
            if (bytes.length == 0) {
                continue;
            }
            String text;
            try {
                text = decode(bytes, 0);
            } catch (CharacterCodingException e) {
                return skip(Messages.get("extract.skip.charset"));
            }
            if (text.isBlank()) {
                continue;
            }
            return parse(text);
        }
    }

    private Line parse(String text) {
        String[] f = text.split("\\|", -1);
        if (f.length != width) {
            return skip(Messages.get("extract.skip.fields", f.length, width));
        }
        String type = field(f, "TYPEDEBAL");
        type = type == null ? "" : type.toUpperCase(Locale.ROOT);
        if (!TYPES.contains(type)) {
            return skip(Messages.get("extract.skip.type", shorten(type)));
        }
        String mailbox = field(f, "ADRESSEBAL");
        if (mailbox == null || mailbox.length() > 320 || !ADDRESS.matcher(mailbox).matches()) {
            return skip(Messages.get("extract.skip.address", shorten(mailbox == null ? "" : mailbox)));
        }
        String organisation = first(field(f, "RAISONSOCIALESTRUCTUREBAL"), field(f, "ENSEIGNECOMMERCIALESTRUCTUREBAL"));
        String service = field(f, "SERVICEDERATTACHEMENT");
        if (service != null) {
            organisation = organisation == null ? service : organisation + " – " + service;
        }
        String routing = field(f, "L6LIGNEACHEMINEMENT");
        String postal = field(f, "CODEPOSTAL");
        String city = routing;
        if (routing != null) {
            String[] parts = routing.split("\\s+", 2);
            if (POSTAL.matcher(parts[0]).matches()) {
                postal = postal == null ? parts[0] : postal;
                city = parts.length > 1 ? parts[1] : null;
            }
        }
        String rpps = field(f, "IDENTIFIANTPP");
        String nationalId = field(f, "IDENTIFICATIONNATIONALEPP");
        Entry entry = new Entry(rpps, field(f, "NOMDEXERCICE"), field(f, "PRENOMDEXERCICE"), field(f, "LIBELLEPROFESSION"),
                field(f, "LIBELLESAVOIRFAIRE"), organisation, city, postal, mailbox.toLowerCase(Locale.ROOT), type);
        return new Line(lineNumber, entry, nationalId, null);
    }

    private String field(String[] f, String column) {
        Integer i = columns.get(column);
        if (i == null || i >= f.length) {
            return null;
        }
        String v = f[i].strip();
        return v.isEmpty() ? null : v;
    }

    private static String first(String a, String b) {
        return a != null ? a : b;
    }

    private Line skip(String reason) {
        return new Line(lineNumber, null, null, reason);
    }

    private String decode(byte[] bytes, int from) throws CharacterCodingException {
        return utf8.reset().decode(ByteBuffer.wrap(bytes, from, bytes.length - from)).toString();
    }

    private static final byte[] TOO_LONG = new byte[0];

    /** The bytes of the next line without its end ({@code \n} or {@code \r\n}); {@link #TOO_LONG} for an overlong line. */
    private byte[] nextBytes() throws IOException {
        buffer.reset();
        boolean tooLong = false;
        int b;
        boolean any = false;
        while ((b = in.read()) != -1) {
            any = true;
            if (zipped && ++unzipped > MAX_UNZIPPED) {
                throw new IOException(Messages.get("extract.tooBig"));
            }
            if (b == '\n') {
                break;
            }
            if (buffer.size() < MAX_LINE) {
                buffer.write(b);
            } else {
                tooLong = true;
            }
        }
        if (!any) {
            return null;
        }
        lineNumber++;
        if (tooLong) {
            return TOO_LONG;
        }
        byte[] bytes = buffer.toByteArray();
        int n = bytes.length;
        if (n > 0 && bytes[n - 1] == '\r') {
            return java.util.Arrays.copyOf(bytes, n - 1);
        }
        return bytes;
    }

    private static String shorten(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }

    private static void closeQuietly(Closeable c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException e) {
                // nothing more to do
            }
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
