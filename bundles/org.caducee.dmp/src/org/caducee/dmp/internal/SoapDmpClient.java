package org.caducee.dmp.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import org.caducee.core.service.RankedServices;
import org.caducee.dmp.ConsentGate;
import org.caducee.dmp.DmpAccess;
import org.caducee.dmp.DmpClient;
import org.caducee.dmp.DmpDocument;
import org.caducee.dmp.DmpException.Kind;
import org.caducee.dmp.DmpException;
import org.caducee.dmp.DmpRequest;
import org.caducee.dmp.DmpSettings;
import org.caducee.dmp.DmpSettingsSource;
import org.caducee.dmp.DmpSubmission;
import org.caducee.dmp.DmpSubmissionSet;
import org.caducee.dmp.DmpTransaction;
import org.caducee.dmp.DocumentQuery;
import org.caducee.dmp.DocumentStatus;
import org.caducee.dmp.RetrievedDocument;
import org.caducee.dmp.SubmitOutcome;
import org.caducee.dmp.vihf.VihfAssertions;
import org.caducee.dmp.vihf.VihfClaims;
import org.caducee.dmp.wire.AuthorizationMessages;
import org.caducee.dmp.wire.ExistenceMessages;
import org.caducee.dmp.wire.Mtom;
import org.caducee.dmp.wire.Soap;
import org.caducee.dmp.wire.XdsMessages;
import org.caducee.security.xml.SecureXml;
import org.caducee.xds.DocumentEntry;
import org.caducee.xds.EbrimCodec;
import org.caducee.xds.SubmissionSet;
import org.caducee.xds.Visibility;
import org.osgi.service.component.ComponentServiceObjects;
import org.osgi.service.component.annotations.Activate;
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
    static final int MAX_RESPONSE_BYTES = 4 * 1024 * 1024;
    /** Largest ITI-43 answer read (the documents travel in it). */
    static final int MAX_DOCUMENT_RESPONSE_BYTES = 64 * 1024 * 1024;

    private final RankedServices<DmpSettingsSource> sources = new RankedServices<>();
    private final ConsentGate gate = new ConsentGate();
    private final VihfAssertions vihf = new VihfAssertions();
    private final Clock clock = Clock.systemUTC();
    private final EbrimCodec codec;

    @Activate
    public SoapDmpClient(@Reference EbrimCodec codec) {
        this.codec = codec;
    }

    /**
     * Sources are obtained when first asked, not at bind time: the sandbox's local DMP is a source and a simulator at
     * once, and SCR cannot hand it to a plain bind method while its activation overlaps this component's
     * ({@link RankedServices}).
     */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addSource(ComponentServiceObjects<DmpSettingsSource> source, Map<String, Object> properties) {
        sources.add(source, properties);
    }

    void removeSource(ComponentServiceObjects<DmpSettingsSource> source, Map<String, Object> properties) {
        sources.remove(properties);
    }

    @Override
    public DmpAccess existence(DmpRequest request) throws DmpException {
        gate.require(DmpTransaction.TD0_2_EXISTENCE, request.consent(), request.mode());
        DmpSettings settings = settings();
        Instant now = clock.instant();
        Element payload = call(settings, "patients", ExistenceMessages.ACTION, request, now,
                envelope -> ExistenceMessages.writeRequest(envelope, settings.lpsId(), settings.lpsName(),
                        new ExistenceMessages.Query(request.insMatricule(), request.insOid()), now), Map.of()).payload();
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
                envelope -> AuthorizationMessages.writeRequest(envelope, action), Map.of()).payload();
        if (!AuthorizationMessages.readResponse(payload)) {
            throw new DmpException(Kind.INVALID_RESPONSE, Messages.get("client.invalidResponse", payload.getLocalName()));
        }
    }

    private DmpSettings settings() throws DmpException {
        for (DmpSettingsSource source : sources.inOrder()) {
            Optional<DmpSettings> settings = source.settings();
            if (settings.isPresent()) {
                return settings.get();
            }
        }
        throw new DmpException(Kind.NOT_CONFIGURED, Messages.get("client.notConfigured"));
    }

    @Override
    public SubmitOutcome submit(DmpRequest request, DmpSubmission submission) throws DmpException {
        gate.require(DmpTransaction.TD2_1_FEED, request.consent(), request.mode());
        DmpSettings settings = settings();
        Instant now = clock.instant();
        XdsDocuments.Prepared prepared = XdsDocuments.submission(codec, submission, settings, now);
        Element metadata = prepared.metadata();
        Map<String, String> contentIds = new LinkedHashMap<>();
        Map<String, byte[]> attachments = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> content : prepared.contents().entrySet()) {
            String cid = Mtom.newContentId();
            contentIds.put(content.getKey(), cid);
            attachments.put(cid, content.getValue());
        }
        Element payload = call(settings, "repository", XdsMessages.ITI41, request, now,
                envelope -> XdsMessages.writeProvideAndRegister(envelope, metadata, contentIds), attachments).payload();
        XdsMessages.RegistryResponse response = registryResponse(payload);
        if (response.success()) {
            return SubmitOutcome.REGISTERED;
        }
        if (response.has(XdsMessages.DUPLICATE_UNIQUE_ID)) {
            return SubmitOutcome.ALREADY_REGISTERED;
        }
        throw refused(response);
    }

    @Override
    public List<DmpDocument> findDocuments(DmpRequest request, DocumentQuery query) throws DmpException {
        gate.require(DmpTransaction.TD3_1_LIST, request.consent(), request.mode());
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        parameters.put("$XDSDocumentEntryPatientId", List.of(patientId(request)));
        parameters.put("$XDSDocumentEntryStatus", query.statuses().stream().map(DocumentStatus::urn).sorted().toList());
        query.since().ifPresent(since -> parameters.put("$XDSDocumentEntryCreationTimeFrom", List.of(XdsDocuments.dtm(since))));
        if (!query.typeCodes().isEmpty()) {
            parameters.put("$XDSDocumentEntryTypeCode", query.typeCodes());
        }
        return documents(query(request, new XdsMessages.StoredQuery(XdsMessages.FIND_DOCUMENTS, parameters)));
    }

    @Override
    public List<DmpDocument> getDocuments(DmpRequest request, String uniqueId) throws DmpException {
        gate.require(DmpTransaction.TD3_1_LIST, request.consent(), request.mode());
        return documents(query(request, new XdsMessages.StoredQuery(XdsMessages.GET_DOCUMENTS,
                Map.of("$XDSDocumentEntryUniqueId", List.of(uniqueId)))));
    }

    @Override
    public List<DmpSubmissionSet> findSubmissionSets(DmpRequest request) throws DmpException {
        gate.require(DmpTransaction.TD3_1_LIST, request.consent(), request.mode());
        Element list = query(request, new XdsMessages.StoredQuery(XdsMessages.FIND_SUBMISSION_SETS,
                Map.of("$XDSSubmissionSetPatientId", List.of(patientId(request)),
                        "$XDSSubmissionSetStatus", List.of(DocumentStatus.APPROVED.urn()))));
        return XdsMessages.submissionSets(list);
    }

    @Override
    public Map<String, DmpSubmissionSet> submissionSetsOf(DmpRequest request, List<String> entryUuids) throws DmpException {
        gate.require(DmpTransaction.TD3_1_LIST, request.consent(), request.mode());
        if (entryUuids.isEmpty()) {
            return Map.of();
        }
        Element list = query(request, new XdsMessages.StoredQuery(XdsMessages.GET_SUBMISSION_SETS,
                Map.of("$XDSDocumentEntryEntryUUID", List.copyOf(entryUuids))));
        Map<String, DmpSubmissionSet> sets = new java.util.HashMap<>();
        for (DmpSubmissionSet set : XdsMessages.submissionSets(list)) {
            sets.put(set.entryUuid(), set);
        }
        Map<String, DmpSubmissionSet> byDocument = new java.util.LinkedHashMap<>();
        for (XdsMessages.Association a : XdsMessages.associations(list)) {
            DmpSubmissionSet set = sets.get(a.source());
            if (XdsMessages.HAS_MEMBER.equals(a.type()) && set != null && entryUuids.contains(a.target())) {
                byDocument.put(a.target(), set);
            }
        }
        return byDocument;
    }

    @Override
    public List<DmpDocument> relatedDocuments(DmpRequest request, String entryUuid) throws DmpException {
        gate.require(DmpTransaction.TD3_1_LIST, request.consent(), request.mode());
        return documents(query(request, new XdsMessages.StoredQuery(XdsMessages.GET_RELATED_DOCUMENTS,
                Map.of("$XDSDocumentEntryEntryUUID", List.of(entryUuid),
                        "$AssociationTypes", List.of(XdsMessages.RPLC)))));
    }

    @Override
    public RetrievedDocument retrieve(DmpRequest request, DmpDocument document) throws DmpException {
        gate.require(DmpTransaction.TD3_2_RETRIEVE, request.consent(), request.mode());
        DmpSettings settings = settings();
        String repository = document.repositoryUniqueId().orElse("");
        Answer answer = call(settings, "repository", XdsMessages.ITI43, request, clock.instant(),
                envelope -> XdsMessages.writeRetrieve(envelope,
                        List.of(new XdsMessages.DocumentReference(repository, document.uniqueId(), "", ""))), Map.of());
        XdsMessages.RegistryResponse response = registryResponse(answer.payload());
        if (!response.success()) {
            throw refused(response);
        }
        for (XdsMessages.DocumentReference d : XdsMessages.readRetrieveResponse(answer.payload())) {
            if (d.documentUniqueId().equals(document.uniqueId())) {
                byte[] bytes = answer.parts().attachment(d.contentId()).orElseThrow(() -> new DmpException(Kind.INVALID_RESPONSE,
                        Messages.get("client.invalidResponse", "xop:Include " + d.contentId())));
                return new RetrievedDocument(d.documentUniqueId(), d.mimeType(), bytes);
            }
        }
        throw new DmpException(Kind.INVALID_RESPONSE, Messages.get("client.documentMissing", document.uniqueId()));
    }

    @Override
    public DmpDocument updateVisibility(DmpRequest request, DmpDocument document, Set<Visibility> visibility) throws DmpException {
        gate.require(DmpTransaction.TD3_3_VISIBILITY, request.consent(), request.mode());
        DmpSettings settings = settings();
        Instant now = clock.instant();
        DocumentEntry next = XdsDocuments.withVisibility(document.entry(), visibility);
        Element update = XdsDocuments.update(codec, XdsDocuments.updateSet(request, settings, document.entry(), now), List.of(next));
        sendUpdate(settings, request, now, update);
        return new DmpDocument(next, DocumentStatus.APPROVED);
    }

    @Override
    public void updateStatus(DmpRequest request, DmpDocument document, DocumentStatus newStatus) throws DmpException {
        gate.require(DmpTransaction.TD3_3_STATUS, request.consent(), request.mode());
        DmpSettings settings = settings();
        Instant now = clock.instant();
        SubmissionSet set = XdsDocuments.updateSet(request, settings, document.entry(), now);
        Element update = XdsDocuments.update(codec, set, List.of());
        XdsDocuments.statusChange(update, set, document, newStatus);
        sendUpdate(settings, request, now, update);
    }

    private void sendUpdate(DmpSettings settings, DmpRequest request, Instant now, Element update) throws DmpException {
        Element payload = call(settings, "registry", XdsMessages.ITI57, request, now,
                envelope -> XdsMessages.writeUpdate(envelope, update), Map.of()).payload();
        XdsMessages.RegistryResponse response = registryResponse(payload);
        if (!response.success()) {
            throw refused(response);
        }
    }

    private Element query(DmpRequest request, XdsMessages.StoredQuery query) throws DmpException {
        DmpSettings settings = settings();
        Element payload = call(settings, "registry", XdsMessages.ITI18, request, clock.instant(),
                envelope -> XdsMessages.writeQuery(envelope, query), Map.of()).payload();
        XdsMessages.RegistryResponse response = registryResponse(payload);
        if (!response.success()) {
            throw refused(response);
        }
        return XdsMessages.objectList(payload).orElseThrow(() -> new DmpException(Kind.INVALID_RESPONSE,
                Messages.get("client.invalidResponse", "RegistryObjectList")));
    }

    private List<DmpDocument> documents(Element objectList) throws DmpException {
        try {
            List<DmpDocument> result = new ArrayList<>();
            for (Map.Entry<DocumentEntry, String> e : XdsMessages.entries(codec, objectList)) {
                result.add(new DmpDocument(e.getKey(), DocumentStatus.of(e.getValue()).orElse(DocumentStatus.APPROVED)));
            }
            return result;
        } catch (RuntimeException e) {
            throw new DmpException(Kind.INVALID_RESPONSE, Messages.get("client.invalidResponse", e.getMessage()), e);
        }
    }

    private static XdsMessages.RegistryResponse registryResponse(Element payload) throws DmpException {
        try {
            return XdsMessages.readRegistryResponse(payload);
        } catch (IllegalArgumentException e) {
            throw new DmpException(Kind.INVALID_RESPONSE, Messages.get("client.invalidResponse", e.getMessage()), e);
        }
    }

    private static DmpException refused(XdsMessages.RegistryResponse response) {
        String reasons = response.errors().stream().map(e -> e.context() + " (" + e.code() + ")")
                .collect(java.util.stream.Collectors.joining(" ; "));
        return new DmpException(Kind.REFUSED, Messages.get("client.registryRefused", reasons));
    }

    private static String patientId(DmpRequest request) {
        return VihfClaims.insResource(request.insMatricule(), request.insOid());
    }

    /** A read answer: the payload of the SOAP body and the MTOM parts. */
    private record Answer(Element payload, Mtom.Parts parts) {
    }

    private Answer call(DmpSettings settings, String service, String action, DmpRequest request, Instant now,
            Consumer<Document> body, Map<String, byte[]> attachments) throws DmpException {
        URI endpoint = settings.service(service);
        VihfClaims claims = new VihfClaims(request.professional().nationalId(), request.professional().displayName(),
                request.professional().professionCode(), request.professional().specialtyCode(), settings.structureId(),
                settings.activitySector(), VihfClaims.insResource(request.insMatricule(), request.insOid()),
                request.mode(), request.authentication(), settings.lpsId(), settings.lpsName(), settings.lpsVersion(),
                settings.dmpHomologation(), java.time.Duration.ofMinutes(5), request.context());
        Element assertion = vihf.signed(claims, now, settings.signingKey(), settings.signingChain());
        Document envelope = Soap.request(action, endpoint, assertion);
        body.accept(envelope);
        HttpClient http = HttpClient.newBuilder().sslContext(settings.tls()).connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest.Builder builder = HttpRequest.newBuilder(endpoint).timeout(settings.timeout());
        if (attachments.isEmpty()) {
            builder.header("Content-Type", Soap.CONTENT_TYPE + "; action=\"" + action + "\"")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(Soap.bytes(envelope)));
        } else {
            Mtom.Packaged packaged = Mtom.write(Soap.bytes(envelope), action, attachments);
            builder.header("Content-Type", packaged.contentType()).POST(HttpRequest.BodyPublishers.ofByteArray(packaged.body()));
        }
        HttpResponse<InputStream> response;
        try {
            response = http.send(builder.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new DmpException(Kind.UNREACHABLE, Messages.get("client.unreachable", endpoint.getHost(), SecureXml.explain(e)), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DmpException(Kind.UNREACHABLE, Messages.get("client.interrupted"), e);
        }
        int limit = XdsMessages.ITI43.equals(action) ? MAX_DOCUMENT_RESPONSE_BYTES : MAX_RESPONSE_BYTES;
        Document answer;
        Mtom.Parts parts;
        try (InputStream in = response.body()) {
            byte[] bytes = in.readNBytes(limit + 1);
            if (bytes.length > limit) {
                throw new DmpException(Kind.INVALID_RESPONSE, Messages.get("client.tooLarge", limit / 1024));
            }
            parts = Mtom.read(response.headers().firstValue("Content-Type").orElse(""), bytes);
            answer = SecureXml.parse(new java.io.ByteArrayInputStream(parts.root()));
        } catch (IOException | RuntimeException e) {
            if (response.statusCode() != 200) {
                throw new DmpException(Kind.UNREACHABLE, Messages.get("client.httpStatus", response.statusCode()), e);
            }
            throw new DmpException(Kind.INVALID_RESPONSE, Messages.get("client.invalidResponse", SecureXml.explain(e)), e);
        }
        try {
            Optional<Soap.Fault> fault = Soap.fault(answer);
            if (fault.isPresent()) {
                if (response.statusCode() >= 500) {
                    throw new DmpException(Kind.UNREACHABLE, Messages.get("client.fault", fault.get().reason(), fault.get().subcode()));
                }
                throw new DmpException(Kind.REFUSED, Messages.get("client.fault", fault.get().reason(), fault.get().subcode()));
            }
            if (response.statusCode() != 200) {
                throw new DmpException(Kind.UNREACHABLE, Messages.get("client.httpStatus", response.statusCode()));
            }
            return new Answer(Soap.payload(answer), parts);
        } catch (IllegalArgumentException e) {
            throw new DmpException(Kind.INVALID_RESPONSE, Messages.get("client.invalidResponse", e.getMessage()), e);
        }
    }
}
