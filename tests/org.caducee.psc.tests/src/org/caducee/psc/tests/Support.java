package org.caducee.psc.tests;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.caducee.core.audit.AuditEvent;
import org.caducee.core.audit.AuditTrail;
import org.caducee.core.audit.AuditVerification;
import org.caducee.core.installation.Installation;
import org.caducee.psc.BrowserLauncher;
import org.caducee.psc.PscSettings;
import org.caducee.sandbox.DemoPractice;
import org.caducee.sandbox.SandboxPki;
import org.caducee.sandbox.psc.DemoProfessional;
import org.caducee.testing.Osgi;
import org.osgi.framework.FrameworkUtil;

/** Test doubles and helpers shared by the PSC tests. */
final class Support {

    static final String DOCTOR = "8" + DemoPractice.DOCTOR_RPPS;
    static final String SECOND_DOCTOR = "8" + DemoPractice.SECOND_DOCTOR_RPPS;
    static final String NURSE = "8" + DemoPractice.NURSE_RPPS;
    static final String PIN = "1234";

    private Support() {
    }

    static List<DemoProfessional> professionals() {
        return List.of(new DemoProfessional(DOCTOR, DemoPractice.DOCTOR_LAST_NAME, DemoPractice.DOCTOR_FIRST_NAME, "10", "SM54", PIN),
                new DemoProfessional(SECOND_DOCTOR, "LEFEBVRE", "MARC", "10", "SM54", PIN),
                new DemoProfessional(NURSE, "BLANC", "JULIE", "60", null, PIN));
    }

    /** The test PKI of the sandbox (the OSGi service, generated in the test runtime's data directory). */
    static SandboxPki pki() throws Exception {
        Osgi.startBundleOf(SandboxPki.class);
        return Osgi.await(FrameworkUtil.getBundle(Support.class).getBundleContext(), SandboxPki.class, Duration.ofSeconds(120));
    }

    record TestInstallation(Path dataDir, Map<String, String> settings) implements Installation {
        @Override
        public boolean sandbox() {
            return true;
        }

        @Override
        public Optional<String> setting(String key) {
            return Optional.ofNullable(settings.get(key));
        }
    }

    /** An in-memory audit trail recording what the PSC bundle writes. */
    static final class RecordingAudit implements AuditTrail {
        final List<AuditEvent> events = Collections.synchronizedList(new ArrayList<>());

        @Override
        public AuditEvent record(String actor, String action, String subject, String detail) {
            AuditEvent e = new AuditEvent(events.size() + 1, Instant.now(), actor, action, subject, detail);
            events.add(e);
            return e;
        }

        List<String> actions() {
            synchronized (events) {
                return events.stream().map(AuditEvent::action).toList();
            }
        }

        @Override
        public List<AuditEvent> latest(int max) {
            return List.copyOf(events);
        }

        @Override
        public List<AuditEvent> forSubject(String subject) {
            return events.stream().filter(e -> e.subject().equals(subject)).toList();
        }

        @Override
        public AuditVerification verify() {
            throw new UnsupportedOperationException();
        }
    }

    static SSLContext trustOnly(SandboxPki pki) throws Exception {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        KeyStore trust = pki.trustStore();
        tmf.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        return ssl;
    }

    static PscSettings settings(URI issuer, String clientId, String secret, SSLContext ssl, SandboxPki pki, SandboxPki.Credential credential) {
        return new PscSettings(issuer, clientId, secret, "eidas1", ssl, credential == null ? null : pki.certificate(credential), null);
    }

    /**
     * A browser as far as PSC can tell: an HTTP client that follows redirects (also from HTTPS to the loopback HTTP
     * redirect), shows pages and fills the login form it finds with the national id and PIN it was given. It trusts
     * only the test root and presents no client certificate.
     */
    static final class BrowserLikeClient implements BrowserLauncher {
        final HttpClient http;
        final String nationalId;
        final String pin;
        final List<String> pages = Collections.synchronizedList(new ArrayList<>());
        volatile CompletableFuture<Void> done = CompletableFuture.completedFuture(null);
        /** When set, the browser stops at the loopback redirect and keeps its URL instead of following it. */
        volatile boolean stopAtCallback;
        volatile URI callback;

        BrowserLikeClient(SSLContext ssl, String nationalId, String pin) {
            this.http = HttpClient.newBuilder().sslContext(ssl).followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
            this.nationalId = nationalId;
            this.pin = pin;
        }

        @Override
        public void open(URI uri) {
            done = CompletableFuture.runAsync(() -> {
                try {
                    browse(uri);
                } catch (IOException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
        }

        void browse(URI start) throws IOException, InterruptedException {
            HttpRequest request = HttpRequest.newBuilder(start).GET().build();
            for (int hops = 0; hops < 10; hops++) {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                URI current = request.uri();
                if (response.statusCode() / 100 == 3) {
                    URI next = current.resolve(response.headers().firstValue("Location").orElseThrow());
                    if (stopAtCallback && "http".equals(next.getScheme())) {
                        callback = next;
                        return;
                    }
                    request = HttpRequest.newBuilder(next).GET().build();
                    continue;
                }
                String body = response.body();
                pages.add(body);
                Matcher form = Pattern.compile("<form[^>]*method=\"post\"[^>]*action=\"([^\"]+)\"", Pattern.CASE_INSENSITIVE).matcher(body);
                if (response.statusCode() != 200 || !form.find()) {
                    return;
                }
                Map<String, String> fields = new LinkedHashMap<>();
                Matcher hidden = Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"").matcher(body);
                while (hidden.find()) {
                    fields.put(hidden.group(1), hidden.group(2));
                }
                fields.put("nationalId", nationalId);
                fields.put("pin", pin);
                StringBuilder encoded = new StringBuilder();
                fields.forEach((k, v) -> encoded.append(encoded.length() == 0 ? "" : "&").append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
                        .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
                if (pages.size() > 3) {
                    return; // refused twice: a user would give up
                }
                request = HttpRequest.newBuilder(current.resolve(form.group(1))).header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(encoded.toString())).build();
            }
        }
    }
}
