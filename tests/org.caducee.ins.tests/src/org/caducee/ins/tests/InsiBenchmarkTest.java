package org.caducee.ins.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.caducee.core.identity.Sex;
import org.caducee.ins.cog.CogStatus;
import org.caducee.ins.insi.InsiClient;
import org.caducee.ins.insi.InsiSettings;
import org.caducee.ins.insi.InsiSettingsSource;
import org.caducee.ins.internal.CogReferentialComponent;
import org.caducee.ins.internal.CogSchema;
import org.caducee.ins.internal.insi.InsiSoap;
import org.caducee.ins.matching.TraitsQuery;
import org.caducee.sandbox.Simulator;
import org.caducee.sandbox.insi.InsiSimulatorControl;
import org.caducee.testing.Osgi;
import org.caducee.testing.TestDatabase;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;

/**
 * Benchmarks (only with {@code -Dcaducee.bench=true}, see {@code tests/bench/insi.sh}): the INSi round trip through the
 * client against the simulator vs a bare HTTPS POST of the same signed envelope on the same TLS context, and the COG
 * lookup by name prefix over the full referential. Prints {@code [bench]} lines; asserts nothing about time.
 */
class InsiBenchmarkTest {

    private static final int RUNS = 300;

    @Test
    void insiRoundTrip_vsBarePost() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("caducee.bench"), "benchmark: -Dcaducee.bench=true");
        BundleContext context = FrameworkUtil.getBundle(InsiBenchmarkTest.class).getBundleContext();
        InsiSimulatorControl control = Osgi.await(context, InsiSimulatorControl.class, Duration.ofSeconds(120));
        Simulator simulator = (Simulator) control;
        while (simulator.endpoint().isEmpty()) {
            Thread.sleep(100);
        }
        InsiClient client = Osgi.await(context, InsiClient.class, Duration.ofSeconds(60));
        InsiSettings settings = ((InsiSettingsSource) control).settings().orElseThrow();
        TraitsQuery q = new TraitsQuery("ADRUN", "ZOE", Sex.FEMALE, LocalDate.parse("1975-12-31"), null);
        var request = InsiSoap.traitsRequest(q, settings, settings.authentication().emitter(), UUID.randomUUID().toString());
        settings.authentication().fillSecurityHeader(InsiSoap.security(request));
        byte[] envelope = InsiSoap.serialize(request);
        HttpClient bare = HttpClient.newBuilder().sslContext(settings.authentication().sslContext()).version(HttpClient.Version.HTTP_1_1).build();
        URI endpoint = settings.endpoint();
        for (int i = 0; i < 30; i++) {
            client.searchWithTraits(q);
            barePost(bare, endpoint, envelope);
        }
        List<Long> full = new ArrayList<>();
        List<Long> raw = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            long t0 = System.nanoTime();
            assertThat(client.searchWithTraits(q).found()).isTrue();
            long t1 = System.nanoTime();
            assertThat(barePost(bare, endpoint, envelope)).isEqualTo(200);
            long t2 = System.nanoTime();
            full.add(t1 - t0);
            raw.add(t2 - t1);
        }
        report("INSi round trip (client: envelope + Assertion PS signature + HTTPS + parsing)", full);
        report("bare HTTPS POST of the same envelope", raw);
        System.out.printf("[bench] ratio client/bare: p50 %.2f, p95 %.2f%n", (double) pct(full, 50) / pct(raw, 50), (double) pct(full, 95) / pct(raw, 95));
    }

    @Test
    void cogLookupByNamePrefix() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("caducee.bench"), "benchmark: -Dcaducee.bench=true");
        Assumptions.assumeTrue(Files.isDirectory(TestInstallation.cogFiles()));
        Path dir = Files.createTempDirectory("caducee-cog-bench");
        try (TestDatabase database = TestDatabase.h2(dir)) {
            CogSchema migrations = new CogSchema();
            database.migrate(migrations);
            var cog = new CogReferentialComponent(database, TestDatabase.schemaReady(migrations),
                    new TestInstallation(dir, Map.of(CogReferentialComponent.SETTING_DIR, TestInstallation.cogFiles().toString())));
            CogStatus s = cog.ready().toCompletableFuture().get(5, TimeUnit.MINUTES);
            assertThat(s.ready()).isTrue();
            String[] prefixes = { "sai", "clerm", "par", "mars", "bas", "ly", "saint-e", "le ", "aja", "vill", "mont", "st j" };
            for (int i = 0; i < 100; i++) {
                cog.search(prefixes[i % prefixes.length], LocalDate.of(1975, 12, 31), 20);
            }
            List<Long> times = new ArrayList<>();
            for (int i = 0; i < 600; i++) {
                long t0 = System.nanoTime();
                cog.search(prefixes[i % prefixes.length], LocalDate.of(1975, 12, 31), 20);
                times.add(System.nanoTime() - t0);
            }
            report("COG lookup by name prefix (" + s.places() + " code periods, H2, limit 20)", times);
        }
    }

    private static int barePost(HttpClient http, URI endpoint, byte[] body) throws Exception {
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(endpoint).header("Content-Type", "application/soap+xml; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
        return r.statusCode();
    }

    private static long pct(List<Long> values, int p) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private static void report(String what, List<Long> nanos) {
        System.out.printf("[bench] %s: p50 %.2f ms, p95 %.2f ms (n=%d)%n", what, pct(nanos, 50) / 1e6, pct(nanos, 95) / 1e6, nanos.size());
    }
}
