package org.caducee.sandbox.dmp.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.caducee.core.care.Consent;
import org.caducee.dmp.AccessMode;
import org.caducee.dmp.ConsentRequiredException;
import org.caducee.dmp.DmpClient;
import org.caducee.dmp.DmpDocument;
import org.caducee.dmp.DmpException;
import org.caducee.dmp.DmpRequest;
import org.caducee.dmp.DmpState;
import org.caducee.dmp.DmpSubmission;
import org.caducee.dmp.DocumentQuery;
import org.caducee.dmp.DocumentStatus;
import org.caducee.dmp.RetrievedDocument;
import org.caducee.dmp.SubmitOutcome;
import org.caducee.dmp.vihf.AuthenticationMode;
import org.caducee.dmp.vihf.VihfAssertions;
import org.caducee.dmp.vihf.VihfClaims;
import org.caducee.dmp.wire.Mtom;
import org.caducee.dmp.wire.Soap;
import org.caducee.dmp.wire.SubmissionSignature;
import org.caducee.dmp.wire.XdsMessages;
import org.caducee.sandbox.SandboxPki;
import org.caducee.xds.EbrimCodec;
import org.caducee.xds.SubmissionMetadata;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.caducee.sandbox.DemoPractice;
import org.caducee.sandbox.Simulator;
import org.caducee.sandbox.dmp.internal.DmpSimulator;
import org.caducee.testing.Osgi;
import org.caducee.xds.DocumentEntry;
import org.caducee.xds.SubmissionSet;
import org.caducee.xds.Visibility;
import org.caducee.xds.XdsAuthor;
import org.caducee.xds.XdsCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;

/** TD2.1, TD3.1, TD3.2 and TD3.3 of the DMP client against the local DMP (ITI-41/18/43/57 over mutual TLS). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DmpDocumentsAgainstSimulatorTest {

    private static final String NIR_OID = "1.2.250.1.213.1.4.8";
    private static final String DOCTOR = "8" + DemoPractice.DOCTOR_RPPS;
    private static final String OTHER = "8" + DemoPractice.SECOND_DOCTOR_RPPS;
    private DmpClient client;
    private DmpSimulator simulator;

    @BeforeAll
    void sandboxRunning() throws Exception {
        DmpTestRuntime runtime = new DmpTestRuntime();
        client = runtime.client;
        simulator = runtime.simulator;
    }

    private java.net.URI simulatorEndpoint() {
        return simulator.endpoint().orElseThrow();
    }

    @AfterEach
    void noFailure() {
        System.clearProperty("caducee.sandbox.dmp.failure");
    }

    static String newIns() {
        return "1" + String.format("%014d", Math.abs(UUID.randomUUID().getMostSignificantBits()) % 100_000_000_000_000L);
    }

    static DmpRequest request(String ins, String nationalId, AccessMode mode, boolean consultation) {
        return new DmpRequest(ins, NIR_OID, new DmpRequest.Professional(nationalId, nationalId.equals(DOCTOR) ? "DURAND Sophie" : "MARTIN Paul",
                "10", Optional.of("SM54")), mode, Optional.of(new Consent(UUID.randomUUID(), true, false, consultation, "medecin", Instant.now())),
                AuthenticationMode.INDIRECTE);
    }

    static DmpRequest doctor(String ins) {
        return request(ins, DOCTOR, AccessMode.NORMAL, true);
    }

    static String oid() {
        return "1.2.250.1.999.1." + Math.abs(UUID.randomUUID().getLeastSignificantBits());
    }

    static DocumentEntry entry(String ins, String uniqueId, byte[] content, String authorId, String typeCode, Set<Visibility> visibility)
            throws Exception {
        List<XdsCode> confidentiality = new java.util.ArrayList<>(List.of(new XdsCode("N", "2.16.840.1.113883.5.25", "Normal")));
        visibility.forEach(v -> confidentiality.add(new XdsCode(v.name(), Visibility.CODING_SCHEME, null)));
        String patient = ins + "^^^&" + NIR_OID + "&ISO^NH";
        return new DocumentEntry("urn:uuid:" + UUID.randomUUID(), uniqueId, "text/xml", "Compte rendu " + typeCode,
                HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-1").digest(content)), content.length, null,
                "20261207100000", null, null, "fr-FR", patient, patient, List.of("PID-5|DUPONT^Marie^^^^^L"), null,
                List.of(new XdsAuthor(authorId + "^DURAND^Sophie^^^^^^&1.2.250.1.71.4.2.1&ISO^D^^^IDNPS", List.of(), List.of(), List.of())),
                new XdsCode("10", "1.2.250.1.213.1.1.4.1", "Compte rendu"), new XdsCode(typeCode, "2.16.840.1.113883.6.1", "Type " + typeCode),
                new XdsCode("urn:ihe:iti:xds-sd:text:2008", "1.3.6.1.4.1.19376.1.2.3", "Texte"), new XdsCode("SA08", "1.2.250.1.71.4.2.4", "Cabinet"),
                new XdsCode("AMBULATOIRE", "1.2.250.1.213.1.1.4.9", "Ambulatoire"), confidentiality, List.of(), Map.of());
    }

    static DmpSubmission submission(DocumentEntry e, byte[] content, Optional<String> replaces) {
        SubmissionSet set = new SubmissionSet("urn:uuid:" + UUID.randomUUID(), oid(), "1.2.250.1.999", "20261207100500", "Lot",
                e.patientId(), e.authors(), e.healthcareFacilityTypeCode());
        return new DmpSubmission(set, List.of(new DmpSubmission.Document(e, content, replaces)));
    }

    static byte[] cda(String text) {
        return ("<ClinicalDocument xmlns=\"urn:hl7-org:v3\"><title>" + text + "</title></ClinicalDocument>").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void givenASignedSubmission_whenListedAndRetrieved_thenTheSameBytesComeBack() throws Exception {
        String ins = newIns();
        byte[] content = cda("CR de consultation");
        String uniqueId = oid();
        assertThat(client.submit(doctor(ins), submission(entry(ins, uniqueId, content, DOCTOR, "11488-4", Set.of()), content, Optional.empty())))
                .isEqualTo(SubmitOutcome.REGISTERED);
        client.authorize(doctor(ins));
        List<DmpDocument> listed = client.findDocuments(doctor(ins), DocumentQuery.current());
        assertThat(listed).extracting(DmpDocument::uniqueId).containsExactly(uniqueId);
        DmpDocument doc = listed.get(0);
        assertThat(doc.status()).isEqualTo(DocumentStatus.APPROVED);
        assertThat(doc.repositoryUniqueId()).isPresent();
        assertThat(doc.authorNationalId()).contains(DOCTOR);
        RetrievedDocument retrieved = client.retrieve(doctor(ins), doc);
        assertThat(retrieved.content()).isEqualTo(content);
        assertThat(retrieved.mimeType()).isEqualTo("text/xml");
        assertThat(client.findSubmissionSets(doctor(ins))).hasSize(1);
        assertThat(client.getDocuments(doctor(ins), uniqueId)).hasSize(1);
    }

    @Test
    void givenTheSameDocumentTwice_thenTheDmpHoldsItOnceAndTheSecondAnswerSaysAlreadyRegistered() throws Exception {
        String ins = newIns();
        byte[] content = cda("Ordonnance");
        DocumentEntry e = entry(ins, oid(), content, DOCTOR, "57833-6", Set.of());
        assertThat(client.submit(doctor(ins), submission(e, content, Optional.empty()))).isEqualTo(SubmitOutcome.REGISTERED);
        assertThat(client.submit(doctor(ins), submission(e, content, Optional.empty()))).isEqualTo(SubmitOutcome.ALREADY_REGISTERED);
        byte[] other = cda("Autre contenu");
        DocumentEntry sameIdOtherBytes = entry(ins, e.uniqueId(), other, DOCTOR, "57833-6", Set.of());
        assertThatThrownBy(() -> client.submit(doctor(ins), submission(sameIdOtherBytes, other, Optional.empty())))
                .isInstanceOf(DmpException.class).hasMessageContaining("autre contenu");
        client.authorize(doctor(ins));
        assertThat(client.findDocuments(doctor(ins), DocumentQuery.current())).hasSize(1);
    }

    @Test
    void givenALostAnswer_whenTheSendIsRetried_thenExactlyOneDocumentIsInTheDmp() throws Exception {
        String ins = newIns();
        byte[] content = cda("Synthèse");
        DocumentEntry e = entry(ins, oid(), content, DOCTOR, "60591-5", Set.of());
        System.setProperty("caducee.sandbox.dmp.failure", "ackLost");
        assertThatThrownBy(() -> client.submit(doctor(ins), submission(e, content, Optional.empty())))
                .isInstanceOf(DmpException.class).satisfies(x -> assertThat(((DmpException) x).kind()).isEqualTo(DmpException.Kind.UNREACHABLE));
        System.clearProperty("caducee.sandbox.dmp.failure");
        assertThat(client.submit(doctor(ins), submission(e, content, Optional.empty()))).isEqualTo(SubmitOutcome.ALREADY_REGISTERED);
        client.authorize(doctor(ins));
        assertThat(client.findDocuments(doctor(ins), DocumentQuery.current())).hasSize(1);
    }

    @Test
    void givenAHashThatDoesNotMatchTheBytes_thenTheSubmissionIsRefusedWithTheReason() throws Exception {
        String ins = newIns();
        byte[] content = cda("CR");
        DocumentEntry e = entry(ins, oid(), cda("autre"), DOCTOR, "11488-4", Set.of());
        assertThatThrownBy(() -> client.submit(doctor(ins), submission(e, content, Optional.empty())))
                .isInstanceOf(DmpException.class).hasMessageContaining("empreinte ou la taille")
                .satisfies(x -> assertThat(((DmpException) x).kind()).isEqualTo(DmpException.Kind.REFUSED));
    }

    @Test
    void givenNoAuthorisation_thenConsultationIsRefusedExceptInEmergencyModes() throws Exception {
        String ins = newIns();
        byte[] content = cda("CR");
        client.submit(doctor(ins), submission(entry(ins, oid(), content, DOCTOR, "11488-4", Set.of()), content, Optional.empty()));
        assertThatThrownBy(() -> client.findDocuments(doctor(ins), DocumentQuery.current())).isInstanceOf(DmpException.class)
                .hasMessageContaining("autorisation");
        assertThat(client.findDocuments(request(ins, DOCTOR, AccessMode.BRIS_DE_GLACE, false), DocumentQuery.current())).hasSize(1);
        assertThat(client.findDocuments(request(ins, DOCTOR, AccessMode.CENTRE_15, false), DocumentQuery.current())).hasSize(1);
        assertThatThrownBy(() -> client.findDocuments(request(ins, DOCTOR, AccessMode.NORMAL, false), DocumentQuery.current()))
                .isInstanceOf(ConsentRequiredException.class);
    }

    @Test
    void givenABlockedProfessional_thenEveryDocumentTransactionIsRefused() throws Exception {
        String ins = newIns();
        simulator.setState(ins, DmpState.BLOCKED, DOCTOR);
        byte[] content = cda("CR");
        assertThatThrownBy(() -> client.submit(doctor(ins), submission(entry(ins, oid(), content, DOCTOR, "11488-4", Set.of()), content,
                Optional.empty()))).isInstanceOf(DmpException.class).hasMessageContaining("interdit l’accès");
        assertThatThrownBy(() -> client.findDocuments(request(ins, DOCTOR, AccessMode.BRIS_DE_GLACE, true), DocumentQuery.current()))
                .isInstanceOf(DmpException.class).hasMessageContaining("interdit l’accès");
    }

    @Test
    void givenANewVersion_thenTheOldOneIsDeprecatedAndBothAreRelated() throws Exception {
        String ins = newIns();
        client.authorize(doctor(ins));
        byte[] v1 = cda("v1");
        DocumentEntry first = entry(ins, oid(), v1, DOCTOR, "11488-4", Set.of());
        client.submit(doctor(ins), submission(first, v1, Optional.empty()));
        byte[] v2 = cda("v2");
        DocumentEntry second = entry(ins, oid(), v2, DOCTOR, "11488-4", Set.of());
        client.submit(doctor(ins), submission(second, v2, Optional.of(first.entryUuid())));
        assertThat(client.findDocuments(doctor(ins), DocumentQuery.current())).extracting(DmpDocument::uniqueId)
                .containsExactly(second.uniqueId());
        assertThat(client.getDocuments(doctor(ins), first.uniqueId())).extracting(DmpDocument::status).containsExactly(DocumentStatus.DEPRECATED);
        assertThat(client.relatedDocuments(doctor(ins), second.entryUuid())).extracting(DmpDocument::uniqueId)
                .containsExactlyInAnyOrder(first.uniqueId(), second.uniqueId());
    }

    @Test
    void givenTheAuthorMasksADocument_thenOtherProfessionalsNoLongerSeeItAndTheFlagsAreRead() throws Exception {
        String ins = newIns();
        client.authorize(doctor(ins));
        client.authorize(request(ins, OTHER, AccessMode.NORMAL, true));
        byte[] content = cda("CR");
        client.submit(doctor(ins), submission(entry(ins, oid(), content, DOCTOR, "11488-4", Set.of(Visibility.INVISIBLE_PATIENT)), content,
                Optional.empty()));
        DmpDocument doc = client.findDocuments(doctor(ins), DocumentQuery.current()).get(0);
        assertThat(doc.invisibleToPatient()).isTrue();
        assertThatThrownBy(() -> client.updateVisibility(request(ins, OTHER, AccessMode.NORMAL, true), doc, Set.of(Visibility.MASQUE_PS)))
                .isInstanceOf(DmpException.class).hasMessageContaining("Seul l’auteur");
        DmpDocument masked = client.updateVisibility(doctor(ins), doc, Set.of(Visibility.MASQUE_PS));
        assertThat(masked.visibility()).containsExactly(Visibility.MASQUE_PS);
        assertThat(client.findDocuments(request(ins, OTHER, AccessMode.NORMAL, true), DocumentQuery.current())).isEmpty();
        List<DmpDocument> seenByAuthor = client.findDocuments(doctor(ins), DocumentQuery.current());
        assertThat(seenByAuthor).hasSize(1);
        assertThat(seenByAuthor.get(0).visibility()).containsExactly(Visibility.MASQUE_PS);
        assertThat(client.retrieve(doctor(ins), seenByAuthor.get(0)).content()).isEqualTo(content);
    }

    @Test
    void givenADocument_thenOnlyItsAuthorArchivesOrDeletesIt() throws Exception {
        String ins = newIns();
        client.authorize(doctor(ins));
        client.authorize(request(ins, OTHER, AccessMode.NORMAL, true));
        byte[] content = cda("CR");
        client.submit(doctor(ins), submission(entry(ins, oid(), content, DOCTOR, "11488-4", Set.of()), content, Optional.empty()));
        DmpDocument doc = client.findDocuments(doctor(ins), DocumentQuery.current()).get(0);
        assertThatThrownBy(() -> client.updateStatus(request(ins, OTHER, AccessMode.NORMAL, true), doc, DocumentStatus.DELETED))
                .isInstanceOf(DmpException.class).hasMessageContaining("Seul l’auteur");
        client.updateStatus(doctor(ins), doc, DocumentStatus.ARCHIVED);
        assertThat(client.findDocuments(doctor(ins), DocumentQuery.current())).isEmpty();
        DmpDocument archived = client.findDocuments(doctor(ins), new DocumentQuery(Set.of(DocumentStatus.ARCHIVED), Optional.empty(), List.of())).get(0);
        client.updateStatus(doctor(ins), archived, DocumentStatus.APPROVED);
        DmpDocument back = client.findDocuments(doctor(ins), DocumentQuery.current()).get(0);
        client.updateStatus(doctor(ins), back, DocumentStatus.DELETED);
        assertThat(client.findDocuments(doctor(ins), DocumentQuery.current())).isEmpty();
        assertThat(client.findDocuments(doctor(ins), new DocumentQuery(Set.of(DocumentStatus.DELETED), Optional.empty(), List.of())))
                .hasSize(1);
    }

    @Test
    void givenFilters_thenFindDocumentsAppliesTypeAndDate() throws Exception {
        String ins = newIns();
        client.authorize(doctor(ins));
        byte[] a = cda("a");
        byte[] b = cda("b");
        client.submit(doctor(ins), submission(entry(ins, oid(), a, DOCTOR, "11488-4", Set.of()), a, Optional.empty()));
        client.submit(doctor(ins), submission(entry(ins, oid(), b, DOCTOR, "57833-6", Set.of()), b, Optional.empty()));
        assertThat(client.findDocuments(doctor(ins), new DocumentQuery(Set.of(DocumentStatus.APPROVED), Optional.empty(), List.of("57833-6"))))
                .hasSize(1);
        assertThat(client.findDocuments(doctor(ins), DocumentQuery.current().since(Instant.parse("2026-12-08T00:00:00Z")))).isEmpty();
        assertThat(client.findDocuments(doctor(ins), DocumentQuery.current().since(Instant.parse("2026-12-06T00:00:00Z")))).hasSize(2);
    }

    @Test
    void givenASignatureWhoseManifestDoesNotMatchTheDocuments_thenTheSubmissionIsRefusedAndNothingIsRegistered() throws Exception {
        String ins = newIns();
        byte[] content = cda("CR de consultation");
        DocumentEntry e = entry(ins, oid(), content, DOCTOR, "11488-4", Set.of());
        SubmissionSet set = submission(e, content, Optional.empty()).submissionSet();
        SandboxPki pki = Osgi.await(FrameworkUtil.getBundle(getClass()).getBundleContext(), SandboxPki.class, Duration.ofSeconds(30));
        EbrimCodec codec = Osgi.await(FrameworkUtil.getBundle(getClass()).getBundleContext(), EbrimCodec.class, Duration.ofSeconds(30));
        java.security.PrivateKey key = (java.security.PrivateKey) pki.keyStore(SandboxPki.Credential.ORGANISATION_SIGN)
                .getKey(SandboxPki.Credential.ORGANISATION_SIGN.alias(), pki.keyStorePassword().toCharArray());
        List<java.security.cert.X509Certificate> chain = pki.chain(SandboxPki.Credential.ORGANISATION_SIGN);
        // a genuine signature of the structure, but over other bytes than those sent
        byte[] signature = SubmissionSignature.sign("_sig", set.uniqueId(), Map.of(e.uniqueId(), cda("autre chose")), key, chain, Instant.now());
        DocumentEntry signatureEntry = new DocumentEntry("urn:uuid:" + UUID.randomUUID(), oid(), "text/xml", "Source",
                HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-1").digest(signature)), signature.length, null,
                "20261207100000", null, null, "fr-FR", e.patientId(), e.sourcePatientId(), List.of(), null, e.authors(),
                new XdsCode(SubmissionSignature.CLASS_CODE, "URN", null), new XdsCode(SubmissionSignature.TYPE_CODE, "ASTM", null),
                new XdsCode(SubmissionSignature.FORMAT, "URN", null), e.healthcareFacilityTypeCode(), e.practiceSettingCode(),
                List.of(new XdsCode("N", "2.16.840.1.113883.5.25", null)), List.of(), Map.of());
        Element metadata = XdsMessages.ebrim(codec, new SubmissionMetadata(set, List.of(e, signatureEntry)));
        XdsMessages.addAssociation(XdsMessages.objectList(metadata).orElseThrow(), "urn:uuid:" + UUID.randomUUID(), XdsMessages.SIGNS,
                signatureEntry.entryUuid(), set.entryUuid(), Map.of());
        VihfClaims claims = new VihfClaims(DOCTOR, "DURAND Sophie", "10", Optional.empty(), "3" + DemoPractice.STRUCTURE_SIRET, "SA08",
                VihfClaims.insResource(ins, NIR_OID), AccessMode.NORMAL, AuthenticationMode.INDIRECTE, "caducee", "Caducée", "0.1.0",
                DmpSimulator.HOMOLOGATION, Duration.ofMinutes(5));
        URI endpoint = simulator.endpoint().orElseThrow().resolve("repository");
        Document envelope = Soap.request(XdsMessages.ITI41, endpoint, new VihfAssertions().signed(claims, Instant.now(), key, chain));
        XdsMessages.writeProvideAndRegister(envelope, metadata, Map.of(e.entryUuid(), "doc@test", signatureEntry.entryUuid(), "sig@test"));
        Map<String, byte[]> parts = new java.util.LinkedHashMap<>();
        parts.put("doc@test", content);
        parts.put("sig@test", signature);
        Mtom.Packaged packaged = Mtom.write(Soap.bytes(envelope), XdsMessages.ITI41, parts);
        HttpResponse<String> response = HttpClient.newBuilder().sslContext(pki.clientSslContext(SandboxPki.Credential.ORGANISATION_AUTH))
                .version(HttpClient.Version.HTTP_1_1).build().send(HttpRequest.newBuilder(endpoint).header("Content-Type", packaged.contentType())
                        .POST(HttpRequest.BodyPublishers.ofByteArray(packaged.body())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.body()).contains("DMPSignatureInvalide").contains("empreintes du manifeste");
        assertThat(client.findDocuments(request(ins, DOCTOR, AccessMode.BRIS_DE_GLACE, false), DocumentQuery.current())).isEmpty();
    }
}
