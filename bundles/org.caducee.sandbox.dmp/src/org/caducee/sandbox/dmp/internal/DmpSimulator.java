package org.caducee.sandbox.dmp.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertPathValidator;
import java.security.cert.CertStore;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import javax.net.ssl.SSLParameters;

import org.caducee.core.installation.Installation;
import org.caducee.dmp.DmpException;
import org.caducee.dmp.DmpSettings;
import org.caducee.dmp.DmpSettingsSource;
import org.caducee.dmp.DmpState;
import org.caducee.dmp.vihf.VihfAssertions;
import org.caducee.dmp.vihf.VihfClaims;
import org.caducee.dmp.vihf.VihfException;
import org.caducee.dmp.wire.AuthorizationMessages;
import org.caducee.dmp.wire.ExistenceMessages;
import org.caducee.dmp.wire.Mtom;
import org.caducee.dmp.wire.Soap;
import org.caducee.dmp.wire.XdsMessages;
import org.caducee.xds.EbrimCodec;
import org.caducee.sandbox.DemoPractice;
import org.caducee.sandbox.SandboxPki;
import org.caducee.sandbox.SandboxPki.Credential;
import org.caducee.sandbox.Simulator;
import org.caducee.sandbox.SimulatorContext;
import org.caducee.security.xml.SecureXml;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;

/**
 * A local DMP on loopback speaking the DMP's SOAP 1.2 contract over mutual TLS with the test PKI: services
 * {@code patients} (TD0.2), {@code habilitations} (TD0.3), {@code registry} (ITI-18, ITI-57) and {@code repository}
 * (ITI-41, ITI-43), see {@link DocumentServices}. Every request must carry a VIHF signed by a certificate
 * of the test IGC Santé, from the sandbox's homologated software, for the patient it asks about; a VIHF vouched by the
 * structure certificate alone (authentification indirecte, {@code TLSClient}) is accepted for feeding (ITI-41) only.
 * While it runs it is
 * also the highest-ranked {@link DmpSettingsSource}, so the client in sandbox mode talks to it with the demo
 * structure's certificates — the same code path as with the real DMP. Latency and failures can be injected with the
 * settings {@code sandbox.dmp.latency.ms} and {@code sandbox.dmp.failure} ({@code http500}: every call answers 500;
 * {@code ackLost}: document transactions are processed, then answered 503 as if the answer were lost).
 */
@Component(service = { Simulator.class, DmpSettingsSource.class }, property = Constants.SERVICE_RANKING + ":Integer=100")
public final class DmpSimulator implements Simulator, DmpSettingsSource {

    /** The DMP homologation number of the sandbox's software. */
    public static final String HOMOLOGATION = "DMP-BAC-A-SABLE-0001";
    static final String BASE_PATH = "/si-dmp-server/v2/services/";
    private static final int MAX_REQUEST_BYTES = 64 * 1024 * 1024;

    private final Installation installation;
    private final EbrimCodec codec;
    private final VihfAssertions vihf = new VihfAssertions();
    private final Clock clock = Clock.systemUTC();
    private final DmpClock dmpClock = new DmpClock();
    private volatile Running running;

    /**
     * The DMP's own calendar (registration times, automatic re-visibility): the system clock unless a test or a
     * demonstration moves it with {@link #clock(Clock)}. VIHF validity is always checked against the real time.
     */
    private static final class DmpClock extends Clock {

        private volatile Clock delegate = Clock.systemUTC();

        @Override
        public ZoneId getZone() {
            return delegate.getZone();
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return delegate.withZone(zone);
        }

        @Override
        public Instant instant() {
            return delegate.instant();
        }
    }

    private record Running(HttpsServer server, ExecutorService executor, URI endpoint, SandboxPki pki, DmpRegistry registry,
            DocumentStore documents) {
    }

    @Activate
    public DmpSimulator(@Reference Installation installation, @Reference EbrimCodec codec) {
        this.installation = installation;
        this.codec = codec;
    }

    @Override
    public String name() {
        return "dmp";
    }

    @Override
    public String description() {
        return Messages.get("description");
    }

    @Override
    public synchronized URI start(SimulatorContext context) throws Exception {
        stop();
        DmpRegistry registry = new DmpRegistry(context.workDir().resolve("dmp.properties"));
        DocumentStore documents = new DocumentStore(context.workDir().resolve("documents"), codec);
        installation.setting("cda.kit.dir").or(() -> Optional.ofNullable(System.getProperty("caducee.cda.kit")))
                .map(dir -> DemoDmps.examples(java.nio.file.Path.of(dir).toAbsolutePath().normalize()))
                .ifPresent(examples -> {
                    try {
                        DemoDmps.seed(documents, codec, examples, clock.instant());
                    } catch (IOException | RuntimeException e) {
                        // demo data only: a simulator without them still works
                    }
                });
        DocumentServices services = new DocumentServices(documents, registry, codec, signer -> chainProblem(signer, context.pki()), dmpClock);
        HttpsServer server = HttpsServer.create(new InetSocketAddress(context.address(), context.port()), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(context.pki().serverSslContext()) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters ssl = getSSLContext().getDefaultSSLParameters();
                ssl.setNeedClientAuth(true);
                params.setSSLParameters(ssl);
            }
        });
        ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "caducee-sandbox-dmp");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext(BASE_PATH, exchange -> handle(exchange, context.pki(), registry, services));
        server.start();
        URI endpoint = URI.create("https://localhost:" + server.getAddress().getPort() + BASE_PATH);
        running = new Running(server, executor, endpoint, context.pki(), registry, documents);
        return endpoint;
    }

    @Override
    public synchronized void stop() {
        Running r = running;
        running = null;
        if (r != null) {
            r.server().stop(0);
            r.executor().shutdownNow();
        }
    }

    @Override
    public Optional<URI> endpoint() {
        Running r = running;
        return r == null ? Optional.empty() : Optional.of(r.endpoint());
    }

    /** Sets the state of a simulated DMP (tests, demonstrations). */
    public void setState(String ins, DmpState state, String blockedNationalId) throws IOException {
        Running r = running;
        if (r == null) {
            throw new IllegalStateException("simulator not started");
        }
        r.registry().set(ins, state, blockedNationalId);
    }

    /** Moves the DMP's calendar (tests, demonstrations); {@code null} puts back the system clock. */
    public void clock(Clock clock) {
        dmpClock.delegate = clock == null ? Clock.systemUTC() : clock;
    }

    /**
     * The patient's notices of the simulated DMP (DSR §3.2.3): for each document sent invisible to the patient at least
     * a month ago (by the DMP's calendar), when the patient was told that it awaits an announcement consultation.
     */
    public Map<String, Instant> patientNotices(String ins) {
        Running r = running;
        return r == null ? Map.of() : r.documents().notices(ins);
    }

    /** When the simulated DMP recorded the authorisation of this professional for this patient. */
    public Optional<Instant> authorization(String ins, String nationalId) {
        Running r = running;
        return r == null ? Optional.empty() : r.registry().authorization(ins, nationalId);
    }

    @Override
    public Optional<DmpSettings> settings() throws DmpException {
        Running r = running;
        if (r == null) {
            return Optional.empty();
        }
        SandboxPki pki = r.pki();
        try {
            KeyStore sign = pki.keyStore(Credential.ORGANISATION_SIGN);
            PrivateKey key = (PrivateKey) sign.getKey(Credential.ORGANISATION_SIGN.alias(), pki.keyStorePassword().toCharArray());
            return Optional.of(new DmpSettings(r.endpoint(), pki.clientSslContext(Credential.ORGANISATION_AUTH), key,
                    pki.chain(Credential.ORGANISATION_SIGN), "3" + DemoPractice.STRUCTURE_SIRET, DemoPractice.STRUCTURE_SECTOR,
                    "caducee", "Caducée", "0.1.0", HOMOLOGATION, Duration.ofSeconds(10)));
        } catch (GeneralSecurityException e) {
            throw new DmpException(DmpException.Kind.NOT_CONFIGURED, e.getMessage(), e);
        }
    }

    private void handle(HttpExchange exchange, SandboxPki pki, DmpRegistry registry, DocumentServices documents) throws IOException {
        try (exchange) {
            injectLatency();
            if ("http500".equals(installation.setting("sandbox.dmp.failure").orElse(""))) {
                reply(exchange, 500, Soap.fault("Receiver", "DMPServiceUnavailable", Messages.get("fault.unavailable")));
                return;
            }
            String service = exchange.getRequestURI().getPath().substring(BASE_PATH.length());
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readNBytes(MAX_REQUEST_BYTES + 1);
            }
            if (body.length > MAX_REQUEST_BYTES) {
                reply(exchange, 400, Soap.fault("Sender", "DMPRequestTooLarge", Messages.get("fault.tooLarge")));
                return;
            }
            Document request;
            Element payload;
            Mtom.Parts parts;
            try {
                parts = Mtom.read(exchange.getRequestHeaders().getFirst("Content-Type"), body);
                request = SecureXml.parse(new ByteArrayInputStream(parts.root()));
                payload = Soap.payload(request);
            } catch (RuntimeException e) {
                reply(exchange, 400, Soap.fault("Sender", "DMPInvalidRequest", Messages.get("fault.notSoap", SecureXml.explain(e))));
                return;
            }
            VihfClaims claims;
            try {
                Element assertion = Soap.assertion(request).orElse(null);
                if (assertion == null) {
                    reply(exchange, 400, Soap.fault("Sender", "DMPVIHFAbsent", Messages.get("fault.noVihf")));
                    return;
                }
                X509Certificate signer = vihf.verify(assertion, clock.instant());
                String untrusted = chainProblem(signer, pki);
                if (untrusted != null) {
                    reply(exchange, 400, Soap.fault("Sender", "DMPVIHFInvalide", Messages.get("fault.untrustedSigner", untrusted)));
                    return;
                }
                claims = vihf.read(assertion);
            } catch (VihfException e) {
                reply(exchange, 400, Soap.fault("Sender", "DMPVIHFInvalide", Messages.get("fault.vihf", e.getMessage())));
                return;
            }
            if (!HOMOLOGATION.equals(claims.dmpHomologation())) {
                reply(exchange, 400, Soap.fault("Sender", "DMPLogicielNonHomologue", Messages.get("fault.homologation", claims.dmpHomologation())));
                return;
            }
            String ins = claims.patientInsResource().split("\\^", 2)[0];
            String action = Soap.action(request).orElse("");
            if (claims.authenticationContext().feedingOnly() && !("repository".equals(service) && XdsMessages.ITI41.equals(action))) {
                // structure certificate alone (authentification indirecte): the DMP takes documents, it shows none
                reply(exchange, 403, Soap.fault("Sender", "DMPAuthentificationInsuffisante", Messages.get("fault.feedingOnly")));
                return;
            }
            switch (service) {
                case "patients" -> existence(exchange, registry, claims, ins, action, payload);
                case "habilitations" -> habilitation(exchange, registry, claims, ins, action, payload);
                case "registry", "repository" -> {
                    DocumentServices.Reply reply = documents.handle(service, action, claims, ins, payload, parts);
                    if ("ackLost".equals(installation.setting("sandbox.dmp.failure").orElse(""))) {
                        // the request was processed, the answer is lost: what a crash between send and acknowledgement looks like
                        reply(exchange, 503, Soap.fault("Receiver", "DMPServiceUnavailable", Messages.get("fault.unavailable")));
                    } else {
                        reply(exchange, reply);
                    }
                }
                default -> reply(exchange, 404, Soap.fault("Sender", "DMPServiceInconnu", Messages.get("fault.unknownAction", service)));
            }
        }
    }

    private void existence(HttpExchange exchange, DmpRegistry registry, VihfClaims claims, String ins, String action,
            Element payload) throws IOException {
        Optional<ExistenceMessages.Query> query = ExistenceMessages.readRequest(payload);
        if (!ExistenceMessages.ACTION.equals(action) || query.isEmpty()) {
            reply(exchange, 400, Soap.fault("Sender", "DMPActionInconnue", Messages.get("fault.unknownAction", action)));
            return;
        }
        if (!query.get().insMatricule().equals(ins)) {
            reply(exchange, 400, Soap.fault("Sender", "DMPPatientIncoherent", Messages.get("fault.patientMismatch")));
            return;
        }
        DmpState state = registry.state(ins, claims.nationalId());
        Document response = Soap.response(ExistenceMessages.RESPONSE_ACTION);
        ExistenceMessages.writeResponse(response, query.get(), state, registry.authorization(ins, claims.nationalId()).isPresent(), false);
        reply(exchange, 200, response);
    }

    private void habilitation(HttpExchange exchange, DmpRegistry registry, VihfClaims claims, String ins, String action,
            Element payload) throws IOException {
        Optional<AuthorizationMessages.Action> requested = AuthorizationMessages.readRequest(payload);
        if (!AuthorizationMessages.ACTION.equals(action) || requested.isEmpty()) {
            reply(exchange, 400, Soap.fault("Sender", "DMPActionInconnue", Messages.get("fault.unknownAction", action)));
            return;
        }
        Optional<Document> refused = DocumentServices.refusal(registry.state(ins, claims.nationalId()));
        if (refused.isPresent()) {
            reply(exchange, 400, refused.get());
            return;
        }
        if (requested.get() == AuthorizationMessages.Action.AJOUT) {
            registry.authorize(ins, claims.nationalId(), clock.instant());
        } else {
            registry.revoke(ins, claims.nationalId());
        }
        Document response = Soap.response(AuthorizationMessages.ACTION + "Response");
        AuthorizationMessages.writeResponse(response);
        reply(exchange, 200, response);
    }

    /** Null when the signer chains to the test root through the test intermediates, else why not. */
    private static String chainProblem(X509Certificate signer, SandboxPki pki) {
        try {
            X509CertSelector target = new X509CertSelector();
            target.setCertificate(signer);
            PKIXBuilderParameters params = new PKIXBuilderParameters(Set.of(new TrustAnchor(pki.rootCertificate(), null)), target);
            params.setRevocationEnabled(false);
            params.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(
                    List.of(signer, pki.organisationsCaCertificate(), pki.personnesCaCertificate()))));
            java.security.cert.CertPathBuilder builder = java.security.cert.CertPathBuilder.getInstance("PKIX");
            java.security.cert.CertPath path = builder.build(params).getCertPath();
            CertPathValidator.getInstance("PKIX").validate(path, params);
            return null;
        } catch (GeneralSecurityException e) {
            return e.getMessage();
        }
    }

    private void injectLatency() {
        long millis = installation.setting("sandbox.dmp.latency.ms").map(String::trim).filter(s -> s.matches("\\d{1,6}"))
                .map(Long::parseLong).orElse(0L);
        if (millis > 0) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void reply(HttpExchange exchange, DocumentServices.Reply reply) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", reply.contentType());
        exchange.sendResponseHeaders(reply.status(), reply.body().length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(reply.body());
        }
    }

    private static void reply(HttpExchange exchange, int status, Document envelope) throws IOException {
        byte[] bytes = Soap.bytes(envelope);
        exchange.getResponseHeaders().set("Content-Type", Soap.CONTENT_TYPE);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
