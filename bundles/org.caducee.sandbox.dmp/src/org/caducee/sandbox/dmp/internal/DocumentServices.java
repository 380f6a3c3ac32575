package org.caducee.sandbox.dmp.internal;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.caducee.dmp.AccessMode;
import org.caducee.dmp.DmpDocument;
import org.caducee.dmp.DmpState;
import org.caducee.dmp.DocumentStatus;
import org.caducee.dmp.vihf.VihfClaims;
import org.caducee.dmp.wire.Mtom;
import org.caducee.dmp.wire.Soap;
import org.caducee.dmp.wire.SubmissionSignature;
import org.caducee.dmp.wire.XdsMessages;
import org.caducee.dmp.wire.XdsMessages.RegistryResponse;
import org.caducee.sandbox.dmp.internal.DocumentStore.Stored;
import org.caducee.xds.DocumentEntry;
import org.caducee.xds.EbrimCodec;
import org.caducee.xds.SubmissionMetadata;
import org.caducee.xds.SubmissionSet;
import org.caducee.xds.Visibility;
import org.caducee.dmp.Revisibility;
import org.caducee.xds.XdsException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The {@code registry} (ITI-18, ITI-57) and {@code repository} (ITI-41, ITI-43) services of the local DMP, with the
 * DMP's rules: consultation needs the professional's authorisation unless in bris de glace or centre 15 mode, a
 * professional blocked by the patient is refused, a closed or absent DMP accepts nothing, the XAdES signature of each
 * submission set is verified (signer chain, manifest digests), hash and size are checked, a uniqueId is registered
 * once (a resubmission of the same bytes answers {@value XdsMessages#DUPLICATE_UNIQUE_ID}), RPLC deprecates the
 * replaced entry, only the author deletes or archives, MASQUE_PS hides a document from other professionals, a document
 * invisible to the patient becomes visible {@link Revisibility#DELAY} after it was sent, the patient being told about it
 * {@link Revisibility#NOTICE} after it was sent (both applied at the patient's next request, by the DMP's clock).
 */
final class DocumentServices {

    /** The repository uniqueId of the local DMP. */
    static final String REPOSITORY_ID = "1.2.250.1.213.1.1.9.1";
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final DateTimeFormatter DTM = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);

    /** What to send back. */
    record Reply(int status, String contentType, byte[] body) {

        static Reply of(int status, Document envelope) {
            return new Reply(status, Soap.CONTENT_TYPE, Soap.bytes(envelope));
        }
    }

    private final DocumentStore store;
    private final DmpRegistry registry;
    private final EbrimCodec codec;
    private final Function<X509Certificate, String> chainProblem;
    private final Clock clock;

    DocumentServices(DocumentStore store, DmpRegistry registry, EbrimCodec codec, Function<X509Certificate, String> chainProblem,
            Clock clock) {
        this.store = store;
        this.registry = registry;
        this.codec = codec;
        this.chainProblem = chainProblem;
        this.clock = clock;
    }

    /** The fault for a DMP that is absent, closed or blocks this professional; empty when it is open. */
    static Optional<Document> refusal(DmpState state) {
        String key = switch (state) {
            case NOT_FOUND -> "fault.noDmp";
            case CLOSED -> "fault.closed";
            case BLOCKED -> "fault.blocked";
            default -> null;
        };
        return key == null ? Optional.empty() : Optional.of(Soap.fault("Sender", "DMPAccesRefuse", Messages.get(key)));
    }

    Reply handle(String service, String action, VihfClaims claims, String ins, Element payload, Mtom.Parts parts) throws IOException {
        Instant now = clock.instant();
        store.revealToPatient(ins, now.atZone(PARIS).minus(Revisibility.DELAY).toInstant());
        store.tellPatient(ins, now.atZone(PARIS).minus(Revisibility.NOTICE).toInstant(), now);
        Optional<Document> refused = refusal(registry.state(ins, claims.nationalId()));
        if (refused.isPresent()) {
            return Reply.of(400, refused.get());
        }
        boolean consultation = XdsMessages.ITI18.equals(action) || XdsMessages.ITI43.equals(action);
        if (consultation && claims.accessMode() == AccessMode.NORMAL && registry.authorization(ins, claims.nationalId()).isEmpty()) {
            return Reply.of(400, Soap.fault("Sender", "DMPAccesNonAutorise", Messages.get("fault.notAuthorized")));
        }
        try {
            if ("repository".equals(service) && XdsMessages.ITI41.equals(action)) {
                return provideAndRegister(claims, ins, payload, parts);
            }
            if ("repository".equals(service) && XdsMessages.ITI43.equals(action)) {
                return retrieve(claims, ins, payload);
            }
            if ("registry".equals(service) && XdsMessages.ITI18.equals(action)) {
                return query(claims, ins, payload);
            }
            if ("registry".equals(service) && XdsMessages.ITI57.equals(action)) {
                return update(claims, ins, payload);
            }
        } catch (XdsException | IllegalArgumentException e) {
            return Reply.of(200, XdsMessages.registryResponseEnvelope(action + "Response",
                    RegistryResponse.failure("XDSRegistryMetadataError", Messages.get("fault.metadata", e.getMessage()))));
        }
        return Reply.of(400, Soap.fault("Sender", "DMPActionInconnue", Messages.get("fault.unknownAction", action)));
    }

    // ------------------------------------------------------------------ ITI-41

    private Reply provideAndRegister(VihfClaims claims, String ins, Element payload, Mtom.Parts parts) throws IOException {
        String answerAction = XdsMessages.ITI41 + "Response";
        Optional<XdsMessages.ProvideAndRegister> request = XdsMessages.readProvideAndRegister(payload);
        if (request.isEmpty()) {
            return Reply.of(400, Soap.fault("Sender", "DMPActionInconnue", Messages.get("fault.unknownAction", payload.getLocalName())));
        }
        SubmissionMetadata metadata = XdsMessages.metadata(codec, request.get().submitObjectsRequest());
        Element list = XdsMessages.objectList(request.get().submitObjectsRequest()).orElseThrow();
        List<XdsMessages.Association> associations = XdsMessages.associations(list);
        SubmissionSet set = metadata.submissionSet();
        if (set == null) {
            return failure(answerAction, "XDSRegistryMetadataError", Messages.get("fault.noSubmissionSet"));
        }
        Map<String, byte[]> contents = new LinkedHashMap<>();
        DocumentEntry signature = null;
        List<DocumentEntry> documents = new ArrayList<>();
        for (DocumentEntry e : metadata.documents()) {
            String cid = request.get().contentIds().get(e.entryUuid());
            byte[] bytes = cid == null ? null : parts.attachment(cid).orElse(null);
            if (bytes == null) {
                return failure(answerAction, "XDSMissingDocument", Messages.get("fault.missingDocument", e.uniqueId()));
            }
            if (!sha1(bytes).equalsIgnoreCase(e.hash()) || bytes.length != e.size()) {
                return failure(answerAction, "XDSRepositoryMetadataError", Messages.get("fault.hashSize", e.uniqueId()));
            }
            if (!ins.equals(e.patientId().split("\\^", 2)[0])) {
                return failure(answerAction, "XDSPatientIdDoesNotMatch", Messages.get("fault.patientMismatch"));
            }
            contents.put(e.entryUuid(), bytes);
            if (e.formatCode() != null && SubmissionSignature.FORMAT.equals(e.formatCode().code())) {
                signature = e;
            } else {
                documents.add(e);
            }
        }
        if (documents.isEmpty()) {
            return failure(answerAction, "XDSRegistryMetadataError", Messages.get("fault.noDocument"));
        }
        String signatureProblem = signatureProblem(set, signature, documents, contents, associations);
        if (signatureProblem != null) {
            return failure(answerAction, "DMPSignatureInvalide", Messages.get("fault.xades", signatureProblem));
        }
        boolean duplicate = false;
        for (DocumentEntry e : documents) {
            for (Stored known : store.byUniqueId(e.uniqueId())) {
                if (!known.entry().hash().equalsIgnoreCase(e.hash())) {
                    return failure(answerAction, "XDSNonIdenticalHash", Messages.get("fault.nonIdentical", e.uniqueId()));
                }
                duplicate = true;
            }
        }
        if (duplicate) {
            return failure(answerAction, XdsMessages.DUPLICATE_UNIQUE_ID, Messages.get("fault.duplicate"));
        }
        Map<String, String> replaces = new LinkedHashMap<>();
        List<Stored> replaced = new ArrayList<>();
        for (XdsMessages.Association a : associations) {
            if (XdsMessages.RPLC.equals(a.type())) {
                Optional<Stored> old = store.byEntryUuid(a.target()).filter(s -> s.ins().equals(ins));
                if (old.isEmpty() || !DocumentStatus.APPROVED.urn().equals(old.get().status())) {
                    return failure(answerAction, "XDSUnresolvedReferenceException", Messages.get("fault.unresolved", a.target()));
                }
                replaces.put(a.source(), a.target());
                replaced.add(old.get());
            }
        }
        List<DocumentEntry> stored = new ArrayList<>();
        for (DocumentEntry e : metadata.documents()) {
            stored.add(withRepository(e));
        }
        store.register(ins, set, stored, contents, claims.nationalId(), replaces, clock.instant());
        for (Stored old : replaced) {
            store.setStatus(old, DocumentStatus.DEPRECATED.urn());
        }
        return Reply.of(200, XdsMessages.registryResponseEnvelope(answerAction, RegistryResponse.ok()));
    }

    private String signatureProblem(SubmissionSet set, DocumentEntry signature, List<DocumentEntry> documents,
            Map<String, byte[]> contents, List<XdsMessages.Association> associations) {
        if (signature == null) {
            return Messages.get("fault.xades.absent");
        }
        DocumentEntry sig = signature;
        if (associations.stream().noneMatch(a -> XdsMessages.SIGNS.equals(a.type()) && a.source().equals(sig.entryUuid())
                && a.target().equals(set.entryUuid()))) {
            return Messages.get("fault.xades.association");
        }
        SubmissionSignature.Verified verified;
        try {
            verified = SubmissionSignature.verify(contents.get(signature.entryUuid()));
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        String untrusted = chainProblem.apply(verified.signer());
        if (untrusted != null) {
            return Messages.get("fault.untrustedSigner", untrusted);
        }
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put(SubmissionSignature.uri(set.uniqueId()),
                SubmissionSignature.digest(SubmissionSignature.submissionSetContent(documents.stream().map(DocumentEntry::uniqueId).toList())));
        for (DocumentEntry d : documents) {
            expected.put(SubmissionSignature.uri(d.uniqueId()), SubmissionSignature.digest(contents.get(d.entryUuid())));
        }
        if (!expected.equals(verified.digests())) {
            return Messages.get("fault.xades.manifest");
        }
        return null;
    }

    // ------------------------------------------------------------------ ITI-18

    private Reply query(VihfClaims claims, String ins, Element payload) throws IOException {
        String answerAction = XdsMessages.ITI18 + "Response";
        Optional<XdsMessages.StoredQuery> read = XdsMessages.readQuery(payload);
        if (read.isEmpty()) {
            return Reply.of(400, Soap.fault("Sender", "DMPActionInconnue", Messages.get("fault.unknownAction", payload.getLocalName())));
        }
        XdsMessages.StoredQuery q = read.get();
        List<Stored> visible = store.forPatient(ins).stream().filter(s -> visibleTo(s, claims)).filter(s -> !signature(s)).toList();
        Document envelope = Soap.response(answerAction);
        switch (q.queryId()) {
            case XdsMessages.FIND_DOCUMENTS -> {
                Optional<String> patient = q.value("$XDSDocumentEntryPatientId");
                if (patient.isEmpty() || !patient.get().split("\\^", 2)[0].equals(ins)) {
                    return failure(answerAction, "XDSPatientIdDoesNotMatch", Messages.get("fault.patientMismatch"));
                }
                List<String> statuses = q.values("$XDSDocumentEntryStatus");
                Optional<String> from = q.value("$XDSDocumentEntryCreationTimeFrom");
                List<String> types = q.values("$XDSDocumentEntryTypeCode");
                List<Stored> found = visible.stream().filter(s -> statuses.isEmpty() || statuses.contains(s.status()))
                        .filter(s -> from.isEmpty() || (s.entry().creationTime() != null && s.entry().creationTime().compareTo(from.get()) >= 0))
                        .filter(s -> types.isEmpty() || (s.entry().typeCode() != null && types.contains(s.entry().typeCode().code())))
                        .toList();
                XdsMessages.writeQueryResponse(envelope, RegistryResponse.ok(), extrinsics(found));
            }
            case XdsMessages.GET_DOCUMENTS -> {
                List<String> uniqueIds = q.values("$XDSDocumentEntryUniqueId");
                List<String> uuids = q.values("$XDSDocumentEntryEntryUUID");
                List<Stored> found = visible.stream()
                        .filter(s -> uniqueIds.contains(s.entry().uniqueId()) || uuids.contains(s.entry().entryUuid())).toList();
                XdsMessages.writeQueryResponse(envelope, RegistryResponse.ok(), extrinsics(found));
            }
            case XdsMessages.FIND_SUBMISSION_SETS -> {
                List<Element> packages = new ArrayList<>();
                for (SubmissionSet set : store.sets(ins)) {
                    packages.addAll(registryPackages(set, set.submissionTime(), claims));
                }
                XdsMessages.writeQueryResponse(envelope, RegistryResponse.ok(), packages);
            }
            case XdsMessages.GET_SUBMISSION_SETS -> {
                // the sets holding the documents asked for, with their HasMember associations; the submission time is the
                // one the DMP registered the documents at (its re-visibility clock), not the sender's
                List<String> uuids = q.values("$XDSDocumentEntryEntryUUID");
                Map<String, SubmissionSet> sets = new java.util.LinkedHashMap<>();
                for (SubmissionSet set : store.sets(ins)) {
                    sets.put(set.entryUuid(), set);
                }
                List<Element> objects = new ArrayList<>();
                List<String[]> members = new ArrayList<>();
                java.util.Set<String> written = new java.util.HashSet<>();
                for (Stored s : visible) {
                    SubmissionSet set = sets.get(s.submissionSet());
                    if (!uuids.contains(s.entry().entryUuid()) || set == null) {
                        continue;
                    }
                    if (written.add(set.entryUuid())) {
                        objects.addAll(registryPackages(set, DTM.format(s.registeredAt()), claims));
                    }
                    members.add(new String[] { set.entryUuid(), s.entry().entryUuid() });
                }
                Element list = XdsMessages.writeQueryResponse(envelope, RegistryResponse.ok(), objects);
                for (String[] m : members) {
                    XdsMessages.addAssociation(list, "urn:uuid:" + java.util.UUID.randomUUID(), XdsMessages.HAS_MEMBER, m[0], m[1], Map.of());
                }
            }
            case XdsMessages.GET_RELATED_DOCUMENTS -> {
                String uuid = q.value("$XDSDocumentEntryEntryUUID").orElse("");
                Optional<Stored> origin = visible.stream().filter(s -> s.entry().entryUuid().equals(uuid)).findFirst();
                if (origin.isEmpty()) {
                    return failure(answerAction, "XDSUnresolvedReferenceException", Messages.get("fault.unresolved", uuid));
                }
                List<Stored> related = new ArrayList<>();
                collectRelated(origin.get(), visible, related);
                XdsMessages.writeQueryResponse(envelope, RegistryResponse.ok(), extrinsics(related));
            }
            default -> {
                return failure(answerAction, "XDSUnknownStoredQuery", Messages.get("fault.unknownQuery", q.queryId()));
            }
        }
        return Reply.of(200, envelope);
    }

    /** The versions linked to {@code s} by RPLC, both ways, {@code s} included. */
    /** The RegistryPackage of a submission set as the registry lists it, with the submission time given. */
    private List<Element> registryPackages(SubmissionSet set, String submissionTime, VihfClaims claims) {
        SubmissionSet full = new SubmissionSet(set.entryUuid(), set.uniqueId(), set.sourceId(), submissionTime, null,
                claims.patientInsResource(), List.of(), null);
        Element sor = XdsMessages.ebrim(codec, new SubmissionMetadata(full, List.of()));
        List<Element> packages = new ArrayList<>();
        XdsMessages.objectList(sor).ifPresent(l -> {
            for (org.w3c.dom.Node n = l.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element e && "RegistryPackage".equals(e.getLocalName())) {
                    packages.add(e);
                }
            }
        });
        return packages;
    }

    private static void collectRelated(Stored s, List<Stored> visible, List<Stored> into) {
        if (into.contains(s)) {
            return;
        }
        into.add(s);
        for (Stored other : visible) {
            if (other.replaces().equals(s.entry().entryUuid()) || s.replaces().equals(other.entry().entryUuid())) {
                collectRelated(other, visible, into);
            }
        }
    }

    private List<Element> extrinsics(List<Stored> found) {
        if (found.isEmpty()) {
            return List.of();
        }
        SubmissionSet synthetic = new SubmissionSet("urn:uuid:00000000-0000-0000-0000-000000000000", "0", "0", null, null,
                found.get(0).entry().patientId(), List.of(), null);
        Element sor = XdsMessages.ebrim(codec, new SubmissionMetadata(synthetic, found.stream().map(Stored::entry).toList()));
        List<Element> result = new ArrayList<>();
        Element list = XdsMessages.objectList(sor).orElseThrow();
        int i = 0;
        for (org.w3c.dom.Node n = list.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && "ExtrinsicObject".equals(e.getLocalName())) {
                e.setAttribute("status", found.get(i++).status());
                result.add(e);
            }
        }
        return result;
    }

    private static boolean visibleTo(Stored s, VihfClaims claims) {
        boolean masked = s.entry().confidentialityCodes().stream()
                .anyMatch(c -> Visibility.MASQUE_PS.name().equals(c.code()) && Visibility.CODING_SCHEME.equals(c.codingScheme()));
        return !masked || s.submitter().equals(claims.nationalId());
    }

    private static boolean signature(Stored s) {
        return s.entry().formatCode() != null && SubmissionSignature.FORMAT.equals(s.entry().formatCode().code());
    }

    // ------------------------------------------------------------------ ITI-43

    private Reply retrieve(VihfClaims claims, String ins, Element payload) throws IOException {
        String answerAction = XdsMessages.ITI43 + "Response";
        Optional<List<XdsMessages.DocumentReference>> read = XdsMessages.readRetrieve(payload);
        if (read.isEmpty()) {
            return Reply.of(400, Soap.fault("Sender", "DMPActionInconnue", Messages.get("fault.unknownAction", payload.getLocalName())));
        }
        Map<String, byte[]> attachments = new LinkedHashMap<>();
        List<XdsMessages.DocumentReference> answered = new ArrayList<>();
        List<XdsMessages.RegistryError> errors = new ArrayList<>();
        for (XdsMessages.DocumentReference r : read.get()) {
            Optional<Stored> found = store.byUniqueId(r.documentUniqueId()).stream().filter(s -> s.ins().equals(ins))
                    .filter(s -> visibleTo(s, claims)).filter(s -> !DocumentStatus.DELETED.urn().equals(s.status())).findFirst();
            Optional<byte[]> bytes = found.isPresent() ? store.content(found.get().entry()) : Optional.empty();
            if (!REPOSITORY_ID.equals(r.repositoryUniqueId())) {
                errors.add(new XdsMessages.RegistryError("XDSUnknownRepositoryId", Messages.get("fault.unknownRepository", r.repositoryUniqueId())));
            } else if (bytes.isEmpty()) {
                errors.add(new XdsMessages.RegistryError("XDSDocumentUniqueIdError", Messages.get("fault.unknownDocument", r.documentUniqueId())));
            } else {
                String cid = Mtom.newContentId();
                attachments.put(cid, bytes.get());
                answered.add(new XdsMessages.DocumentReference(REPOSITORY_ID, r.documentUniqueId(), found.get().entry().mimeType(), cid));
            }
        }
        Document envelope = Soap.response(answerAction);
        XdsMessages.writeRetrieveResponse(envelope, new RegistryResponse(errors.isEmpty(), errors), answered);
        Mtom.Packaged packaged = Mtom.write(Soap.bytes(envelope), answerAction, attachments);
        return new Reply(200, packaged.contentType(), packaged.body());
    }

    // ------------------------------------------------------------------ ITI-57

    private Reply update(VihfClaims claims, String ins, Element payload) throws IOException {
        String answerAction = XdsMessages.ITI57 + "Response";
        Optional<Element> read = XdsMessages.readUpdate(payload);
        if (read.isEmpty()) {
            return Reply.of(400, Soap.fault("Sender", "DMPActionInconnue", Messages.get("fault.unknownAction", payload.getLocalName())));
        }
        Element list = XdsMessages.objectList(read.get()).orElseThrow();
        for (XdsMessages.Association a : XdsMessages.associations(list)) {
            if (!XdsMessages.UPDATE_AVAILABILITY_STATUS.equals(a.type())) {
                continue;
            }
            Optional<Stored> target = store.byEntryUuid(a.target()).filter(s -> s.ins().equals(ins));
            if (target.isEmpty()) {
                return failure(answerAction, "XDSUnresolvedReferenceException", Messages.get("fault.unresolved", a.target()));
            }
            if (!target.get().submitter().equals(claims.nationalId())) {
                return failure(answerAction, "DMPAuteurUniquement", Messages.get("fault.authorOnly"));
            }
            String original = a.slots().getOrDefault("OriginalStatus", "");
            String wanted = a.slots().getOrDefault("NewStatus", "");
            if (!original.equals(target.get().status())) {
                return failure(answerAction, "XDSMetadataUpdateError", Messages.get("fault.statusMismatch", target.get().status()));
            }
            Set<String> allowed = switch (DocumentStatus.of(original).orElse(DocumentStatus.DEPRECATED)) {
                case APPROVED -> Set.of(DocumentStatus.ARCHIVED.urn(), DocumentStatus.DELETED.urn());
                case ARCHIVED -> Set.of(DocumentStatus.APPROVED.urn(), DocumentStatus.DELETED.urn());
                default -> Set.of();
            };
            if (!allowed.contains(wanted)) {
                return failure(answerAction, "XDSMetadataUpdateError", Messages.get("fault.statusTransition", original, wanted));
            }
            store.setStatus(target.get(), wanted);
        }
        if (list.getElementsByTagNameNS(XdsMessages.RIM, "ExtrinsicObject").getLength() > 0) {
            SubmissionMetadata metadata = XdsMessages.metadata(codec, read.get());
            for (DocumentEntry next : metadata.documents()) {
                Optional<Stored> current = store.byUniqueId(next.uniqueId()).stream().filter(s -> s.ins().equals(ins))
                        .filter(s -> DocumentStatus.APPROVED.urn().equals(s.status())).findFirst();
                if (current.isEmpty()) {
                    return failure(answerAction, "XDSMetadataUpdateError", Messages.get("fault.unknownDocument", next.uniqueId()));
                }
                Stored old = current.get();
                boolean maskChange = new DmpDocument(old.entry(), DocumentStatus.APPROVED).visibility().contains(Visibility.MASQUE_PS)
                        != new DmpDocument(next, DocumentStatus.APPROVED).visibility().contains(Visibility.MASQUE_PS);
                if (maskChange && !old.submitter().equals(claims.nationalId())) {
                    return failure(answerAction, "DMPAuteurUniquement", Messages.get("fault.authorOnly"));
                }
                if (!old.entry().hash().equalsIgnoreCase(next.hash()) || old.entry().size() != next.size()) {
                    return failure(answerAction, "XDSMetadataUpdateError", Messages.get("fault.hashSize", next.uniqueId()));
                }
                DocumentEntry kept = withRepository(next);
                store.register(ins, metadata.submissionSet(), List.of(kept), Map.of(), old.submitter(), Map.of(), clock.instant());
                store.setStatus(old, DocumentStatus.DEPRECATED.urn());
            }
        }
        return Reply.of(200, XdsMessages.registryResponseEnvelope(answerAction, RegistryResponse.ok()));
    }

    // ------------------------------------------------------------------

    private static DocumentEntry withRepository(DocumentEntry e) {
        Map<String, List<String>> slots = new LinkedHashMap<>(e.extraSlots());
        slots.put(DmpDocument.REPOSITORY_SLOT, List.of(REPOSITORY_ID));
        return new DocumentEntry(e.entryUuid(), e.uniqueId(), e.mimeType(), e.title(), e.hash(), e.size(), e.uri(), e.creationTime(),
                e.serviceStartTime(), e.serviceStopTime(), e.languageCode(), e.patientId(), e.sourcePatientId(), e.sourcePatientInfo(),
                e.legalAuthenticator(), e.authors(), e.classCode(), e.typeCode(), e.formatCode(), e.healthcareFacilityTypeCode(),
                e.practiceSettingCode(), e.confidentialityCodes(), e.eventCodes(), slots);
    }

    private static Reply failure(String action, String code, String text) {
        return Reply.of(200, XdsMessages.registryResponseEnvelope(action, RegistryResponse.failure(code, text)));
    }

    static String sha1(byte[] bytes) {
        try {
            return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String dtm(Instant instant) {
        return DTM.format(instant);
    }
}
