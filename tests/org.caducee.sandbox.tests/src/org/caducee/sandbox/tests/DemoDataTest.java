package org.caducee.sandbox.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.caducee.core.identity.IdentityAttribute;
import org.caducee.core.identity.IdentityStatus;
import org.caducee.core.identity.InsType;
import org.caducee.core.patient.Patient;
import org.caducee.sandbox.DemoData;
import org.caducee.sandbox.DemoData.SeedReport;
import org.caducee.sandbox.DemoPractice;
import org.caducee.sandbox.internal.DemoSeeder;
import org.caducee.security.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DemoDataTest {

    private Fakes.Patients patients;
    private Fakes.Practice practice;
    private Fakes.Accounts accounts;
    private DemoData demo;
    private SeedReport first;

    @BeforeEach
    void seed() {
        patients = new Fakes.Patients();
        practice = new Fakes.Practice();
        accounts = new Fakes.Accounts();
        demo = new DemoSeeder(patients, practice, accounts);
        first = demo.seed();
    }

    private Patient byBirthName(String name, String firstName) {
        return patients.all().stream()
                .filter(p -> p.identity().traits().birthName().equals(name) && p.identity().traits().firstBirthFirstName().equals(firstName))
                .findFirst().orElseThrow(() -> new AssertionError("absent : " + name + " " + firstName));
    }

    @Test
    void givenEmptyStore_whenSeeding_thenEveryDemoItemIsCreatedWithoutWarning() {
        assertThat(first.warnings()).isEmpty();
        assertThat(first.patientsCreated()).isGreaterThanOrEqualTo(20);
        assertThat(patients.count()).isEqualTo(first.patientsCreated());
        assertThat(practice.structures()).singleElement().satisfies(s -> {
            assertThat(s.siret()).isEqualTo(DemoPractice.STRUCTURE_SIRET);
            assertThat(s.finess()).isEqualTo(DemoPractice.STRUCTURE_FINESS);
        });
        assertThat(practice.practitioners()).extracting(p -> p.rpps()).allMatch(r -> r.matches("10\\d{9}"))
                .contains(DemoPractice.DOCTOR_RPPS);
        Map<String, IdentityStatus> statuses = patients.all().stream()
                .collect(Collectors.toMap(p -> p.identity().traits().birthName() + " " + p.identity().traits().firstNamesList(),
                        p -> p.identity().status()));
        assertThat(statuses.values()).contains(IdentityStatus.values());
        assertThat(patients.all()).anyMatch(p -> p.identity().has(IdentityAttribute.HOMONYME))
                .anyMatch(p -> p.identity().has(IdentityAttribute.DOUTEUSE))
                .anyMatch(p -> p.identity().has(IdentityAttribute.FICTIVE));
    }

    @Test
    void givenSeededStore_whenSeedingAgain_thenNothingIsDuplicated() {
        long count = patients.count();
        SeedReport second = demo.seed();
        assertThat(second.patientsCreated()).isZero();
        assertThat(second.patientsPresent()).isEqualTo(count);
        assertThat(second.accountsCreated()).isZero();
        assertThat(second.practitionersCreated()).isZero();
        assertThat(second.structuresCreated()).isZero();
        assertThat(patients.count()).isEqualTo(count);
    }

    @Test
    void givenAnsExamples_thenPatTroisAndDecourcyAreQualifiedWithTheirTestIns() {
        Patient dominique = byBirthName("PAT-TROIS", "DOMINIQUE");
        var id = dominique.identity();
        assertThat(id.status()).isEqualTo(IdentityStatus.QUALIFIEE);
        assertThat(id.ins().value()).isEqualTo("279035121518989");
        assertThat(id.ins().oid()).isEqualTo("1.2.250.1.213.1.4.10");
        assertThat(id.ins().keyValid()).isTrue();
        assertThat(id.traits().birthFirstNames()).containsExactly("DOMINIQUE", "MARIE-LOUISE");
        assertThat(id.traits().birthDate()).isEqualTo(LocalDate.of(1979, 3, 28));
        assertThat(id.traits().birthplaceCode()).isEqualTo("51215");
        assertThat(dominique.address().line()).isEqualTo("28 Avenue de Breteuil");
        assertThat(dominique.address().postalCode()).isEqualTo("75007");

        Patient ruth = byBirthName("DECOURCY", "RUTH");
        assertThat(ruth.identity().status()).isEqualTo(IdentityStatus.QUALIFIEE);
        assertThat(ruth.identity().ins().value()).isEqualTo("221042545611404");
        assertThat(ruth.identity().ins().type()).isEqualTo(InsType.NIR_TEST);
        assertThat(ruth.identity().traits().birthFirstNames()).containsExactly("RUTH", "ISABELLE");
        assertThat(ruth.identity().traits().birthDate()).isEqualTo(LocalDate.of(2021, 4, 25));
        assertThat(ruth.address().line()).isEqualTo("24 Avenue de Breteuil");
    }

    @Test
    void givenCndaIdentities_thenKeysAreLoadedAsPublishedAndHermannIsFlagged() {
        Patient zoe = byBirthName("ADRUN", "ZOE");
        assertThat(zoe.identity().ins().value()).isEqualTo("275126322074974");
        assertThat(zoe.identity().ins().oid()).isEqualTo("1.2.250.1.213.1.4.8");
        assertThat(zoe.identity().ins().keyValid()).isTrue();
        Patient nia = byBirthName("PROVISOIRE", "MATRICULE");
        assertThat(nia.identity().ins().value()).isEqualTo("109076322088835");
        assertThat(nia.identity().ins().oid()).isEqualTo("1.2.250.1.213.1.4.9");
        assertThat(nia.identity().ins().keyValid()).isTrue();
        Patient corse = byBirthName("CORSE", "ANTHONY");
        assertThat(corse.identity().ins().value()).isEqualTo("180032B02040123");
        assertThat(corse.identity().ins().keyValid()).isTrue();
        assertThat(corse.identity().traits().birthplaceCode()).isEqualTo("2B020");
        Patient hermann = byBirthName("HERMANN", "GATIEN");
        assertThat(hermann.identity().ins().value()).isEqualTo("181036322045660");
        assertThat(hermann.identity().ins().keyValid()).isFalse();
        for (String name : List.of("ECETINSI", "DE VINCI", "NESSI")) {
            Patient p = patients.all().stream().filter(x -> x.identity().traits().birthName().equals(name)).findFirst().orElseThrow();
            assertThat(p.identity().ins()).as(name).isNull();
            assertThat(p.identity().status()).as(name).isEqualTo(IdentityStatus.PROVISOIRE);
        }
        assertThat(byBirthName("NESSI", "MICHELANGELO").identity().has(IdentityAttribute.DOUTEUSE)).isTrue();
    }

    @Test
    void givenDemoAccounts_thenTheyAreCreatedWithTheirRolesAndDocumentedPasswords() {
        assertThat(first.accountsCreated()).isEqualTo(3);
        Map<String, DemoData.DemoAccount> byLogin = demo.accounts().stream()
                .collect(Collectors.toMap(DemoData.DemoAccount::login, Function.identity()));
        assertThat(byLogin).containsKeys("medecin", "secretaire", "admin");
        for (var account : demo.accounts()) {
            assertThat(account.password()).hasSizeGreaterThanOrEqualTo(12);
            assertThat(accounts.authenticate(account.login(), account.password().toCharArray())).isPresent();
        }
        assertThat(accounts.find("medecin").orElseThrow().has(Role.MEDECIN)).isTrue();
        assertThat(accounts.find("medecin").orElseThrow().rpps()).isEqualTo(DemoPractice.DOCTOR_RPPS);
        assertThat(accounts.find("secretaire").orElseThrow().has(Role.SECRETAIRE)).isTrue();
        assertThat(accounts.find("admin").orElseThrow().has(Role.ADMINISTRATEUR)).isTrue();
    }
}
