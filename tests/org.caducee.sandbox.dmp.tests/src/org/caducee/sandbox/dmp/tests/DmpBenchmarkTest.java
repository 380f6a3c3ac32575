package org.caducee.sandbox.dmp.tests;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.caducee.core.document.HealthDocument;
import org.caducee.core.patient.Patient;
import org.caducee.dmp.AccessMode;
import org.caducee.dmp.DmpCaller;
import org.caducee.dmp.DmpCallerSource;
import org.caducee.dmp.DmpClient;
import org.caducee.dmp.DmpRequest;
import org.caducee.dmp.DmpService;
import org.caducee.dmp.DmpSummary;
import org.caducee.dmp.FeedTiming;
import org.caducee.dmp.vihf.AuthenticationMode;
import org.caducee.outbox.OutboxState;
import org.caducee.sandbox.DemoPractice;
import org.caducee.sandbox.SandboxPki;
import org.caducee.sandbox.SandboxPki.Credential;
import org.caducee.testing.Osgi;
import org.caducee.xds.DocumentEntry;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;

/**
 * Benchmark (only with {@code -Dcaducee.bench=true}, see {@code tests/bench/dmp.sh}), against the local DMP:
 * feeding a document (signed ITI-41 with MTOM, through the outbox, until the item is done) against a bare HTTPS POST
 * of the same CDA bytes over the same mutual TLS; opening a record whose DMP holds 200 documents until the counter's
 * data are there ({@link DmpService#open}) against the existence test (TD0.2). Prints {@code [bench]} lines with
 * p50 and ratios to the baseline measured in the same run.
 */
class DmpBenchmarkTest {

    private static final String NATIONAL_ID = "8" + DemoPractice.DOCTOR_RPPS;

    private static long p50(List<Long> nanos) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    @Test
    void feedingAndRecordOpening() throws Exception {
        assumeTrue(Boolean.getBoolean("caducee.bench"), "benchmark: -Dcaducee.bench=true");
        int runs = Integer.getInteger("caducee.bench.runs", 20);
        BundleContext context = FrameworkUtil.getBundle(DmpBenchmarkTest.class).getBundleContext();
        DmpTestRuntime runtime = new DmpTestRuntime();
        DmpService dmp = Osgi.await(context, DmpService.class, Duration.ofSeconds(30));
        DmpClient client = Osgi.await(context, DmpClient.class, Duration.ofSeconds(30));
        SandboxPki pki = Osgi.await(context, SandboxPki.class, Duration.ofSeconds(30));
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(Constants.SERVICE_RANKING, 70);
        ServiceRegistration<DmpCallerSource> registration = context.registerService(DmpCallerSource.class,
                () -> Optional.of(new DmpCaller("medecin", new DmpRequest.Professional(NATIONAL_ID, "DURAND Sophie", "10", Optional.empty()),
                        AuthenticationMode.INDIRECTE)), props);
        try {
            // 1. feeding vs bare POST of the same bytes
            Patient patient = runtime.qualifiedPatient();
            HttpClient http = HttpClient.newBuilder().sslContext(pki.clientSslContext(Credential.ORGANISATION_AUTH))
                    .version(HttpClient.Version.HTTP_1_1).build();
            URI endpoint = runtime.simulatorEndpoint().resolve("repository");
            List<Long> feed = new ArrayList<>();
            List<Long> post = new ArrayList<>();
            for (int i = 0; i < runs + 3; i++) {
                HealthDocument doc = runtime.producedDocument(patient);
                byte[] bytes = runtime.cda(patient, doc.setId(), 1).getBytes(StandardCharsets.UTF_8);
                long t0 = System.nanoTime();
                http.send(HttpRequest.newBuilder(endpoint).header("Content-Type", "application/octet-stream")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.discarding());
                long t1 = System.nanoTime();
                runtime.await(dmp.share(doc.id(), Set.of(), FeedTiming.NOW, "medecin").id(), OutboxState.DONE, Duration.ofSeconds(60));
                long t2 = System.nanoTime();
                if (i >= 3) {
                    post.add(t1 - t0);
                    feed.add(t2 - t1);
                }
            }
            System.out.printf("[bench] dmp feed (signed ITI-41 via outbox, %d KB CDA) p50 %.1f ms; bare HTTPS POST p50 %.1f ms; ratio %.1f%n",
                    runtime.cda(patient, "1.2.3", 1).length() / 1024, p50(feed) / 1e6, p50(post) / 1e6, (double) p50(feed) / p50(post));

            // 2. record opening with 200 documents vs the existence test
            Patient full = runtime.qualifiedPatient();
            String ins = full.identity().ins().value();
            DmpRequest doctor = new DmpRequest(ins, full.identity().ins().oid(), new DmpRequest.Professional(NATIONAL_ID, "DURAND Sophie", "10",
                    Optional.empty()), AccessMode.NORMAL, Optional.empty(), AuthenticationMode.INDIRECTE);
            for (int i = 0; i < 200; i++) {
                byte[] content = DmpDocumentsAgainstSimulatorTest.cda("Document " + i);
                DocumentEntry e = DmpDocumentsAgainstSimulatorTest.entry(ins, DmpDocumentsAgainstSimulatorTest.oid(), content, NATIONAL_ID,
                        i % 2 == 0 ? "11488-4" : "57833-6",
                        // one in ten invisible to the patient: the opening also asks when they become visible (GetSubmissionSets)
                        i % 10 == 0 ? Set.of(org.caducee.xds.Visibility.INVISIBLE_PATIENT) : Set.of());
                client.submit(doctor, DmpDocumentsAgainstSimulatorTest.submission(e, content, Optional.empty()));
            }
            List<Long> open = new ArrayList<>();
            List<Long> existence = new ArrayList<>();
            int listed = 0;
            for (int i = 0; i < runs + 3; i++) {
                long t0 = System.nanoTime();
                client.existence(doctor);
                long t1 = System.nanoTime();
                DmpSummary summary = dmp.open(full.id(), AccessMode.BRIS_DE_GLACE);
                long t2 = System.nanoTime();
                listed = summary.documents().size();
                if (i >= 3) {
                    existence.add(t1 - t0);
                    open.add(t2 - t1);
                }
            }
            System.out.printf("[bench] record opening -> counter data with %d DMP documents p50 %.1f ms; TD0.2 p50 %.1f ms; ratio %.1f%n",
                    listed, p50(open) / 1e6, p50(existence) / 1e6, (double) p50(open) / p50(existence));
        } finally {
            registration.unregister();
        }
    }
}
