package org.caducee.xds.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.caducee.cda.CdaHeader;
import org.caducee.core.document.Provenance;
import org.caducee.core.identity.IdentityStatus;
import org.caducee.core.patient.Patient;
import org.caducee.xds.DocumentEntry;
import org.caducee.xds.ImportOutcome;
import org.caducee.xds.ImportOutcome.Status;
import org.caducee.xds.StoredVersion;
import org.caducee.xds.SubmissionMetadata;
import org.caducee.xds.WorklistReason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CI-SIS versioning rules (SC.CDA/INT.18), deletion requests, and patient matching on a qualified INS. */
class VersioningAndMatchingTest {

    @TempDir
    Path dir;

    private static final String CS9 = "CSE-CS9_2025.01";

    /** The CS9 example as version {@code version} with document id extension {@code idSuffix}. */
    private static byte[] version(XdsFixture f, String idSuffix, int version, String title) throws Exception {
        byte[] original = XdsFixture.exampleCda(CS9);
        CdaHeader h = f.reader.read(original);
        String text = XdsFixture.utf8(original);
        String id = h.id().root();
        String newId = id + "." + idSuffix;
        text = text.replaceFirst("<id root=\"" + java.util.regex.Pattern.quote(id) + "\"", "<id root=\"" + newId + "\"");
        text = text.replaceFirst("<versionNumber value=\"\\d+\"\\s*/>", "<versionNumber value=\"" + version + "\"/>");
        if (title != null) {
            text = text.replaceFirst("<title>[^<]*</title>", "<title>" + title + "</title>");
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static ImportOutcome importCda(XdsFixture f, byte[] cda) {
        List<ImportOutcome> o = f.imports.importFile("doc.xml", cda, "test", Provenance.IMPORTED_FILE, null);
        assertThat(o).hasSize(1);
        return o.get(0);
    }

    @Test
    void versionRulesOfTheCiSis() throws Exception {
        try (XdsFixture f = new XdsFixture(dir, false)) {
            byte[] v1 = version(f, "1", 1, null);
            ImportOutcome first = importCda(f, v1);
            assertThat(first.status()).as(first.message()).isEqualTo(Status.STORED);
            String setId = first.setId();

            // same id, same bytes: nothing happens
            assertThat(importCda(f, v1).status()).isEqualTo(Status.ALREADY_STORED);
            // same id, other bytes: rejected
            ImportOutcome sameId = importCda(f, version(f, "1", 1, "Autre titre"));
            assertThat(sameId.reason()).isEqualTo(WorklistReason.VERSION_CONFLICT);
            assertThat(sameId.message()).contains("déjà enregistré avec un autre contenu");
            // other id, same setId and version: rejected
            ImportOutcome sameVersion = importCda(f, version(f, "2", 1, null));
            assertThat(sameVersion.reason()).isEqualTo(WorklistReason.VERSION_CONFLICT);
            assertThat(sameVersion.message()).contains("version 1");
            // a higher version, then a lower one received late: both kept, the higher stays the latest
            assertThat(importCda(f, version(f, "3", 3, "Version 3")).status()).isEqualTo(Status.STORED);
            assertThat(importCda(f, version(f, "2b", 2, "Version 2")).status()).isEqualTo(Status.STORED);
            List<StoredVersion> versions = f.versions.versions(setId);
            assertThat(versions).extracting(StoredVersion::versionNumber).containsExactly(3, 2, 1);
            assertThat(f.versions.latest(setId)).get().extracting(StoredVersion::versionNumber).isEqualTo(3);
            assertThat(f.documents.latestVersions(f.decourcy.id())).extracting(d -> d.versionNumber()).containsExactly(3);
            // the rejected ones wait in the worklist with their bytes
            assertThat(f.worklist.open()).hasSize(2).allMatch(i -> i.reason() == WorklistReason.VERSION_CONFLICT);
        }
    }

    @Test
    void deletionRequestMarksTheVersionDeletedAndKeepsIt() throws Exception {
        try (XdsFixture f = new XdsFixture(dir, false)) {
            byte[] v1 = version(f, "1", 1, null);
            ImportOutcome stored = importCda(f, v1);
            CdaHeader h1 = f.reader.read(v1);
            // version 2 asks for the deletion of version 1: RPLC in the CDA, slot urn:action:extraMetadataSlot = D in METADATA
            String v2 = XdsFixture.utf8(version(f, "2", 2, null)).replaceFirst("<componentOf>",
                    "<relatedDocument typeCode=\"RPLC\"><parentDocument><id root=\"" + h1.id().root() + "\"/><setId root=\"" + h1.setId().root()
                            + "\"" + (h1.setId().extension() == null ? "" : " extension=\"" + h1.setId().extension() + "\"")
                            + "/><versionNumber value=\"1\"/></parentDocument></relatedDocument><componentOf>");
            byte[] v2Bytes = v2.getBytes(StandardCharsets.UTF_8);
            DocumentEntry e = f.factory.documentEntry(v2Bytes, "DOC0001.XML", Set.of());
            DocumentEntry deletion = new DocumentEntry(e.entryUuid(), e.uniqueId(), e.mimeType(), e.title(), e.hash(), e.size(), e.uri(),
                    e.creationTime(), e.serviceStartTime(), e.serviceStopTime(), e.languageCode(), e.patientId(), e.sourcePatientId(),
                    e.sourcePatientInfo(), e.legalAuthenticator(), e.authors(), e.classCode(), e.typeCode(), e.formatCode(),
                    e.healthcareFacilityTypeCode(), e.practiceSettingCode(), e.confidentialityCodes(), e.eventCodes(),
                    Map.of(DocumentEntry.DELETION_SLOT, List.of("D")));
            byte[] metadata = f.codec.write(new SubmissionMetadata(f.factory.submissionSet(List.of(deletion), null), List.of(deletion)));
            assertThat(XdsFixture.utf8(metadata)).contains("urn:action:extraMetadataSlot");
            Map<String, byte[]> entries = new LinkedHashMap<>();
            entries.put("IHE_XDM/SUBSET01/DOC0001.XML", v2Bytes);
            entries.put("IHE_XDM/SUBSET01/METADATA.XML", metadata);
            List<ImportOutcome> outcomes = f.imports.importFile("IHE_XDM.zip", XdsFixture.zip(entries), "test", Provenance.RECEIVED_MSSANTE, null);
            assertThat(outcomes).hasSize(1);
            assertThat(outcomes.get(0).status()).as(outcomes.get(0).message()).isEqualTo(Status.DELETION_APPLIED);
            assertThat(outcomes.get(0).message()).contains("marquée supprimée");

            StoredVersion deleted = f.versions.find(h1.id().value()).orElseThrow();
            assertThat(deleted.deleted()).isTrue();
            assertThat(deleted.deletedBy()).isEqualTo(e.uniqueId());
            // the core record carries the mark too: doc list and the patient record show it
            assertThat(f.documents.find(stored.documentId()).orElseThrow().deleted()).isTrue();
            // never erased: the bytes are still there
            assertThat(f.versions.content(stored.documentId())).get().isEqualTo(v1);
            assertThat(f.versions.versions(stored.setId())).hasSize(2);
        }
    }

    @Test
    void matchingNeedsAQualifiedIdentityWithTheSameTraits() throws Exception {
        try (XdsFixture f = new XdsFixture(dir, false)) {
            byte[] cda = XdsFixture.exampleCda(CS9);
            // traits differ: birth date
            Patient p = f.decourcy;
            f.patients.save(new Patient(p.id(), new org.caducee.core.identity.Identity(
                    org.caducee.core.identity.BirthTraits.of("DECOURCY", "RUTH ISABELLE", org.caducee.core.identity.Sex.FEMALE,
                            java.time.LocalDate.of(2021, 4, 26), "75056"), "DECOURCY", "RUTH", p.identity().ins(), IdentityStatus.QUALIFIEE,
                    Set.of(), p.identity().documentCheck()), null, null, null, p.version()));
            ImportOutcome traits = importCda(f, cda);
            assertThat(traits.reason()).isEqualTo(WorklistReason.INS_MISMATCH);
            assertThat(traits.message()).contains("date de naissance");

            // INS only récupérée (not qualified)
            f.patients.save(new Patient(p.id(), new org.caducee.core.identity.Identity(p.identity().traits(), "DECOURCY", "RUTH",
                    p.identity().ins(), IdentityStatus.RECUPEREE, Set.of(), null), null, null, null, p.version() + 1));
            ImportOutcome notQualified = importCda(f, cda);
            assertThat(notQualified.reason()).isEqualTo(WorklistReason.INS_MISMATCH);
            assertThat(notQualified.message()).contains("seule une identité qualifiée");

            // chosen by the user: filed
            List<ImportOutcome> chosen = f.imports.importFile("doc.xml", cda, "test", Provenance.IMPORTED_FILE, p.id());
            assertThat(chosen.get(0).status()).isEqualTo(Status.STORED);
            assertThat(chosen.get(0).patientId()).isEqualTo(p.id());
            assertThat(f.imports.importFile("doc.xml", cda, "test", Provenance.IMPORTED_FILE, UUID.randomUUID()).get(0).reason())
                    .isEqualTo(WorklistReason.UNKNOWN_PATIENT);
        }
    }

    @Test
    void documentWithoutInsGoesToTheWorklist() throws Exception {
        try (XdsFixture f = new XdsFixture(dir, false)) {
            String text = XdsFixture.utf8(XdsFixture.exampleCda(CS9));
            String withoutIns = text.replaceAll("<id[^>]*root=\"1\\.2\\.250\\.1\\.213\\.1\\.4\\.(8|10)\"[^>]*/>", "")
                    .replaceAll("<id[^>]*extension=\"[^\"]*\"[^>]*root=\"1\\.2\\.250\\.1\\.213\\.1\\.4\\.(8|10)\"[^>]*/>", "");
            assertThat(f.reader.read(withoutIns.getBytes(StandardCharsets.UTF_8)).patient().ins()).isNull();
            ImportOutcome o = importCda(f, withoutIns.getBytes(StandardCharsets.UTF_8));
            assertThat(o.reason()).isEqualTo(WorklistReason.NO_INS);
            assertThat(o.message()).contains("ne porte pas d’INS");
            assertThat(f.worklist.content(o.worklistId())).get().isEqualTo(withoutIns.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void unreadableDocumentGoesToTheWorklist() throws Exception {
        try (XdsFixture f = new XdsFixture(dir, false)) {
            byte[] junk = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>".getBytes(StandardCharsets.UTF_8);
            ImportOutcome o = importCda(f, junk);
            assertThat(o.reason()).isEqualTo(WorklistReason.INVALID_DOCUMENT);
            assertThat(o.message()).startsWith("Le document est illisible").doesNotContain("root:");
            assertThat(f.worklist.content(o.worklistId())).get().isEqualTo(junk);
        }
    }
}
