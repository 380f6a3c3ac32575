package org.caducee.security.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.caducee.security.zip.SafeZip;
import org.caducee.security.zip.ZipEntryData;
import org.caducee.security.zip.ZipLimits;
import org.caducee.security.zip.ZipRejectedException;
import org.caducee.security.zip.ZipRejectedException.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SafeZipTest {

    @TempDir
    Path dir;

    /** Builds a zip with the given names and contents (deflated). */
    private static byte[] zip(Object... namesAndContents) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (int i = 0; i < namesAndContents.length; i += 2) {
                out.putNextEntry(new ZipEntry((String) namesAndContents[i]));
                Object content = namesAndContents[i + 1];
                out.write(content instanceof byte[] b ? b : ((String) content).getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static ZipRejectedException rejected(byte[] zip, ZipLimits limits) {
        try {
            SafeZip.read(zip, limits);
        } catch (ZipRejectedException e) {
            return e;
        }
        throw new AssertionError("archive acceptée à tort");
    }

    @Test
    void anOrdinaryXdmArchiveIsReadInOrder() throws Exception {
        byte[] zip = zip("IHE_XDM/", "", "IHE_XDM/SUBSET01/METADATA.XML", "<x/>", "INDEX.HTM", "<html/>", "README.TXT", "lisez-moi");

        List<ZipEntryData> entries = SafeZip.read(zip, ZipLimits.defaults());

        assertThat(entries).extracting(ZipEntryData::name).containsExactly("IHE_XDM/", "IHE_XDM/SUBSET01/METADATA.XML", "INDEX.HTM",
                "README.TXT");
        assertThat(new String(entries.get(3).content(), StandardCharsets.UTF_8)).isEqualTo("lisez-moi");
        assertThat(entries.get(0).directory()).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = { "../../etc/passwd|PATH_TRAVERSAL|sortir", "IHE_XDM/../../x|PATH_TRAVERSAL|sortir",
            "/etc/cron.d/x|ABSOLUTE_PATH|absolu", "..\\windows\\x.dll|BACKSLASH|oblique", "C:/Windows/x.dll|DRIVE_LETTER|lecteur",
            "c:x|DRIVE_LETTER|lecteur", "a/b:stream|BAD_NAME|invalide" })
    void hostileNamesAreRefusedWithAFrenchMessageNamingTheEntry(String name, Reason reason, String words) throws Exception {
        ZipRejectedException e = rejected(zip("ok.txt", "ok", name, "pwned"), ZipLimits.defaults());

        assertThat(e.reason()).isEqualTo(reason);
        assertThat(e.getMessage()).startsWith("Archive ZIP refusée").contains(name).contains(words);
        assertThat(e.entry()).isEqualTo(name);
    }

    @Test
    void duplicateNamesAreRefusedEvenWhenTheyDifferOnlyByCase() throws Exception {
        assertThat(rejected(zip("a/doc.xml", "1", "A/DOC.XML", "2"), ZipLimits.defaults()).reason()).isEqualTo(Reason.DUPLICATE);
        assertThat(rejected(zip("a/doc.xml", "1", "a/./doc.xml", "2"), ZipLimits.defaults()).getMessage()).contains("deux fois");
    }

    @Test
    void tooManyEntriesAreRefused() throws Exception {
        Object[] many = new Object[2 * 50];
        for (int i = 0; i < 50; i++) {
            many[2 * i] = "f" + i;
            many[2 * i + 1] = "x";
        }
        ZipRejectedException e = rejected(zip(many), ZipLimits.defaults().withMaxEntries(20));
        assertThat(e.reason()).isEqualTo(Reason.TOO_MANY_ENTRIES);
        assertThat(e.getMessage()).contains("plus de 20 entrées");
    }

    @Test
    void aZipBombOf50MegabytesOfZerosIsStoppedByTheCompressionRatio() throws Exception {
        byte[] bomb = zip("zeros.bin", new byte[50 << 20]);
        assertThat(bomb.length).isLessThan(200_000);

        ZipRejectedException e = rejected(bomb, ZipLimits.defaults().withMaxEntrySize(100L << 20).withMaxTotalSize(100L << 20));

        assertThat(e.reason()).isEqualTo(Reason.COMPRESSION_RATIO);
        assertThat(e.getMessage()).contains("zeros.bin").contains("bombe");
    }

    @Test
    void entryAndTotalSizesAreBounded() throws Exception {
        byte[] random = new byte[300_000];
        new java.util.Random(42).nextBytes(random);
        assertThat(rejected(zip("big.bin", random), ZipLimits.defaults().withMaxEntrySize(100_000)).reason()).isEqualTo(Reason.ENTRY_TOO_LARGE);
        assertThat(rejected(zip("a.bin", random, "b.bin", random), ZipLimits.defaults().withMaxTotalSize(500_000)).reason())
                .isEqualTo(Reason.TOTAL_TOO_LARGE);
    }

    @Test
    void lyingSizeHeadersDoNotHelp() throws Exception {
        byte[] random = new byte[3_000_000];
        new java.util.Random(7).nextBytes(random);
        byte[] zip = storedZip("liar.bin", random);
        // claim 10 bytes in the local header and in the central directory
        patchSizes(zip, 10);

        ZipRejectedException e = rejected(zip, ZipLimits.defaults().withMaxEntrySize(1_000_000));

        assertThat(e.reason()).isIn(Reason.ENTRY_TOO_LARGE, Reason.CORRUPT);
        assertThat(e.getMessage()).startsWith("Archive ZIP");
    }

    @Test
    void lyingSizeHeadersOnADeflatedBombAreIgnored() throws Exception {
        byte[] zip = zip("zeros.bin", new byte[20 << 20]);
        patchSizes(zip, 10);

        ZipRejectedException e = rejected(zip, ZipLimits.defaults().withMaxCompressionRatio(100_000).withMaxEntrySize(5L << 20));

        assertThat(e.reason()).isEqualTo(Reason.ENTRY_TOO_LARGE);
        assertThat(e.getMessage()).contains("zeros.bin");
    }

    @Test
    void garbageIsReportedAsUnreadable() {
        assertThatThrownBy(() -> SafeZip.read("pas un zip".getBytes(StandardCharsets.UTF_8), ZipLimits.defaults()))
                .isInstanceOf(ZipRejectedException.class).hasMessageContaining("ZIP");
    }

    @Test
    void extractionWritesOnlyInsideTheTargetAndCleansUpOnRefusal() throws Exception {
        Path target = Files.createDirectory(dir.resolve("out"));
        List<Path> files = SafeZip.extract(new ByteArrayInputStream(zip("IHE_XDM/SUBSET01/DOC0001.XML", "<doc/>", "README.TXT", "r")),
                target, ZipLimits.defaults());
        assertThat(files).hasSize(2).allSatisfy(p -> assertThat(p).startsWith(target.toRealPath()).isRegularFile());
        assertThat(target.resolve("IHE_XDM/SUBSET01/DOC0001.XML")).hasContent("<doc/>");

        Path second = Files.createDirectory(dir.resolve("out2"));
        assertThatThrownBy(() -> SafeZip.extract(new ByteArrayInputStream(zip("first.txt", "1", "../evil.txt", "2")), second,
                ZipLimits.defaults())).isInstanceOf(ZipRejectedException.class);
        assertThat(second.resolve("first.txt")).doesNotExist();
        assertThat(dir.resolve("evil.txt")).doesNotExist();

        assertThatThrownBy(() -> SafeZip.extract(new ByteArrayInputStream(zip("README.TXT", "again")), target, ZipLimits.defaults()))
                .hasMessageContaining("existe déjà");
        assertThatThrownBy(() -> SafeZip.extract(new ByteArrayInputStream(zip("a", "b")), dir.resolve("absent"), ZipLimits.defaults()))
                .hasMessageContaining("n’existe pas");
    }

    @Test
    void theCallersStreamIsLeftOpen() throws Exception {
        java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
        ByteArrayInputStream in = new ByteArrayInputStream(zip("a.txt", "a")) {
            @Override
            public void close() {
                closed.set(true);
            }
        };

        assertThat(SafeZip.read(in, ZipLimits.defaults())).hasSize(1);
        assertThat(closed).isFalse();
    }

    @Test
    void extractionDoesNotFollowASymbolicLinkOutOfTheTarget() throws Exception {
        Path outside = Files.createDirectory(dir.resolve("outside"));
        Path target = Files.createDirectory(dir.resolve("target"));
        Files.createSymbolicLink(target.resolve("link"), outside);

        Throwable e = org.assertj.core.api.Assertions
                .catchThrowable(() -> SafeZip.extract(new ByteArrayInputStream(zip("link/planted.sh", "echo")), target, ZipLimits.defaults()));

        assertThat(e).isInstanceOfSatisfying(ZipRejectedException.class, z -> assertThat(z.reason()).isEqualTo(Reason.PATH_TRAVERSAL));
        assertThat(outside.resolve("planted.sh")).doesNotExist();
    }

    private static byte[] storedZip(String name, byte[] content) throws IOException {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(content);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            ZipEntry e = new ZipEntry(name);
            e.setMethod(ZipEntry.STORED);
            e.setSize(content.length);
            e.setCompressedSize(content.length);
            e.setCrc(crc.getValue());
            out.putNextEntry(e);
            out.write(content);
            out.closeEntry();
        }
        return bytes.toByteArray();
    }

    /** Rewrites the uncompressed size of every local header and central directory record. */
    private static void patchSizes(byte[] zip, int size) {
        ByteBuffer b = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i + 4 <= zip.length; i++) {
            int sig = b.getInt(i);
            if (sig == 0x04034b50 && i + 30 <= zip.length && (b.getShort(i + 6) & 8) == 0) {
                b.putInt(i + 22, size);
                if (b.getShort(i + 8) == 0) {
                    b.putInt(i + 18, size);
                }
            } else if (sig == 0x08074b50 && i + 16 <= zip.length) {
                b.putInt(i + 12, size);
            } else if (sig == 0x02014b50 && i + 46 <= zip.length) {
                b.putInt(i + 24, size);
            }
        }
    }
}
