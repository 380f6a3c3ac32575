package org.caducee.cda.tests;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.caducee.cda.internal.SchematronEngineProbe;
import org.caducee.cda.validation.CdaValidator;
import org.caducee.cda.validation.Finding;
import org.caducee.cda.validation.Severity;
import org.caducee.cda.validation.ValidationReport;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.xml.sax.InputSource;

/**
 * Benchmark (asserts nothing; runs only with {@code -Dcaducee.bench=true}, see {@code tests/bench/cda-validate.sh}):
 * the DS {@link CdaValidator} on one CR-BIO and one CS9 official example, warm, in one JVM (XSD + the four profils
 * schematrons + the volet schematron). Prints {@code [bench]} lines: the median per document after warm-up, the
 * findings per check (to compare with the ANS pipeline run by the script) and the time taken by each schematron.
 */
class CdaValidationBenchmarkTest {

    static final List<String> DOCUMENTS = List.of("BIO-CR-BIO_2024.01_TSH_1.xml", "CSE-CS9_2025.01.xml");

    @Test
    void warmMedianPerDocument() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("caducee.bench"), "benchmark: -Dcaducee.bench=true");
        int warmup = Integer.getInteger("caducee.bench.warmup", 3);
        int runs = Integer.getInteger("caducee.bench.runs", 11);
        CdaValidator validator = CdaTestSupport.service(CdaValidator.class);
        List<byte[]> documents = new ArrayList<>();
        for (String name : DOCUMENTS) {
            documents.add(CdaTestSupport.read(name));
        }
        long first = System.nanoTime();
        for (byte[] d : documents) {
            validator.validate(d); // compiles the schematrons of the type (cold)
        }
        System.out.printf(Locale.ROOT, "[bench] caducee cold (compile + first validation of both documents): %.2f s%n",
                (System.nanoTime() - first) / 1e9);
        for (int i = 0; i < warmup; i++) {
            for (byte[] d : documents) {
                validator.validate(d);
            }
        }
        long[] all = new long[runs * documents.size()];
        int k = 0;
        for (int i = 0; i < documents.size(); i++) {
            long[] times = new long[runs];
            ValidationReport report = null;
            for (int r = 0; r < runs; r++) {
                long t0 = System.nanoTime();
                report = validator.validate(documents.get(i));
                times[r] = System.nanoTime() - t0;
                all[k++] = times[r];
            }
            System.out.printf(Locale.ROOT, "[bench] caducee %s median %.1f ms (%d runs after %d warm-up)%n", DOCUMENTS.get(i),
                    median(times) / 1e6, runs, warmup);
            printFindings(DOCUMENTS.get(i), report);
        }
        System.out.printf(Locale.ROOT, "[bench] caducee median per document: %.1f ms%n", median(all) / 1e6);
        profile(validator, documents, runs);
    }

    /** Which schematron dominates: a separate engine, same compiled schematrons, one document parsed once. */
    private static void profile(CdaValidator validator, List<byte[]> documents, int runs) throws Exception {
        SchematronEngineProbe probe = new SchematronEngineProbe(CdaTestSupport::transpiler);
        Path schematrons = validator.kitDirectory().resolve("schematrons");
        for (int i = 0; i < documents.size(); i++) {
            byte[] d = documents.get(i);
            List<String> checks = validator.schematronsFor(d);
            long[] parse = new long[runs];
            Object node = null;
            for (int r = 0; r < runs; r++) {
                long t0 = System.nanoTime();
                node = probe.parse(new InputSource(new ByteArrayInputStream(d)));
                parse[r] = System.nanoTime() - t0;
            }
            Path xsd = validator.kitDirectory().resolve("infrastructure/cda/CDA_extended.xsd");
            probe.xsd(xsd, d);
            long[] xsdTimes = new long[runs];
            for (int r = 0; r < runs; r++) {
                long t0 = System.nanoTime();
                probe.xsd(xsd, d);
                xsdTimes[r] = System.nanoTime() - t0;
            }
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "XSD %.1f, parse %.1f", median(xsdTimes) / 1e6, median(parse) / 1e6));
            StringBuilder svrl = new StringBuilder();
            int failed = 0;
            for (String sch : checks) {
                int[] counts = probe.svrlCounts(schematrons.resolve(sch), node);
                failed += counts[0];
                svrl.append(svrl.isEmpty() ? "" : " ").append(Path.of(sch).getFileName().toString().replaceFirst("\\.sch$", ""))
                        .append(" failed=").append(counts[0]).append(" reports=").append(counts[1]);
                probe.run(schematrons.resolve(sch), sch, node); // compile + warm
                probe.run(schematrons.resolve(sch), sch, node);
                long[] times = new long[runs];
                for (int r = 0; r < runs; r++) {
                    long t0 = System.nanoTime();
                    probe.run(schematrons.resolve(sch), sch, node);
                    times[r] = System.nanoTime() - t0;
                }
                line.append(String.format(Locale.ROOT, ", %s %.1f", Path.of(sch).getFileName(), median(times) / 1e6));
            }
            System.out.printf("[bench] caducee profile %s (median ms): %s%n", DOCUMENTS.get(i), line);
            System.out.printf("[bench] caducee svrl %s: %s%n", DOCUMENTS.get(i), svrl);
            System.out.printf("[bench] caducee failed-assert total %s: %d%n", DOCUMENTS.get(i), failed);
        }
    }

    private static void printFindings(String name, ValidationReport report) {
        Map<String, int[]> bySource = new TreeMap<>();
        for (String check : report.checkedAgainst()) {
            bySource.put(label(check), new int[3]);
        }
        for (Finding f : report.findings()) {
            int[] counts = bySource.computeIfAbsent(label(f.source()), s -> new int[3]);
            counts[f.severity() == Severity.ERROR ? 0 : f.severity() == Severity.WARNING ? 1 : 2]++;
        }
        StringBuilder line = new StringBuilder();
        int errors = 0;
        for (Map.Entry<String, int[]> e : bySource.entrySet()) {
            if ("XML".equals(e.getKey())) {
                continue;
            }
            int[] c = e.getValue();
            errors += c[0];
            line.append(line.isEmpty() ? "" : ", ").append(e.getKey()).append(" E=").append(c[0]).append(" W=").append(c[1]).append(" I=").append(c[2]);
        }
        System.out.printf("[bench] caducee findings %s: %s%n", name, line);
        System.out.printf("[bench] caducee errors %s: %d%n", name, errors);
        for (Finding f : report.findings()) {
            if (f.severity() == Severity.ERROR) {
                System.out.println("[bench]   " + f);
            }
        }
    }

    private static String label(String source) {
        return source.contains("/") || source.endsWith(".sch") ? Path.of(source).getFileName().toString().replaceFirst("\\.sch$", "") : source;
    }

    static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
