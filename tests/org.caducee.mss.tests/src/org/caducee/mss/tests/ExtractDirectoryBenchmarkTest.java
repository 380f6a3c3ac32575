package org.caducee.mss.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;

import org.caducee.mss.MssDirectory;
import org.caducee.mss.MssDirectory.Query;
import org.caducee.mss.MssDirectoryExtract;
import org.caducee.mss.MssDirectoryExtract.ImportReport;
import org.caducee.store.Database;
import org.caducee.testing.Osgi;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;

/**
 * Benchmark of the offline directory (runs only with {@code -Dcaducee.bench=true}, see {@code tests/bench/mssdir.sh}):
 * an extract of {@code caducee.bench.extract.lines} mailboxes (default 200,000; the real file has about 536,000) in
 * the ANS layout is imported, versus a bare read and split of the same file in the same run; then searches by name
 * (index) versus a full scan of the same table in the same run. Prints ratios; asserts only that nothing is lost.
 */
class ExtractDirectoryBenchmarkTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String[] NAMES = { "MARTIN", "BERNARD", "DUBOIS", "THOMAS", "ROBERT", "RICHARD", "PETIT", "DURAND", "LEROY", "MOREAU" };
    private static final String[] CITIES = { "75011 PARIS", "69003 LYON", "13001 MARSEILLE", "31000 TOULOUSE", "33000 BORDEAUX" };

    @TempDir
    Path dir;

    @Test
    void importAndSearchAgainstABareReadAndAFullScan() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("caducee.bench"), "benchmark: -Dcaducee.bench=true");
        int lines = Integer.getInteger("caducee.bench.extract.lines", 200_000);
        BundleContext context = FrameworkUtil.getBundle(MssDirectory.class).getBundleContext();
        MssDirectoryExtract extract = Osgi.await(context, MssDirectoryExtract.class, TIMEOUT);
        Database db = Osgi.await(context, Database.class, TIMEOUT);

        Path file = dir.resolve("Extraction_Correspondance_MSSante_202612070000.txt");
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(String.join("|", OfflineDirectoryTest.HEADER));
            w.write('\n');
            for (int i = 0; i < lines; i++) {
                String name = NAMES[i % NAMES.length] + (i / NAMES.length);
                String city = CITIES[i % CITIES.length];
                w.write(OfflineDirectoryTest.line(OfflineDirectoryTest.person(i % 5 == 0 ? "ORG" : "PER", "bal" + i + "@test.mssante.fr",
                        String.format("1%010d", i), name, "Prénom" + (i % 97), i % 3 == 0 ? "Infirmier" : "Médecin",
                        i % 3 == 0 ? null : "Médecine Générale", "STRUCTURE " + (i % 5000), null, city, city.substring(0, 5))));
                w.write('\n');
            }
        }

        long bare = System.nanoTime();
        long fields = 0;
        try (var reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String l;
            while ((l = reader.readLine()) != null) {
                fields += l.split("\\|", -1).length;
            }
        }
        bare = System.nanoTime() - bare;
        long imported = System.nanoTime();
        ImportReport report = extract.importFile(file, "bench");
        imported = System.nanoTime() - imported;
        assertThat(report.imported()).isEqualTo(lines);
        assertThat(fields).isEqualTo(31L * (lines + 1));
        System.out.printf("[bench] extract import: %d lines in %.2f s = %.0f lines/s; bare read+split %.2f s; import/bare time ratio %.1f%n", lines,
                imported / 1e9, lines / (imported / 1e9), bare / 1e9, (double) imported / bare);

        int searches = 200;
        long indexed = System.nanoTime();
        int found = 0;
        for (int i = 0; i < searches; i++) {
            int n = (i * 7919) % lines;
            found += extract.search(new Query(NAMES[n % NAMES.length] + (n / NAMES.length), null, null, null, null, null)).size();
        }
        indexed = System.nanoTime() - indexed;
        assertThat(found).isGreaterThanOrEqualTo(searches);
        long scan = System.nanoTime();
        for (int i = 0; i < searches / 20; i++) {
            int n = (i * 7919) % lines;
            String key = NAMES[n % NAMES.length] + (n / NAMES.length);
            db.withConnection(c -> {
                // the same row found by a column without index: what a search costs without the index
                try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM mss_directory_entry WHERE UPPER(last_name) = ?")) {
                    ps.setString(1, key);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        return rs.getInt(1);
                    }
                }
            });
        }
        scan = System.nanoTime() - scan;
        double perIndexed = indexed / 1e6 / searches;
        double perScan = scan / 1e6 / (searches / 20);
        System.out.printf("[bench] search by name: %.2f ms per search (index) vs %.2f ms per full scan of %d rows; ratio %.3f%n", perIndexed, perScan,
                lines, perIndexed / perScan);
        long multi = System.nanoTime();
        for (int i = 0; i < 20; i++) {
            extract.search(new Query(null, null, null, "lyon", null, "PER", "médecin", "générale", "structure 12"));
        }
        multi = System.nanoTime() - multi;
        System.out.printf("[bench] multi-criteria (city, type, profession, specialty, organisation contains): %.2f ms per search; %s%n",
                multi / 1e6 / 20, Map.of("ratioToFullScan", String.format("%.2f", multi / 1e6 / 20 / perScan)));
    }
}
