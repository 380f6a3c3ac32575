package org.caducee.xds.tests;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.caducee.cda.CdaHeader;
import org.caducee.core.document.DocumentFormat;
import org.caducee.core.document.HealthDocument;
import org.caducee.core.document.Provenance;
import org.caducee.xds.DocumentVersions;
import org.caducee.xds.XdmContent;
import org.caducee.xds.XdmDocument;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Benchmark (asserts nothing; runs only with {@code -Dcaducee.bench=true}, see {@code tests/bench/xdm.sh}): 1,000
 * IHE_XDM archives (CS9 example as versions 1..900 of one set, plus 100 duplicate deliveries) through
 * {@code unpack + verify + read + dedupe} (versioning check and storage in H2), versus a bare {@code ZipInputStream}
 * unzip of the same bytes in the same JVM. Prints {@code [bench]} lines with the throughputs and their ratio.
 */
class XdmBenchmarkTest {

    @TempDir
    Path dir;

    @Test
    void unpackReadDedupeThroughput() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("caducee.bench"), "benchmark: -Dcaducee.bench=true");
        int count = Integer.getInteger("caducee.bench.archives", 1_000);
        try (XdsFixture f = new XdsFixture(dir, false)) {
            byte[] cda = XdsFixture.exampleCda("CSE-CS9_2025.01");
            CdaHeader h = f.reader.read(cda);
            String text = XdsFixture.utf8(cda);
            String idAttr = "<id root=\"" + h.id().root() + "\"";
            List<byte[]> archives = new ArrayList<>();
            int unique = count * 9 / 10;
            for (int i = 1; i <= unique; i++) {
                String v = text.replaceFirst(java.util.regex.Pattern.quote(idAttr), java.util.regex.Matcher.quoteReplacement("<id root=\"" + h.id().root() + "." + i + "\""))
                        .replaceFirst("<versionNumber value=\"\\d+\"\\s*/>", "<versionNumber value=\"" + i + "\"/>");
                archives.add(f.archives.pack(List.of(v.getBytes(StandardCharsets.UTF_8)), null, Set.of()));
            }
            for (int i = 0; archives.size() < count; i++) {
                archives.add(archives.get(i * 9));
            }
            // warm-up on a copy of the work, then measure each side alternately, three rounds, best round kept
            bare(archives);
            long bestBare = Long.MAX_VALUE;
            long bestOurs = Long.MAX_VALUE;
            long bestRead = Long.MAX_VALUE;
            int stored = 0;
            int duplicates = 0;
            for (int round = 0; round < 3; round++) {
                long t0 = System.nanoTime();
                bare(archives);
                bestBare = Math.min(bestBare, System.nanoTime() - t0);
                t0 = System.nanoTime();
                for (byte[] a : archives) {
                    f.archives.read(a);
                }
                bestRead = Math.min(bestRead, System.nanoTime() - t0);
                try (XdsFixture fresh = new XdsFixture(dir.resolve("round" + round), false)) {
                    stored = 0;
                    duplicates = 0;
                    t0 = System.nanoTime();
                    for (byte[] a : archives) {
                        XdmContent content = fresh.archives.read(a);
                        for (XdmDocument d : content.documents()) {
                            CdaHeader dh = fresh.reader.read(d.content());
                            if (fresh.versions.check(dh.id().value(), dh.setId().value(), dh.versionNumber(), d.entry().hash()).isPresent()) {
                                duplicates++;
                                continue;
                            }
                            fresh.versions.store(new HealthDocument(UUID.randomUUID(), fresh.decourcy.id(), dh.id().value(), dh.setId().value(),
                                    dh.versionNumber(), null, null, dh.title(), dh.effectiveTime(), null, DocumentFormat.CDA_N3,
                                    Provenance.RECEIVED_MSSANTE, null, null, null), d.content(), "text/xml", "XDM", "bench");
                            stored++;
                        }
                    }
                    bestOurs = Math.min(bestOurs, System.nanoTime() - t0);
                }
            }
            long bytes = archives.stream().mapToLong(a -> a.length).sum();
            System.out.printf("[bench] %d archives (%d KiB each, %d stored, %d duplicates refused by the versioning rules)%n", archives.size(),
                    archives.get(0).length / 1024, stored, duplicates);
            System.out.printf("[bench] bare unzip (ZipInputStream):          %7.1f ms  %7.0f archives/s%n", bestBare / 1e6, count / (bestBare / 1e9));
            System.out.printf("[bench] xdm read (SafeZip + ebRIM + SHA-1 + CDA patient check): %7.1f ms  %7.0f archives/s  ratio %.1f%n",
                    bestRead / 1e6, count / (bestRead / 1e9), (double) bestRead / bestBare);
            System.out.printf("[bench] xdm read + header + dedupe + store (H2): %7.1f ms  %7.0f archives/s  ratio %.1f%n", bestOurs / 1e6,
                    count / (bestOurs / 1e9), (double) bestOurs / bestBare);
            System.out.printf("[bench] input %.1f MiB%n", bytes / 1048576.0);
            if (duplicates + stored != count) {
                throw new AssertionError("lost archives");
            }
        }
    }

    private static long bare(List<byte[]> archives) throws Exception {
        long total = 0;
        byte[] buf = new byte[8192];
        for (byte[] a : archives) {
            try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(a))) {
                for (ZipEntry e; (e = in.getNextEntry()) != null;) {
                    for (int n; (n = in.read(buf)) > 0;) {
                        total += n;
                    }
                }
            }
        }
        return total;
    }
}
