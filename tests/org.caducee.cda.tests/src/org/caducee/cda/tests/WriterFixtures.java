package org.caducee.cda.tests;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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
import org.caducee.core.patient.Address;
import org.caducee.core.patient.Contact;
import org.caducee.core.patient.Patient;
import org.caducee.core.practice.Practitioner;
import org.caducee.core.practice.Structure;

/** Documents a GP writes: one patient with a qualified identity (INS-NIR de test), one without INS. */
final class WriterFixtures {

    static final OffsetDateTime NOW = OffsetDateTime.of(2026, 11, 23, 10, 30, 0, 0, ZoneOffset.ofHours(1));
    static final Ins INS = Ins.parse("279035121518989", InsType.NIR_TEST);
    static final InstanceId IPP = new InstanceId("1.2.250.1.999.2", "IPP-42");

    private WriterFixtures() {
    }

    static BirthTraits traits() {
        return new BirthTraits("PAT-TROIS", List.of("DOMINIQUE", "MARIE-LOUISE"), Sex.FEMALE, LocalDate.of(1979, 3, 28), "51215");
    }

    static Patient qualified() {
        var check = new IdentityDocumentCheck(IdentityDocumentCheck.DocumentType.values()[0], "medecin", Instant.parse("2026-01-05T10:00:00Z"));
        var identity = new Identity(traits(), "MARTIN", null, INS, IdentityStatus.QUALIFIEE, Set.of(), check);
        return new Patient(UUID.nameUUIDFromBytes("qualified".getBytes()), identity,
                new Address("28 avenue de Breteuil", "75007", "PARIS", "FRANCE"), new Contact("01 44 53 45 51", null, null), null, 0);
    }

    static Patient provisional() {
        return new Patient(UUID.nameUUIDFromBytes("provisional".getBytes()), Identity.provisional(traits(), null, null), null, null, null, 0);
    }

    static CdaAuthorship authorship() {
        return CdaAuthorship.generalPractitioner(new Practitioner("10001234567", "MULLER", "Charles", "10", "SM26", null),
                new Structure("s1", "Cabinet médical du Dr MULLER", null, "12345678901234", null));
    }

    static CdaDocument vaccinationNote(Patient patient, String id) {
        var vaccination = new Vaccination(LocalDate.of(2026, 11, 23),
                new CodedValue("68747507", "1.2.250.1.213.2.3.1",
                        "VACCIN TETANIQUE PASTEUR, suspension injectable en seringue préremplie. Vaccin tétanique adsorbé"),
                new CodedValue("J07AM", "2.16.840.1.113883.6.73", "vaccins tétaniques"),
                new CodedValue("3400932857241", "1.2.250.1.213.2.3.2", "VACCIN TETANIQUE PASTEUR 1 seringue préremplie 0,5 ml"),
                "4456672", 2, Vaccination.INTRAMUSCULAR, "Aucune réaction immédiate");
        return new CdaDocument(new InstanceId("1.2.250.1.999.1.1", id), new InstanceId("1.2.250.1.999.1.2", "SET-" + id), 1,
                VaccinationNoteTemplate.NOTE_DE_VACCINATION, "Note de vaccination", NOW, "N", patient, IPP, authorship(),
                CdaAct.ambulatory(NOW, new InstanceId("1.2.250.1.999.3", "ENC-" + id)), null,
                new DocumentContent.Structured<>(new VaccinationNoteTemplate(), new VaccinationNote(List.of(vaccination))));
    }

    static CdaDocument consultationReport(Patient patient, String id) {
        return new CdaDocument(new InstanceId("1.2.250.1.999.1.1", id), new InstanceId("1.2.250.1.999.1.2", "SET-" + id), 1,
                new CodedValue("11488-4", "2.16.840.1.113883.6.1", "Compte rendu de consultation"), "Compte rendu de consultation",
                NOW, "N", patient, IPP, authorship(), CdaAct.ambulatory(NOW, new InstanceId("1.2.250.1.999.3", "ENC-" + id)), null,
                new DocumentContent.Unstructured(List.of("Patiente vue ce jour pour un rappel antitétanique.",
                        "Examen clinique sans particularité. L’état général est conservé.")));
    }
}
