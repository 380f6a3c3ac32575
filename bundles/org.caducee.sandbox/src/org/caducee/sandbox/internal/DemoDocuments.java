package org.caducee.sandbox.internal;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.caducee.core.document.Channel;
import org.caducee.core.document.DocumentFormat;
import org.caducee.core.document.DocumentRepository;
import org.caducee.core.document.HealthDocument;
import org.caducee.core.document.Provenance;
import org.caducee.core.document.SharingState;
import org.caducee.core.patient.Patient;
import org.caducee.core.patient.PatientRepository;

/**
 * Document records of the demo patients, so that a record shows what a GP sees every day: produced documents
 * shared with the DMP and MSSanté, documents imported from the DMP, received by MSSanté, and a second version.
 * Only records (metadata) are created; their content arrives with the documents engine.
 */
final class DemoDocuments {

    private static final String ROOT = "1.2.250.1.213.1.1.9.99.";

    private record Demo(String ins, String uid, String setId, int version, String typeCode, String typeLabel, String title,
            String actDate, String author, DocumentFormat format, Provenance provenance, SharingState dmp, SharingState mss) {
    }

    private static final List<Demo> DEMO = List.of(
            new Demo("2790351215189", "1", "1", 1, "60591-5", "Synthèse médicale", "Synthèse médicale (VSM)", "2026-10-02T10:15",
                    "Dr Sophie DURAND", DocumentFormat.CDA_N3, Provenance.PRODUCED, SharingState.SENT, SharingState.SENT),
            new Demo("2790351215189", "2", "2", 1, "11502-2", "CR d'examens biologiques", "TSH – Laboratoire des Lilas", "2026-09-18T08:40",
                    "Laboratoire des Lilas", DocumentFormat.CDA_N3, Provenance.IMPORTED_DMP, SharingState.NOT_SHARED, SharingState.NOT_SHARED),
            new Demo("2790351215189", "3", "3", 1, "87273-9", "Note de vaccination", "Grippe saisonnière 2026-2027", "2026-10-20T17:05",
                    "Pharmacie du Marché", DocumentFormat.CDA_N3, Provenance.RECEIVED_MSSANTE, SharingState.NOT_SHARED, SharingState.NOT_SHARED),
            new Demo("2790351215189", "4", "4", 1, "11488-4", "Compte rendu de consultation", "Consultation de suivi", "2026-06-11T14:30",
                    "Dr Sophie DURAND", DocumentFormat.CDA_N1, Provenance.PRODUCED, SharingState.SENT, SharingState.NOT_SHARED),
            new Demo("2790351215189", "5", "4", 2, "11488-4", "Compte rendu de consultation", "Consultation de suivi (corrigé)", "2026-06-11T14:30",
                    "Dr Sophie DURAND", DocumentFormat.CDA_N1, Provenance.PRODUCED, SharingState.PENDING, SharingState.NOT_SHARED),
            new Demo("2210425456114", "6", "6", 1, "83834-2", "Certificat de santé du 24e mois", "Certificat du 24e mois (CS24)", "2023-04-27T11:00",
                    "Dr Sophie DURAND", DocumentFormat.CDA_N3, Provenance.PRODUCED, SharingState.SENT, SharingState.NOT_SHARED));

    private final PatientRepository patients;
    private final DocumentRepository documents;

    DemoDocuments(PatientRepository patients, DocumentRepository documents) {
        this.patients = patients;
        this.documents = documents;
    }

    /** Adds the missing demo records; returns how many were created. */
    int seed() {
        int created = 0;
        for (Demo demo : DEMO) {
            String uniqueId = ROOT + demo.uid();
            if (documents.findByUniqueId(uniqueId).isPresent()) {
                continue;
            }
            List<Patient> owners = patients.findByIns(demo.ins());
            if (owners.isEmpty()) {
                continue;
            }
            OffsetDateTime act = OffsetDateTime.of(java.time.LocalDateTime.parse(demo.actDate()), ZoneOffset.ofHours(2));
            documents.add(new HealthDocument(UUID.randomUUID(), owners.get(0).id(), uniqueId, ROOT + "set." + demo.setId(),
                    demo.version(), demo.typeCode(), demo.typeLabel(), demo.title(), act, demo.author(), demo.format(),
                    demo.provenance(), Map.of(Channel.DMP, demo.dmp(), Channel.MSSANTE, demo.mss()), "N", null));
            created++;
        }
        return created;
    }
}
