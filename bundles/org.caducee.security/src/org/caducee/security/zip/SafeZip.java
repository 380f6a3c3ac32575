package org.caducee.security.zip;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

import org.caducee.security.internal.Messages;
import org.caducee.security.zip.ZipRejectedException.Reason;

/**
 * Reads untrusted ZIP archives (IHE_XDM.zip from MSSanté, imports…) within {@link ZipLimits}. Entry names must be
 * relative paths with forward slashes, without {@code ..}, drive letters, control characters or duplicates (compared
 * case-insensitively, as on Windows and macOS file systems). Sizes and compression ratios are measured on the bytes
 * really inflated, so lying headers do not help a zip bomb. Every refusal is a {@link ZipRejectedException} whose
 * French message names the problem and the entry.
 * <p>
 * The archive is read as a stream of local entries (as mail clients and {@code unzip -} do); entries named only in
 * the central directory are not seen.
 */
public final class SafeZip {

    private static final Pattern DRIVE = Pattern.compile("^[A-Za-z]:.*");

    private SafeZip() {
    }

    /** All entries in memory, in archive order (directories included, with empty content). The stream is not closed. */
    public static List<ZipEntryData> read(InputStream zip, ZipLimits limits) throws ZipRejectedException {
        List<ZipEntryData> entries = new ArrayList<>();
        try {
            walk(zip, limits, new Sink() {
                private ByteArrayOutputStream buffer;

                @Override
                public OutputStream begin(String name, boolean directory) {
                    buffer = new ByteArrayOutputStream();
                    return buffer;
                }

                @Override
                public void end(String name, boolean directory) {
                    entries.add(new ZipEntryData(name, buffer.toByteArray()));
                }
            });
        } catch (ZipRejectedException e) {
            throw e;
        } catch (IOException e) {
            throw corrupt(e);
        }
        return Collections.unmodifiableList(entries);
    }

    public static List<ZipEntryData> read(byte[] zip, ZipLimits limits) throws ZipRejectedException {
        return read(new ByteArrayInputStream(zip), limits);
    }

    /**
     * Extracts into an existing directory, never outside it and never over an existing file. On refusal, the files
     * already written are deleted. The stream is not closed.
     *
     * @return the files written, in archive order
     */
    public static List<Path> extract(InputStream zip, Path targetDirectory, ZipLimits limits) throws IOException {
        if (targetDirectory == null || !Files.isDirectory(targetDirectory)) {
            throw new ZipRejectedException(Reason.TARGET, null, Messages.get("zip.target", targetDirectory), null);
        }
        Path root = targetDirectory.toRealPath();
        List<Path> created = new ArrayList<>();
        try {
            walk(zip, limits, new Sink() {
                private OutputStream out;

                @Override
                public OutputStream begin(String name, boolean directory) throws IOException {
                    Path path = root.resolve(name).normalize();
                    if (!path.startsWith(root) || path.equals(root) && !directory) {
                        throw new ZipRejectedException(Reason.PATH_TRAVERSAL, name, Messages.get("zip.traversal", name), null);
                    }
                    if (directory) {
                        createDirectories(path, name);
                        out = OutputStream.nullOutputStream();
                        return out;
                    }
                    createDirectories(path.getParent(), name);
                    try {
                        out = Files.newOutputStream(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                    } catch (FileAlreadyExistsException e) {
                        throw new ZipRejectedException(Reason.TARGET, name, Messages.get("zip.exists", name), e);
                    }
                    created.add(path);
                    return out;
                }

                @Override
                public void end(String name, boolean directory) throws IOException {
                    out.close();
                }

                private void createDirectories(Path dir, String name) throws IOException {
                    if (Files.exists(dir) && !dir.toRealPath().startsWith(root)) {
                        throw new ZipRejectedException(Reason.PATH_TRAVERSAL, name, Messages.get("zip.traversal", name), null);
                    }
                    Files.createDirectories(dir);
                }
            });
        } catch (IOException | RuntimeException e) {
            for (int i = created.size() - 1; i >= 0; i--) {
                try {
                    Files.deleteIfExists(created.get(i));
                } catch (IOException ignored) {
                    // best effort
                }
            }
            if (e instanceof ZipRejectedException || e instanceof RuntimeException) {
                throw e;
            }
            throw corrupt(e);
        }
        return Collections.unmodifiableList(created);
    }

    /**
     * Checks an entry name and returns it normalised (no empty or "." segments; a trailing slash kept for directories).
     */
    public static String checkName(String name) throws ZipRejectedException {
        if (name == null || name.isEmpty()) {
            throw new ZipRejectedException(Reason.BAD_NAME, name, Messages.get("zip.badName", String.valueOf(name)), null);
        }
        for (int i = 0; i < name.length(); i++) {
            if (Character.isISOControl(name.charAt(i))) {
                throw new ZipRejectedException(Reason.BAD_NAME, name, Messages.get("zip.badName", printable(name)), null);
            }
        }
        if (name.indexOf('\\') >= 0) {
            throw new ZipRejectedException(Reason.BACKSLASH, name, Messages.get("zip.backslash", name), null);
        }
        if (name.startsWith("/")) {
            throw new ZipRejectedException(Reason.ABSOLUTE_PATH, name, Messages.get("zip.absolute", name), null);
        }
        if (DRIVE.matcher(name).matches()) {
            throw new ZipRejectedException(Reason.DRIVE_LETTER, name, Messages.get("zip.drive", name), null);
        }
        if (name.indexOf(':') >= 0) {
            throw new ZipRejectedException(Reason.BAD_NAME, name, Messages.get("zip.badName", name), null);
        }
        List<String> segments = new ArrayList<>();
        for (String segment : name.split("/")) {
            if (segment.equals("..")) {
                throw new ZipRejectedException(Reason.PATH_TRAVERSAL, name, Messages.get("zip.traversal", name), null);
            }
            if (!segment.isEmpty() && !segment.equals(".")) {
                segments.add(segment);
            }
        }
        if (segments.isEmpty()) {
            throw new ZipRejectedException(Reason.BAD_NAME, name, Messages.get("zip.badName", name), null);
        }
        return String.join("/", segments) + (name.endsWith("/") ? "/" : "");
    }

    private interface Sink {
        OutputStream begin(String name, boolean directory) throws IOException;

        void end(String name, boolean directory) throws IOException;
    }

    private static void walk(InputStream in, ZipLimits limits, Sink sink) throws IOException {
        CountingInputStream raw = new CountingInputStream(in);
        Set<String> seen = new HashSet<>();
        long total = 0;
        int count = 0;
        byte[] buffer = new byte[8192];
        try (ZipInputStream zip = new ZipInputStream(raw)) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                count++;
                if (count > limits.maxEntries()) {
                    throw new ZipRejectedException(Reason.TOO_MANY_ENTRIES, null, Messages.get("zip.tooManyEntries", limits.maxEntries()), null);
                }
                String name = checkName(entry.getName());
                boolean directory = name.endsWith("/");
                String key = (directory ? name.substring(0, name.length() - 1) : name).toLowerCase(Locale.ROOT);
                if (!seen.add(key)) {
                    throw new ZipRejectedException(Reason.DUPLICATE, name, Messages.get("zip.duplicate", name), null);
                }
                if (entry.getSize() > limits.maxEntrySize()) {
                    throw tooLarge(name, limits);
                }
                long start = raw.count();
                OutputStream out = sink.begin(name, directory);
                long size = 0;
                int n;
                while ((n = zip.read(buffer)) > 0) {
                    size += n;
                    total += n;
                    if (size > limits.maxEntrySize()) {
                        throw tooLarge(name, limits);
                    }
                    if (total > limits.maxTotalSize()) {
                        throw new ZipRejectedException(Reason.TOTAL_TOO_LARGE, name, Messages.get("zip.totalTooLarge", limits.maxTotalSize()), null);
                    }
                    if (size > limits.ratioThreshold()) {
                        long compressed = Math.max(1, raw.count() - start);
                        if (size / compressed > limits.maxCompressionRatio()) {
                            throw new ZipRejectedException(Reason.COMPRESSION_RATIO, name,
                                    Messages.get("zip.ratio", name, limits.maxCompressionRatio()), null);
                        }
                    }
                    if (!directory) {
                        out.write(buffer, 0, n);
                    }
                }
                sink.end(name, directory);
            }
        } catch (ZipRejectedException e) {
            throw e;
        } catch (ZipException | IllegalArgumentException e) {
            // IllegalArgumentException: malformed entry name encoding
            throw corrupt(e);
        }
        if (count == 0) {
            throw new ZipRejectedException(Reason.CORRUPT, null, Messages.get("zip.empty"), null);
        }
    }

    private static ZipRejectedException tooLarge(String name, ZipLimits limits) {
        return new ZipRejectedException(Reason.ENTRY_TOO_LARGE, name, Messages.get("zip.entryTooLarge", name, limits.maxEntrySize()), null);
    }

    private static ZipRejectedException corrupt(Exception e) {
        return new ZipRejectedException(Reason.CORRUPT, null, Messages.get("zip.corrupt", String.valueOf(e.getMessage())), e);
    }

    private static String printable(String name) {
        StringBuilder b = new StringBuilder();
        name.chars().forEach(c -> b.append(Character.isISOControl(c) ? '?' : (char) c));
        return b.toString();
    }

    /** Counts the compressed bytes consumed from the archive. */
    private static final class CountingInputStream extends FilterInputStream {
        private long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        long count() {
            return count;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        /** The caller owns the archive stream: it stays open. */
        @Override
        public void close() {
            // not closing the caller's stream
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count += skipped;
            return skipped;
        }
    }
}
