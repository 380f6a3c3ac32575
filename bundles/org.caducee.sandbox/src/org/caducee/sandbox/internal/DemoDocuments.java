package org.caducee.sandbox.internal;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.caducee.core.document.Channel;
import org.caducee.core.document.DocumentFormat;
import org.caducee.core.document.DocumentRepository;
import org.caducee.core.document.HealthDocument;
import org.caducee.core.document.Provenance;
import org.caducee.core.document.SharingState;
import org.caducee.core.patient.Patient;
import org.caducee.core.patient.PatientRepository;
import org.osgi.framework.Bundle;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;

/**
 * Document records of the demo patients, so that a record shows what a GP sees every day: produced documents
 * shared with the DMP and MSSanté, documents imported from the DMP, received by MSSanté, and a second version.
 * These are records only (metadata). When the documents engine is wired to this bundle, the demo documents marked
 * {@code written} are not created here: {@link DemoDocumentContent} files them with real content (CDA and PDF).
 */
final class DemoDocuments {

    private static final String ROOT = "1.2.250.1.213.1.1.9.99.";
    private static final Set<String> ENGINE_PACKAGES = Set.of("org.caducee.cda", "org.caducee.cda.write", "org.caducee.cda.volets",
            "org.caducee.xds");

    private record Demo(String ins, String uid, String setId, int version, String typeCode, String typeLabel, String title,
            String actDate, String author, DocumentFormat format, Provenance provenance, SharingState dmp, SharingState mss) {

        /** Filed with content by {@link DemoDocumentContent} when the documents engine is there. */
        boolean written() {
            return Set.of("3", "4", "5").contains(uid);
        }
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
    private final boolean engine;

    /** {@code engine}: the documents engine is wired (see {@link #engineWired}). */
    DemoDocuments(PatientRepository patients, DocumentRepository documents, boolean engine) {
        this.patients = patients;
        this.documents = documents;
        this.engine = engine;
    }

    /**
     * Whether the documents engine (writer and import, optional imports of this bundle) is wired to {@code bundle}: then
     * {@link DemoDocumentContentComponent} files the demo documents with content, and this class leaves them out.
     * Loads no class of the engine (this class names none).
     */
    static boolean engineWired(Bundle bundle) {
        BundleWiring wiring = bundle.adapt(BundleWiring.class);
        if (wiring == null) {
            return false;
        }
        Set<String> wired = new HashSet<>();
        for (BundleWire wire : wiring.getRequiredWires(PackageNamespace.PACKAGE_NAMESPACE)) {
            wired.add(String.valueOf(wire.getCapability().getAttributes().get(PackageNamespace.PACKAGE_NAMESPACE)));
        }
        return wired.containsAll(ENGINE_PACKAGES);
    }

    /** Adds the missing demo records; returns how many were created. */
    int seed() {
        int created = 0;
        for (Demo demo : DEMO) {
            if (engine && demo.written()) {
                continue;
            }
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
