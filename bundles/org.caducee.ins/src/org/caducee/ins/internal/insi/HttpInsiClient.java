package org.caducee.ins.internal.insi;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.security.GeneralSecurityException;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.WeakHashMap;

import javax.net.ssl.SSLException;

import org.caducee.core.audit.AuditTrail;
import org.caducee.core.service.RankedServices;
import org.caducee.ins.insi.InsiAuthentication;
import org.caducee.ins.insi.InsiClient;
import org.caducee.ins.insi.InsiException;
import org.caducee.ins.insi.InsiException.Kind;
import org.caducee.ins.insi.InsiResult;
import org.caducee.ins.insi.InsiSettings;
import org.caducee.ins.insi.InsiSettingsSource;
import org.caducee.ins.insi.VitaleQuery;
import org.caducee.ins.internal.Messages;
import org.caducee.ins.matching.TraitsQuery;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.w3c.dom.Document;

/**
 * The INSi client: builds the SOAP 1.2 envelope ({@link InsiSoap}), lets the authentication fill wsse:Security, POSTs
 * it over HTTPS with the JDK's HTTP client (TLS context of the authentication), reads at most
 * {@link InsiSettings#maxResponseBytes()} bytes of the answer and parses it safely. Every call is traced in the audit
 * trail (operation, result; never the traits themselves).
 */
@Component(service = InsiClient.class)
public final class HttpInsiClient implements InsiClient {

    private final RankedServices<InsiSettingsSource> sources = new RankedServices<>();
    private final Map<InsiAuthentication, HttpClient> clients = new WeakHashMap<>();
    private volatile AuditTrail audit;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void addSource(InsiSettingsSource source, Map<String, Object> properties) {
        sources.add(source, properties);
    }

    void removeSource(InsiSettingsSource source, Map<String, Object> properties) {
        sources.remove(properties);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void setAudit(AuditTrail trail) {
        audit = trail;
    }

    void unsetAudit(AuditTrail trail) {
        if (audit == trail) {
            audit = null;
        }
    }

    /** For tests and tools outside DS. */
    public HttpInsiClient() {
    }

    public HttpInsiClient(InsiSettingsSource source, AuditTrail audit) {
        sources.add(source, Map.of());
        this.audit = audit;
    }

    @Override
    public InsiResult searchWithVitale(VitaleQuery query) throws InsiException {
        InsiSettings s = settings();
        String id = UUID.randomUUID().toString();
        Document request = InsiSoap.vitaleRequest(query, s, s.authentication().emitter(), id);
        return call(s, request, InsiSoap.ACTION_VITALE, "vitale", id);
    }

    @Override
    public InsiResult searchWithTraits(TraitsQuery query) throws InsiException {
        InsiSettings s = settings();
        String id = UUID.randomUUID().toString();
        Document request = InsiSoap.traitsRequest(query, s, s.authentication().emitter(), id);
        String what = query.withBirthplace() ? "traits+lieu" : "traits";
        return call(s, request, InsiSoap.ACTION_TRAITS, what, id);
    }

    private InsiSettings settings() throws InsiException {
        for (InsiSettingsSource source : sources.inOrder()) {
            Optional<InsiSettings> s = source.settings();
            if (s.isPresent()) {
                return s.get();
            }
        }
        throw new InsiException(Kind.CONFIGURATION, Messages.get("insi.notConfigured"), null);
    }

    private InsiResult call(InsiSettings s, Document request, String action, String what, String messageId) throws InsiException {
        InsiAuthentication auth = s.authentication();
        try {
            try {
                auth.fillSecurityHeader(InsiSoap.security(request));
            } catch (GeneralSecurityException e) {
                throw new InsiException(Kind.CONFIGURATION, Messages.get("insi.signature", String.valueOf(e.getMessage())), e);
            }
            var security = InsiSoap.security(request);
            if (!security.hasChildNodes()) {
                security.getParentNode().removeChild(security);
            }
            byte[] body = InsiSoap.serialize(request);
            InsiResult result = InsiSoap.read(post(s, auth, action, body));
            trace(auth, what, messageId, result.answer().code() + " " + result.label()
                    + (result.found() ? " " + result.ins().type() + (result.history().isEmpty() ? "" : " INSHISTO=" + result.history().size()) : ""));
            return result;
        } catch (InsiException e) {
            trace(auth, what, messageId, "ÉCHEC " + e.kind() + (e.faultCode() == null ? "" : " " + e.faultCode()));
            throw e;
        }
    }

    private byte[] post(InsiSettings s, InsiAuthentication auth, String action, byte[] body) throws InsiException {
        HttpClient http = client(s, auth);
        HttpRequest.Builder rb = HttpRequest.newBuilder(s.endpoint()).timeout(s.timeout())
                .header("Content-Type", "application/soap+xml; charset=utf-8; action=\"" + action + "\"")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        auth.httpHeaders().forEach(rb::header);
        HttpResponse<InputStream> response;
        try {
            response = http.send(rb.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException e) {
            throw new InsiException(Kind.UNAVAILABLE, Messages.get("insi.timeout", s.timeout().toSeconds()), e);
        } catch (SSLException e) {
            throw new InsiException(Kind.UNAVAILABLE, Messages.get("insi.tls", String.valueOf(e.getMessage())), e);
        } catch (ConnectException e) {
            throw new InsiException(Kind.UNAVAILABLE, Messages.get("insi.unreachable", s.endpoint()), e);
        } catch (IOException e) {
            if (e.getCause() instanceof SSLException || String.valueOf(e.getMessage()).toLowerCase().contains("handshake")) {
                throw new InsiException(Kind.UNAVAILABLE, Messages.get("insi.tls", String.valueOf(e.getMessage())), e);
            }
            throw new InsiException(Kind.UNAVAILABLE, Messages.get("insi.unreachable", s.endpoint()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InsiException(Kind.UNAVAILABLE, Messages.get("insi.interrupted"), e);
        }
        int status = response.statusCode();
        byte[] answer = readLimited(response, s.maxResponseBytes());
        if (status != 200 && !looksLikeSoap(answer)) {
            // SOAP faults come with 400/500 and a SOAP body; anything else is the web server talking
            throw new InsiException(status >= 500 ? Kind.UNAVAILABLE : Kind.BAD_RESPONSE, Messages.get("insi.http", status), null);
        }
        return answer;
    }

    private static boolean looksLikeSoap(byte[] answer) {
        String head = new String(answer, 0, Math.min(answer.length, 512), java.nio.charset.StandardCharsets.UTF_8);
        return head.contains(InsiSoap.SOAP12);
    }

    private static byte[] readLimited(HttpResponse<InputStream> response, long max) throws InsiException {
        long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
        try (InputStream in = response.body()) {
            if (declared > max) {
                throw new InsiException(Kind.BAD_RESPONSE, Messages.get("insi.tooLarge", max / 1024), null);
            }
            byte[] out = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
            if (out.length > max) {
                throw new InsiException(Kind.BAD_RESPONSE, Messages.get("insi.tooLarge", max / 1024), null);
            }
            return out;
        } catch (IOException e) {
            throw new InsiException(Kind.UNAVAILABLE, Messages.get("insi.interruptedAnswer"), e);
        }
    }

    private HttpClient client(InsiSettings s, InsiAuthentication auth) throws InsiException {
        synchronized (clients) {
            HttpClient c = clients.get(auth);
            if (c == null) {
                try {
                    c = HttpClient.newBuilder().sslContext(auth.sslContext()).connectTimeout(s.timeout())
                            .version(HttpClient.Version.HTTP_1_1).followRedirects(HttpClient.Redirect.NEVER).build();
                } catch (GeneralSecurityException e) {
                    throw new InsiException(Kind.CONFIGURATION, Messages.get("insi.certificate", String.valueOf(e.getMessage())), e);
                }
                clients.put(auth, c);
            }
            return c;
        }
    }

    private void trace(InsiAuthentication auth, String what, String messageId, String result) {
        AuditTrail trail = audit;
        if (trail != null) {
            trail.record(auth.emitter(), "INSI_APPEL", "insi", "opération=" + what + " mode=" + auth.mode() + " message=" + messageId + " résultat=" + result);
        }
    }
}
