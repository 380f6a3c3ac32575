package org.caducee.cda.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.caducee.cda.CodedValue;
import org.caducee.cda.InstanceId;
import org.caducee.cda.volets.Vaccination;
import org.caducee.cda.volets.VaccinationNote;
import org.caducee.cda.volets.VaccinationNoteTemplate;
import org.caducee.cda.write.CdaAct;
import org.caducee.cda.write.CdaAuthorship;
import org.caducee.cda.write.CdaDocument;
import org.caducee.cda.write.DocumentContent;
import org.caducee.core.identity.BirthTraits;
import org.caducee.core.identity.Identity;
import org.caducee.core.identity.IdentityDocumentCheck;
import org.caducee.core.identity.IdentityStatus;
import org.caducee.core.identity.Ins;
import org.caducee.core.identity.InsType;
import org.caducee.core.identity.Sex;
import org.caducee.core.patient.Patient;
import org.caducee.core.practice.Practitioner;
import org.caducee.core.practice.Structure;

/** The demonstration documents of {@code cda write-demo}: the ANS test patient PAT-TROIS Dominique (INS-NIR de test). */
final class DemoDocuments {

    private static final String DEMO_ROOT = "1.2.250.1.213.1.1.9.99";

    private DemoDocuments() {
    }

    static CdaDocument document(boolean n1, boolean qualified) {
        OffsetDateTime now = OffsetDateTime.now(ZoneId.of("Europe/Paris")).truncatedTo(ChronoUnit.SECONDS);
        BirthTraits traits = new BirthTraits("PAT-TROIS", List.of("DOMINIQUE", "MARIE-LOUISE"), Sex.FEMALE, LocalDate.of(1979, 3, 28), "51215");
        Identity identity = qualified
                ? new Identity(traits, null, null, Ins.parse("279035121518989", InsType.NIR_TEST), IdentityStatus.QUALIFIEE, Set.of(),
                        new IdentityDocumentCheck(IdentityDocumentCheck.DocumentType.values()[0], "demo", Instant.now()))
                : Identity.provisional(traits, null, null);
        Patient patient = new Patient(UUID.nameUUIDFromBytes("demo-pat-trois".getBytes()), identity, null, null, null, 0);
        CdaAuthorship authorship = CdaAuthorship.generalPractitioner(new Practitioner("10001234567", "MULLER", "Charles", "10", "SM26", null),
                new Structure("demo", "Cabinet médical du Dr MULLER", null, "12345678901234", null));
        String unique = UUID.randomUUID().toString();
        InstanceId id = new InstanceId(DEMO_ROOT + ".1", unique);
        CdaAct act = CdaAct.ambulatory(now, new InstanceId(DEMO_ROOT + ".3", unique));
        InstanceId ipp = new InstanceId(DEMO_ROOT + ".2", "DEMO-1");
        if (n1) {
            return new CdaDocument(id, new InstanceId(DEMO_ROOT + ".4", unique), 1,
                    new CodedValue("11488-4", "2.16.840.1.113883.6.1", "Compte rendu de consultation"), "Compte rendu de consultation",
                    now, "N", patient, ipp, authorship, act, null,
                    new DocumentContent.Unstructured(List.of("Patiente vue ce jour pour un rappel antitétanique.",
                            "Examen clinique sans particularité.")));
        }
        Vaccination vaccination = new Vaccination(now.toLocalDate(),
                new CodedValue("68747507", "1.2.250.1.213.2.3.1",
                        "VACCIN TETANIQUE PASTEUR, suspension injectable en seringue préremplie. Vaccin tétanique adsorbé"),
                new CodedValue("J07AM", "2.16.840.1.113883.6.73", "vaccins tétaniques"), null, "4456672", 2, Vaccination.INTRAMUSCULAR, null);
        return new CdaDocument(id, new InstanceId(DEMO_ROOT + ".4", unique), 1, VaccinationNoteTemplate.NOTE_DE_VACCINATION,
                "Note de vaccination", now, "N", patient, ipp, authorship, act, null,
                new DocumentContent.Structured<>(new VaccinationNoteTemplate(), new VaccinationNote(List.of(vaccination))));
    }
}
