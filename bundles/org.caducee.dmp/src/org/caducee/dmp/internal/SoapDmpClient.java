package org.caducee.dmp.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Consumer;

import org.caducee.dmp.ConsentGate;
import org.caducee.dmp.DmpAccess;
import org.caducee.dmp.DmpClient;
import org.caducee.dmp.DmpException;
import org.caducee.dmp.DmpException.Kind;
import org.caducee.dmp.DmpRequest;
import org.caducee.dmp.DmpSettings;
import org.caducee.dmp.DmpSettingsSource;
import org.caducee.dmp.DmpTransaction;
import org.caducee.dmp.vihf.VihfAssertions;
import org.caducee.dmp.vihf.VihfClaims;
import org.caducee.dmp.wire.AuthorizationMessages;
import org.caducee.dmp.wire.ExistenceMessages;
import org.caducee.dmp.wire.Soap;
import org.caducee.security.xml.SecureXml;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The DMP client over SOAP 1.2: the consent gate first, then a fresh VIHF signed with the structure's key, mutual
 * TLS with its authentication certificate, answers read with hardened XML after a size limit.
 */
@Component(service = DmpClient.class)
public final class SoapDmpClient implements DmpClient {

    /** Largest answer read (TD0.x answers are a few KB). */
    static final int MAX_RESPONSE_BYTES = 512 * 1024;

    private final Map<SourceKey, DmpSettingsSource> sources = new ConcurrentSkipListMap<>();
    private final ConsentGate gate = new ConsentGate();
    private final VihfAssertions vihf = new VihfAssertions();
    private final Clock clock = Clock.systemUTC();

    /** Orders sources by ranking (highest first), then by service id. */
    private record SourceKey(int ranking, long id) implements Comparable<SourceKey> {
        @Override
        public int compareTo(SourceKey o) {
            int byRanking = Integer.compare(o.ranking, ranking);
            return byRanking != 0 ? byRanking : Long.compare(id, o.id);
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addSource(DmpSettingsSource source, Map<String, Object> properties) {
        sources.put(key(properties), source);
    }

    void removeSource(DmpSettingsSource source, Map<String, Object> properties) {
        sources.remove(key(properties));
    }

    private static SourceKey key(Map<String, Object> properties) {
        Object ranking = properties.get(Constants.SERVICE_RANKING);
        return new SourceKey(ranking instanceof Integer i ? i : 0, (Long) properties.get(Constants.SERVICE_ID));
    }

    @Override
    public DmpAccess existence(DmpRequest request) throws DmpException {
        gate.require(DmpTransaction.TD0_2_EXISTENCE, request.consent(), request.mode());
        DmpSettings settings = settings();
        Instant now = clock.instant();
        Element payload = call(settings, "patients", ExistenceMessages.ACTION, request, now,
                envelope -> ExistenceMessages.writeRequest(envelope, settings.lpsId(), settings.lpsName(),
                        new ExistenceMessages.Query(request.insMatricule(), request.insOid()), now));
        try {
            return ExistenceMessages.readResponse(payload, now);
        } catch (IllegalArgumentException e) {
            throw new DmpException(Kind.INVALID_RESPONSE, Messages.get("client.invalidResponse", e.getMessage()), e);
        }
    }

    @Override
    public void authorize(DmpRequest request) throws DmpException {
        gate.require(DmpTransaction.TD0_3_AUTHORIZE, request.consent(), request.mode());
        setAuthorization(request, AuthorizationMessages.Action.AJOUT);
    }

    @Override
    public void revoke(DmpRequest request) throws DmpException {
        gate.require(DmpTransaction.TD0_3_REVOKE, request.consent(), request.mode());
        setAuthorization(request, AuthorizationMessages.Action.SUPPRESSION);
    }

    private void setAuthorization(DmpRequest request, AuthorizationMessages.Action action) throws DmpException {
        DmpSettings settings = settings();
        Element payload = call(settings, "habilitations", AuthorizationMessages.ACTION, request, clock.instant(),
                envelope -> AuthorizationMessages.writeRequest(envelope, action));
        if (!AuthorizationMessages.readResponse(payload)) {
            throw new DmpException(Kind.INVALID_RESPONSE, Messages.get("client.invalidResponse", payload.getLocalName()));
        }
    }

    private DmpSettings settings() throws DmpException {
        for (DmpSettingsSource source : List.copyOf(sources.values())) {
            Optional<DmpSettings> settings = source.settings();
            if (settings.isPresent()) {
                return settings.get();
            }
        }
        throw new DmpException(Kind.NOT_CONFIGURED, Messages.get("client.notConfigured"));
    }

    private Element call(DmpSettings settings, String service, String action, DmpRequest request, Instant now,
            Consumer<Document> body) throws DmpException {
        URI endpoint = settings.service(service);
        VihfClaims claims = new VihfClaims(request.professional().nationalId(), request.professional().displayName(),
                request.professional().professionCode(), request.professional().specialtyCode(), settings.structureId(),
                settings.activitySector(), VihfClaims.insResource(request.insMatricule(), request.insOid()),
                request.mode(), request.authentication(), settings.lpsId(), settings.lpsName(), settings.lpsVersion(),
                settings.dmpHomologation(), java.time.Duration.ofMinutes(5));
        Element assertion = vihf.signed(claims, now, settings.signingKey(), settings.signingChain());
        Document envelope = Soap.request(action, endpoint, assertion);
        body.accept(envelope);
        HttpClient http = HttpClient.newBuilder().sslContext(settings.tls()).connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest httpRequest = HttpRequest.newBuilder(endpoint).timeout(settings.timeout())
                .header("Content-Type", Soap.CONTENT_TYPE + "; action=\"" + action + "\"")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Soap.bytes(envelope))).build();
        HttpResponse<InputStream> response;
        try {
            response = http.send(httpRequest, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new DmpException(Kind.UNREACHABLE, Messages.get("client.unreachable", endpoint.getHost(), SecureXml.explain(e)), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DmpException(Kind.UNREACHABLE, Messages.get("client.interrupted"), e);
        }
        Document answer;
        try (InputStream in = response.body()) {
            byte[] bytes = in.readNBytes(MAX_RESPONSE_BYTES + 1);
            if (bytes.length > MAX_RESPONSE_BYTES) {
                throw new DmpException(Kind.INVALID_RESPONSE, Messages.get("client.tooLarge", MAX_RESPONSE_BYTES / 1024));
            }
            answer = SecureXml.parse(new java.io.ByteArrayInputStream(bytes));
        } catch (IOException | RuntimeException e) {
            if (response.statusCode() != 200) {
                throw new DmpException(Kind.UNREACHABLE, Messages.get("client.httpStatus", response.statusCode()), e);
            }
            throw new DmpException(Kind.INVALID_RESPONSE, Messages.get("client.invalidResponse", SecureXml.explain(e)), e);
        }
        try {
            Optional<Soap.Fault> fault = Soap.fault(answer);
            if (fault.isPresent()) {
                throw new DmpException(Kind.REFUSED, Messages.get("client.fault", fault.get().reason(), fault.get().subcode()));
            }
            if (response.statusCode() != 200) {
                throw new DmpException(Kind.UNREACHABLE, Messages.get("client.httpStatus", response.statusCode()));
            }
            return Soap.payload(answer);
        } catch (IllegalArgumentException e) {
            throw new DmpException(Kind.INVALID_RESPONSE, Messages.get("client.invalidResponse", e.getMessage()), e);
        }
    }
}
