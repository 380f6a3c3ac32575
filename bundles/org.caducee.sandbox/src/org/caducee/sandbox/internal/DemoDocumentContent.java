package org.caducee.sandbox.internal;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.caducee.cda.CdaHeaderReader;
import org.caducee.cda.CodedValue;
import org.caducee.cda.InstanceId;
import org.caducee.cda.volets.Vaccination;
import org.caducee.cda.volets.VaccinationNote;
import org.caducee.cda.volets.VaccinationNoteTemplate;
import org.caducee.cda.write.CdaAct;
import org.caducee.cda.write.CdaAuthorship;
import org.caducee.cda.write.CdaDocument;
import org.caducee.cda.write.CdaWriter;
import org.caducee.cda.write.DocumentContent;
import org.caducee.core.document.Channel;
import org.caducee.core.document.DocumentRepository;
import org.caducee.core.document.HealthDocument;
import org.caducee.core.document.Provenance;
import org.caducee.core.document.SharingState;
import org.caducee.core.patient.Patient;
import org.caducee.core.patient.PatientRepository;
import org.caducee.xds.DocumentVersions;

/**
 * The demo documents that have content, written by the documents engine for PAT-TROIS Dominique: a consultation report
 * (CDA N1 whose body is its PDF/A-1 copy) in two versions, and a note de vaccination (VAC-NOTE, N3). Like a document
 * the practice produces, each is written, read back into its core record ({@link CdaHeaderReader}) with the sharing
 * state the demo shows, and stored with its bytes by {@link DocumentVersions} (the versioning rules apply; no
 * receive-side check, so the demo does not depend on the ANS kit being installed). Idempotent: a document whose id is
 * stored is left alone.
 */
final class DemoDocumentContent {

    static final String PATIENT_INS = "2790351215189";
    private static final String ROOT = "1.2.250.1.213.1.1.9.99";
    private static final ZoneOffset PARIS_SUMMER = ZoneOffset.ofHours(2);

    /** One demo document and the sharing state it is shown with. */
    record Demo(CdaDocument document, SharingState dmp, SharingState mss) {
    }

    private final PatientRepository patients;
    private final DocumentRepository documents;
    private final DocumentVersions versions;
    private final CdaWriter writer;
    private final CdaHeaderReader reader;

    DemoDocumentContent(PatientRepository patients, DocumentRepository documents, DocumentVersions versions, CdaWriter writer,
            CdaHeaderReader reader) {
        this.patients = patients;
        this.documents = documents;
        this.versions = versions;
        this.writer = writer;
        this.reader = reader;
    }

    /** Files the missing demo documents; returns the French reasons of those that could not be filed. */
    List<String> seed() {
        List<String> problems = new ArrayList<>();
        List<Patient> owners = patients.findByIns(PATIENT_INS);
        if (owners.isEmpty()) {
            return problems;
        }
        Patient patient = owners.get(0);
        for (Demo demo : demos(patient)) {
            CdaDocument document = demo.document();
            if (documents.findByUniqueId(document.id().value()).isPresent()) {
                continue;
            }
            try {
                byte[] cda = writer.write(document);
                HealthDocument record = reader.read(cda).toHealthDocument(UUID.randomUUID(), patient.id(), Provenance.PRODUCED)
                        .withSharing(Channel.DMP, demo.dmp()).withSharing(Channel.MSSANTE, demo.mss());
                versions.store(record, cda, "text/xml", "CDA", "démo (bac à sable)");
            } catch (RuntimeException e) {
                problems.add(Messages.get("demo.documentFailed", document.title(), e.getMessage()));
            }
        }
        return problems;
    }

    /** The demo documents of {@code patient}, in filing order (package-private for tests). */
    static List<Demo> demos(Patient patient) {
        CdaAuthorship authorship = CdaAuthorship.generalPractitioner(DemoCatalog.practitioners().get(0), DemoCatalog.structure());
        InstanceId ipp = new InstanceId(ROOT + ".2", "DEMO-PAT-TROIS");

        OffsetDateTime consultation = OffsetDateTime.of(2026, 6, 11, 14, 30, 0, 0, PARIS_SUMMER);
        CdaDocument report = new CdaDocument(new InstanceId(ROOT + ".1.4", null), new InstanceId(ROOT + ".100.4", null), 1,
                new CodedValue("11488-4", "2.16.840.1.113883.6.1", "Compte rendu de consultation"), "Consultation de suivi",
                consultation, "N", patient, ipp, authorship, CdaAct.ambulatory(consultation, new InstanceId(ROOT + ".3.4", null)), null,
                new DocumentContent.Unstructured(List.of(
                        "Motif : consultation de suivi d'une hypothyroïdie traitée par lévothyroxine 75 µg par jour.",
                        "Examen : poids 64 kg, tension artérielle 124/78 mmHg, fréquence cardiaque 72/min. Pas de goitre palpable.",
                        "Biologie : TSH à 2,1 mUI/L (laboratoire des Lilas), dans les valeurs de référence.",
                        "Conclusion : traitement inchangé. Prochain contrôle de la TSH dans six mois.")));
        OffsetDateTime correction = consultation.plusHours(2);
        CdaDocument corrected = new CdaDocument(new InstanceId(ROOT + ".1.5", null), report.setId(), 2, report.type(),
                "Consultation de suivi (corrigé)", correction, "N", patient, ipp, authorship, report.act(), report.id(),
                new DocumentContent.Unstructured(List.of(
                        "Motif : consultation de suivi d'une hypothyroïdie traitée par lévothyroxine 75 µg par jour.",
                        "Examen : poids 64 kg, tension artérielle 124/78 mmHg, fréquence cardiaque 72/min. Pas de goitre palpable.",
                        "Biologie : TSH à 2,1 mUI/L (laboratoire des Lilas), dans les valeurs de référence.",
                        "Conclusion : traitement inchangé. Prochain contrôle de la TSH dans un an (correction : et non six mois).")));

        OffsetDateTime injection = OffsetDateTime.of(2026, 10, 20, 17, 5, 0, 0, PARIS_SUMMER);
        Vaccination tetanus = new Vaccination(LocalDate.of(2026, 10, 20),
                new CodedValue("68747507", "1.2.250.1.213.2.3.1",
                        "VACCIN TETANIQUE PASTEUR, suspension injectable en seringue préremplie. Vaccin tétanique adsorbé"),
                new CodedValue("J07AM", "2.16.840.1.113883.6.73", "vaccins tétaniques"), null, "4456672", 3, Vaccination.INTRAMUSCULAR,
                "Rappel de l'adulte.");
        CdaDocument note = new CdaDocument(new InstanceId(ROOT + ".1.3", null), new InstanceId(ROOT + ".100.3", null), 1,
                VaccinationNoteTemplate.NOTE_DE_VACCINATION, "Rappel antitétanique", injection, "N", patient, ipp, authorship,
                CdaAct.ambulatory(injection, new InstanceId(ROOT + ".3.3", null)), null,
                new DocumentContent.Structured<>(new VaccinationNoteTemplate(), new VaccinationNote(List.of(tetanus))));

        return List.of(new Demo(report, SharingState.SENT, SharingState.NOT_SHARED),
                new Demo(corrected, SharingState.PENDING, SharingState.NOT_SHARED),
                new Demo(note, SharingState.NOT_SHARED, SharingState.NOT_SHARED));
    }
}
