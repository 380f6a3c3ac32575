package org.caducee.store.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.caducee.core.care.CareEpisode;
import org.caducee.core.care.Consent;
import org.caducee.core.document.Channel;
import org.caducee.core.document.DocumentFormat;
import org.caducee.core.document.DuplicateDocumentException;
import org.caducee.core.document.HealthDocument;
import org.caducee.core.document.Provenance;
import org.caducee.core.document.SharingState;
import org.caducee.core.event.CaduceeTopics;
import org.caducee.core.identity.BirthTraits;
import org.caducee.core.identity.Identity;
import org.caducee.core.identity.IdentityAttribute;
import org.caducee.core.identity.IdentityDocumentCheck;
import org.caducee.core.identity.IdentityStatus;
import org.caducee.core.identity.Ins;
import org.caducee.core.identity.InsType;
import org.caducee.core.identity.Sex;
import org.caducee.core.patient.Address;
import org.caducee.core.patient.Contact;
import org.caducee.core.patient.Patient;
import org.caducee.core.patient.PatientQuery;
import org.caducee.core.practice.Practitioner;
import org.caducee.core.practice.Structure;
import org.caducee.store.StoreException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a user notices of the repositories; run on H2 and on PostgreSQL by the subclasses. */
abstract class RepositoryContract {

    @TempDir
    Path dir;
    Fixture store;

    abstract Fixture open(Path dataDir);

    @BeforeEach
    void openStore() {
        store = open(dir);
    }

    @AfterEach
    void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    static Patient patient(String birthName, String firstNames, LocalDate birth, String usedName, String usedFirstName) {
        return Patient.create(Identity.provisional(BirthTraits.of(birthName, firstNames, Sex.FEMALE, birth, "75056"), usedName, usedFirstName),
                null, null, null);
    }

    Patient saved(String birthName, String firstNames, LocalDate birth, String usedName) {
        return store.patients.save(patient(birthName, firstNames, birth, usedName, null));
    }

    List<String> names(String query) {
        return store.patients.search(PatientQuery.parse(query, 20)).stream().map(Patient::displayName).toList();
    }

    @Test
    void givenAQualifiedPatient_whenSavedAndReadBack_thenEveryIdentityFieldIsKept() {
        Ins ins = new Ins("2800175123456", Ins.computeKey("2800175123456"), InsType.NIR_TEST);
        var check = new IdentityDocumentCheck(IdentityDocumentCheck.DocumentType.PASSEPORT, "Accueil Dr Martin",
                Instant.parse("2026-01-02T10:15:30.123456789Z"));
        Identity identity = new Identity(new BirthTraits("Lefèvre", List.of("Hélène", "Marie-Claire"), Sex.FEMALE, LocalDate.of(1980, 1, 17), "2A004"),
                "Dupont", "Léna", ins, IdentityStatus.QUALIFIEE, Set.of(IdentityAttribute.HOMONYME), check);
        Patient p = Patient.create(identity, new Address("3 rue des Lilas", "75011", "Paris", "France"),
                new Contact("01 23 45 67 89", "+33 6 12 34 56 78", "helene@example.org"), "10003456789");

        Patient stored = store.patients.save(p);

        assertThat(stored.version()).isEqualTo(1);
        Patient found = store.patients.find(p.id()).orElseThrow();
        assertThat(found).isEqualTo(stored);
        assertThat(found.identity().traits().birthFirstNames()).containsExactly("HELENE", "MARIE-CLAIRE");
        assertThat(found.identity().ins().oid()).isEqualTo(InsType.NIR_TEST.oid());
        assertThat(found.identity().documentCheck().checkedBy()).isEqualTo("Accueil Dr Martin");
        assertThat(store.patients.findByIns("2800175123456")).containsExactly(stored);
        assertThat(store.patients.count()).isEqualTo(1);
        assertThat(store.events.topics()).containsExactly(CaduceeTopics.PATIENT_CREATED);
    }

    @Test
    void searchMatchesBirthNameUsedNameFirstNamesAndNameParts_ignoringAccentsAndHyphens() {
        saved("Martin-Dupont", "Élodie Marie", LocalDate.of(1980, 3, 12), "Lefèvre");
        saved("Le Gall", "Jean-Pierre", LocalDate.of(1975, 1, 1), null);
        saved("Dupont", "Jean", LocalDate.of(1990, 5, 5), null);
        saved("Dupond", "Anne", LocalDate.of(1980, 3, 12), null);

        assertThat(names("dupont")).containsExactly("DUPONT Jean", "LEFEVRE Elodie");
        assertThat(names("dupon")).containsExactly("DUPOND Anne", "DUPONT Jean", "LEFEVRE Elodie");
        assertThat(names("lefèvre élo")).containsExactly("LEFEVRE Elodie");
        assertThat(names("martin-dupont")).containsExactly("LEFEVRE Elodie");
        assertThat(names("marie")).containsExactly("LEFEVRE Elodie");
        assertThat(names("le-gall")).containsExactly("LE GALL Jean-pierre");
        assertThat(names("legall pierre")).containsExactly("LE GALL Jean-pierre");
        assertThat(names("gall")).containsExactly("LE GALL Jean-pierre");
        assertThat(names("dup 12/03/1980")).containsExactly("DUPOND Anne", "LEFEVRE Elodie");
        assertThat(names("jean dupont")).containsExactly("DUPONT Jean");
        assertThat(names("12/03/1980")).containsExactly("DUPOND Anne", "LEFEVRE Elodie");
        assertThat(names("durand")).isEmpty();
        assertThat(names("")).isEmpty();
    }

    @Test
    void searchByInsFindsOnlyThatPatient() {
        Patient a = saved("Bernard", "Paul", LocalDate.of(1960, 6, 6), null);
        saved("Bernard", "Pierre", LocalDate.of(1961, 6, 6), null);
        Ins ins = new Ins("1600675123456", Ins.computeKey("1600675123456"), InsType.NIR);
        Patient withIns = store.patients.save(a.withIdentity(a.identity().withInsFromInsi(ins, null)).withContact(null, null));

        assertThat(store.patients.search(PatientQuery.parse(ins.value(), 10))).containsExactly(withIns);
        assertThat(names("bernard")).hasSize(2);
    }

    @Test
    void searchIsSortedAndLimited() {
        for (int i = 0; i < 30; i++) {
            saved("Durand", "Prénom" + (char) ('A' + (29 - i) % 26) + i, LocalDate.of(1950 + i, 1, 1), null);
        }
        List<Patient> found = store.patients.search(PatientQuery.parse("durand", 10));
        assertThat(found).hasSize(10);
        assertThat(found).extracting(p -> p.identity().displayFirstName()).isSorted();
    }

    @Test
    void givenAChangedUsedName_thenTheOldNameNoLongerFindsThePatient() {
        Patient p = saved("Moreau", "Claire", LocalDate.of(1985, 2, 2), "Roux");
        Patient renamed = store.patients.save(p.withIdentity(p.identity().withUsedNames("Petit", null)));

        assertThat(renamed.version()).isEqualTo(2);
        assertThat(names("roux")).isEmpty();
        assertThat(names("petit")).containsExactly("PETIT Claire");
        assertThat(names("moreau")).containsExactly("PETIT Claire");
        assertThat(store.events.topics()).containsExactly(CaduceeTopics.PATIENT_CREATED, CaduceeTopics.PATIENT_UPDATED);
    }

    @Test
    void givenTwoWorkstationsEditingTheSamePatient_thenTheSecondSaveIsRefusedWithAClearMessage() {
        Patient p = saved("Girard", "Luc", LocalDate.of(1970, 7, 7), null);
        store.patients.save(p.withTreatingDoctor("10003456789"));

        assertThatThrownBy(() -> store.patients.save(p.withIdentity(p.identity().withUsedNames("Autre", null))))
                .isInstanceOf(StoreException.class).hasMessageContaining("Luc").hasMessageContaining("modifié entre-temps");
        assertThat(store.patients.find(p.id()).orElseThrow().treatingDoctorRpps()).isEqualTo("10003456789");
        assertThatThrownBy(() -> store.patients.save(p.withContact(null, null).withTreatingDoctor(null)).version())
                .isInstanceOf(StoreException.class);
    }

    @Test
    void anIdentityStatusChangeIsAnnounced() {
        Patient p = saved("Faure", "Inès", LocalDate.of(2001, 9, 9), null);
        var check = new IdentityDocumentCheck(IdentityDocumentCheck.DocumentType.CARTE_IDENTITE, "secrétariat", Instant.now());
        Patient validated = store.patients.save(p.withIdentity(p.identity().withDocumentCheck(check)));

        assertThat(validated.identity().status()).isEqualTo(IdentityStatus.VALIDEE);
        assertThat(store.patients.find(p.id()).orElseThrow()).isEqualTo(validated);
        assertThat(store.events.topics()).containsExactly(CaduceeTopics.PATIENT_CREATED, CaduceeTopics.PATIENT_UPDATED,
                CaduceeTopics.IDENTITY_STATUS_CHANGED);
        assertThat(store.events.posted.get(2).getProperty(CaduceeTopics.PROP_PATIENT_ID)).isEqualTo(p.id().toString());
    }

    HealthDocument document(UUID patientId, String uniqueId, String setId, int version, OffsetDateTime act) {
        return new HealthDocument(UUID.randomUUID(), patientId, uniqueId, setId, version, "11488-4", "Compte rendu de consultation",
                "CR v" + version, act, "Dr Martin", DocumentFormat.CDA_N1, Provenance.PRODUCED, null, "N", null);
    }

    @Test
    void documentVersioningFollowsTheCiSisRules() {
        UUID patient = saved("Blanc", "Rose", LocalDate.of(1999, 3, 3), null).id();
        OffsetDateTime t = OffsetDateTime.of(2026, 3, 1, 9, 0, 0, 0, ZoneOffset.UTC);
        HealthDocument v1 = store.documents.add(document(patient, "1.2.250.1.999.1^doc1", "1.2.250.1.999.1^set", 1, t));

        assertThatThrownBy(() -> store.documents.add(document(patient, "1.2.250.1.999.1^doc1", "1.2.250.1.999.1^other", 1, t)))
                .isInstanceOf(DuplicateDocumentException.class).hasMessageContaining("1.2.250.1.999.1^doc1").hasMessageContaining("déjà enregistré");
        assertThatThrownBy(() -> store.documents.add(document(patient, "1.2.250.1.999.1^doc1bis", "1.2.250.1.999.1^set", 1, t)))
                .isInstanceOf(DuplicateDocumentException.class).hasMessageContaining("version 1");

        HealthDocument v3 = store.documents.add(document(patient, "1.2.250.1.999.1^doc3", "1.2.250.1.999.1^set", 3, t.plusDays(2)));
        HealthDocument v2 = store.documents.add(document(patient, "1.2.250.1.999.1^doc2", "1.2.250.1.999.1^set", 2, t.plusDays(1)));
        HealthDocument other = store.documents.add(document(patient, "1.2.250.1.999.1^x", "1.2.250.1.999.1^set2", 1, null));

        assertThat(store.documents.forPatient(patient)).containsExactly(v3, v2, v1, other);
        assertThat(store.documents.latestVersions(patient)).containsExactlyInAnyOrder(v3, other);
        assertThat(store.documents.findByUniqueId("1.2.250.1.999.1^doc2")).contains(v2);
        assertThat(store.documents.find(v1.id())).contains(v1);
        assertThat(store.events.topics()).filteredOn(CaduceeTopics.DOCUMENT_ADDED::equals).hasSize(4);
    }

    @Test
    void sharingStateIsKeptPerChannel() {
        UUID patient = saved("Noir", "Léo", LocalDate.of(2010, 4, 4), null).id();
        HealthDocument d = store.documents.add(document(patient, "1.2.3^a", "1.2.3^s", 1, OffsetDateTime.now(ZoneOffset.UTC)));

        HealthDocument updated = store.documents.updateSharing(d.id(), Channel.DMP, SharingState.PENDING);

        assertThat(updated.sharing(Channel.DMP)).isEqualTo(SharingState.PENDING);
        assertThat(updated.sharing(Channel.MSSANTE)).isEqualTo(SharingState.NOT_SHARED);
        assertThat(store.documents.find(d.id()).orElseThrow()).isEqualTo(updated);
        assertThat(store.events.topics()).contains(CaduceeTopics.DOCUMENT_SHARING_CHANGED);
        assertThatThrownBy(() -> store.documents.updateSharing(UUID.randomUUID(), Channel.DMP, SharingState.SENT))
                .isInstanceOf(StoreException.class).hasMessageContaining("Document inconnu");
    }

    @Test
    void aVersionDeletedAtTheRequestOfItsAuthorIsKeptAndMarked() {
        UUID patient = saved("Gris", "Lou", LocalDate.of(2001, 5, 5), null).id();
        HealthDocument d = store.documents.add(document(patient, "1.2.3^del", "1.2.3^delset", 1, OffsetDateTime.now(ZoneOffset.UTC)));
        assertThat(d.deleted()).isFalse();

        java.time.Instant at = java.time.Instant.parse("2026-11-23T10:15:30.123456Z");
        HealthDocument marked = store.documents.markDeleted(d.id(), at).orElseThrow();

        assertThat(marked.deleted()).isTrue();
        assertThat(marked.deletedAt()).isEqualTo(at);
        assertThat(store.documents.forPatient(patient)).containsExactly(marked);
        assertThat(store.documents.markDeleted(UUID.randomUUID(), at)).isEmpty();
    }

    @Test
    void aDocumentOfAnUnknownPatientIsRefused() {
        assertThatThrownBy(() -> store.documents.add(document(UUID.randomUUID(), "9.9^a", "9.9^s", 1, null)))
                .isInstanceOf(StoreException.class).hasMessageContaining("patient");
    }

    @Test
    void practitionersStructuresEpisodesAndConsentsRoundTrip() {
        Practitioner doc = store.practice.save(new Practitioner("10003456789", "Martin", "Anne", "10", "SM54", "anne.martin@medecin.mssante.fr"));
        store.practice.save(new Practitioner("10003456789", "Martin-Roux", "Anne", "10", "SM54", null));
        store.practice.save(new Practitioner("10001111111", "Abel", null, "10", null, null));
        assertThat(store.practice.findPractitioner(doc.rpps()).orElseThrow().lastName()).isEqualTo("Martin-Roux");
        assertThat(store.practice.practitioners()).extracting(Practitioner::lastName).containsExactly("Abel", "Martin-Roux");

        Structure s = store.practice.save(new Structure(null, "Maison de santé des Lilas", "750012345", null, "SA07"));
        assertThat(s.id()).isEqualTo("1750012345");
        assertThat(store.practice.findStructure("1750012345")).contains(s);
        assertThat(store.practice.structures()).containsExactly(s);

        UUID patient = saved("Roy", "Hugo", LocalDate.of(2015, 5, 5), null).id();
        CareEpisode episode = store.care.save(new CareEpisode(UUID.randomUUID(), patient, "Suivi", LocalDate.of(2026, 1, 1), null));
        store.care.save(new CareEpisode(episode.id(), patient, "Suivi de l'enfant", LocalDate.of(2026, 1, 1), null));
        assertThat(store.care.episodes(patient)).extracting(CareEpisode::label).containsExactly("Suivi de l'enfant");
        assertThat(store.care.consent(episode.id())).isEmpty();
        store.care.save(Consent.defaults(episode.id(), "accueil", Instant.parse("2026-01-01T10:00:00Z")));
        Consent latest = store.care.save(new Consent(episode.id(), true, true, true, "Dr Martin", Instant.parse("2026-02-01T10:00:00.123456789Z")));
        assertThat(store.care.consent(episode.id())).contains(latest);
    }
}
