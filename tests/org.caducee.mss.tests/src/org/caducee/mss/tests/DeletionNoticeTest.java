package org.caducee.mss.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.caducee.cda.CodedValue;
import org.caducee.cda.InstanceId;
import org.caducee.cda.write.CdaAct;
import org.caducee.cda.write.CdaAuthorship;
import org.caducee.cda.write.CdaDocument;
import org.caducee.cda.write.CdaWriter;
import org.caducee.cda.write.DocumentContent;
import org.caducee.core.document.DocumentRepository;
import org.caducee.core.document.HealthDocument;
import org.caducee.core.patient.Patient;
import org.caducee.core.patient.PatientRepository;
import org.caducee.core.practice.Practitioner;
import org.caducee.core.practice.Structure;
import org.caducee.mss.MssReception;
import org.caducee.mss.MssReception.ReceivedItem;
import org.caducee.mss.MssSender;
import org.caducee.sandbox.mss.SandboxMssOperator;
import org.caducee.testing.MssMessages;
import org.caducee.testing.Osgi;
import org.caducee.xds.DocumentVersions;
import org.caducee.xds.XdmArchives;
import org.caducee.xds.XdmSender;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;

/**
 * A correspondent deletes a document already integrated, as the CI-SIS rules say: a new version replacing it (RPLC)
 * whose METADATA.XML carries {@code urn:action:extraMetadataSlot = D}. The reception applies it with the real
 * documents engine: the earlier version is marked deleted (kept), the message carries the notice shown in the
 * Messagerie "Avis" column, and the record lists the document as deleted.
 */
class DeletionNoticeTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** PAT-TROIS Dominique of the demo data, qualified INS. */
    static final String PAT_TROIS_INS = "2790351215189";

    static CdaDocument report(Patient patient, String key) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).withNano(0);
        return new CdaDocument(new InstanceId("1.2.250.1.999.1.1", "MSSDEL-" + key), new InstanceId("1.2.250.1.999.1.2", "SET-MSSDEL-" + key), 1,
                new CodedValue("11502-2", "2.16.840.1.113883.6.1", "CR d’examens biologiques"), "Compte rendu de biologie", now, "N", patient,
                null, CdaAuthorship.generalPractitioner(new Practitioner("10001234567", "MULLER", "Charles", "10", "SM26", null),
                        new Structure("s1", "Laboratoire de biologie médicale (démo)", null, "12345678901234", null)),
                CdaAct.ambulatory(now, new InstanceId("1.2.250.1.999.3", "ENC-" + key)), null,
                new DocumentContent.Unstructured(List.of("Glycémie à jeun : 0,95 g/l.")));
    }

    static byte[] xdmMessage(String messageId, byte[] zip) {
        return MssMessages.xdm(messageId, SandboxMssOperator.ROBOT, SandboxMssOperator.DOCTOR,
                "XDM/1.0/DDM+Compte rendu de biologie PAT-TROIS Dominique 28/03/1979", zip);
    }

    @Test
    void aDeletionSentByTheCorrespondentMarksTheIntegratedDocumentDeletedWithANotice() throws Exception {
        BundleContext context = FrameworkUtil.getBundle(MssSender.class).getBundleContext();
        SandboxMssOperator operator = Osgi.await(context, SandboxMssOperator.class, TIMEOUT);
        PatientRepository patients = Osgi.await(context, PatientRepository.class, TIMEOUT);
        DocumentRepository documents = Osgi.await(context, DocumentRepository.class, TIMEOUT);
        DocumentVersions versions = Osgi.await(context, DocumentVersions.class, TIMEOUT);
        MssReception reception = Osgi.await(context, MssReception.class, TIMEOUT);
        CdaWriter writer = Osgi.await(context, CdaWriter.class, TIMEOUT);
        XdmArchives archives = Osgi.await(context, XdmArchives.class, TIMEOUT);
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while ((patients.findByIns(PAT_TROIS_INS).isEmpty() || operator.imapPort() == 0) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        Patient patTrois = patients.findByIns(PAT_TROIS_INS).get(0);
        reception.poll();

        XdmSender robot = new XdmSender("Laboratoire robot", null, null, SandboxMssOperator.ROBOT, null, "Robot", null, null);
        String key = UUID.randomUUID().toString().substring(0, 8);
        CdaDocument v1 = report(patTrois, key);
        String v1Id = "<del-v1-" + key + "@robot>";
        operator.deliver(SandboxMssOperator.DOCTOR, xdmMessage(v1Id, archives.pack(List.of(writer.write(v1)), robot, Set.of())));
        reception.poll();
        ReceivedItem first = reception.received(500).stream().filter(i -> i.messageId().equals(v1Id)).findFirst().orElseThrow();
        assertThat(first.status()).as(String.valueOf(first.reason())).isEqualTo(MssReception.Status.INTEGRATED);
        UUID integrated = first.documentIds().get(0);
        assertThat(documents.find(integrated).orElseThrow().deleted()).isFalse();

        // the correspondent deletes it: version 2 replaces version 1 and asks for its deletion
        CdaDocument v2 = v1.nextVersion(new InstanceId("1.2.250.1.999.1.1", "MSSDEL-" + key + "-2"), OffsetDateTime.now(ZoneOffset.UTC).withNano(0),
                new DocumentContent.Unstructured(List.of("Document adressé par erreur : supprimé.")));
        String v2Id = "<del-v2-" + key + "@robot>";
        operator.deliver(SandboxMssOperator.DOCTOR, xdmMessage(v2Id, MssMessages.withDeletionSlot(archives.pack(List.of(writer.write(v2)), robot, Set.of()))));
        reception.poll();

        ReceivedItem deletion = reception.received(500).stream().filter(i -> i.messageId().equals(v2Id)).findFirst().orElseThrow();
        assertThat(deletion.status()).as(String.valueOf(deletion.reason())).isEqualTo(MssReception.Status.INTEGRATED);
        assertThat(deletion.patientId()).isEqualTo(patTrois.id());
        assertThat(deletion.notice()).isEqualTo("Suppression demandée par l’émetteur : « Compte rendu de biologie » est marqué supprimé dans le dossier"
                + " (il reste conservé).");
        HealthDocument deleted = documents.find(integrated).orElseThrow();
        assertThat(deleted.deleted()).isTrue();
        assertThat(versions.find(v1.id().value())).hasValueSatisfying(v -> assertThat(v.deleted()).isTrue());
        // kept: still in the patient's record, shown deleted; the Messagerie lists the message for her
        assertThat(documents.forPatient(patTrois.id())).extracting(HealthDocument::id).contains(integrated);
        assertThat(reception.receivedFor(patTrois.id())).extracting(ReceivedItem::messageId).contains(v1Id, v2Id);
    }
}
