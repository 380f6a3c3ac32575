package org.caducee.psc.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.caducee.psc.PscException;
import org.caducee.psc.PscIdentity;
import org.caducee.psc.internal.PscAccountLinkingComponent;
import org.caducee.security.AccountService;
import org.caducee.security.Role;
import org.caducee.security.UserAccount;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** First PSC login: link to the local account with the same RPPS after confirmation, or create one. */
class AccountLinkingTest {

    @TempDir
    Path dataDir;
    private Accounts accounts;
    private Support.RecordingAudit audit;
    private PscAccountLinkingComponent linking;

    @BeforeEach
    void setUp() {
        accounts = new Accounts();
        accounts.create("medecin", "Dr Sophie DURAND", Set.of(Role.MEDECIN), Support.DOCTOR.substring(1), "Stethoscope-Bleu-2026".toCharArray());
        accounts.create("secretaire", "Secrétariat", Set.of(Role.SECRETAIRE), null, "Agenda-Du-Matin-2026".toCharArray());
        audit = new Support.RecordingAudit();
        linking = new PscAccountLinkingComponent(new Support.TestInstallation(dataDir, Map.of()), accounts, audit);
    }

    private static PscIdentity identity(String nationalId, String last, String first, String profession) {
        return new PscIdentity(nationalId, "f:x:" + nationalId, last, first, "eidas1",
                List.of(new PscIdentity.Exercise(profession, "C", null, last, first, List.of())));
    }

    @Test
    void theAccountWithTheSameRpps_isProposed_andLinkedOnlyWithItsPassword() throws Exception {
        PscIdentity doctor = identity(Support.DOCTOR, "DURAND", "SOPHIE", "10");
        assertThat(linking.linkedAccount(doctor)).isEmpty();
        assertThat(linking.candidate(doctor)).get().extracting(UserAccount::login).isEqualTo("medecin");

        PscException wrong = catchThrowableOfType(PscException.class, () -> linking.confirmLink(doctor, "medecin", "mauvais".toCharArray()));
        assertThat(wrong.reason()).isEqualTo(PscException.Reason.DENIED);
        assertThat(wrong.getMessage()).contains("Mot de passe incorrect");
        assertThat(linking.linkedAccount(doctor)).isEmpty();

        PscException other = catchThrowableOfType(PscException.class, () -> linking.confirmLink(doctor, "secretaire", "Agenda-Du-Matin-2026".toCharArray()));
        assertThat(other.getMessage()).contains("même RPPS");

        linking.confirmLink(doctor, "medecin", "Stethoscope-Bleu-2026".toCharArray());
        assertThat(linking.linkedAccount(doctor)).get().extracting(UserAccount::login).isEqualTo("medecin");
        // a later start finds the link without asking again
        PscAccountLinkingComponent later = new PscAccountLinkingComponent(new Support.TestInstallation(dataDir, Map.of()), accounts, audit);
        assertThat(later.linkedAccount(doctor)).get().extracting(UserAccount::login).isEqualTo("medecin");
        assertThat(audit.actions()).containsSubsequence("psc.link.refused", "psc.link.refused", "psc.link");
    }

    @Test
    void aDoctorWithoutLocalAccount_getsOne_butANurseNeedsTheAdministrator() throws Exception {
        PscIdentity second = identity(Support.SECOND_DOCTOR, "LEFEBVRE", "MARC", "10");
        assertThat(linking.candidate(second)).isEmpty();
        UserAccount created = linking.createAccount(second, "mlefebvre", "Tensiometre-Vert-2026".toCharArray());
        assertThat(created.roles()).containsExactly(Role.MEDECIN);
        assertThat(created.rpps()).isEqualTo(Support.SECOND_DOCTOR.substring(1));
        assertThat(linking.linkedAccount(second)).get().extracting(UserAccount::login).isEqualTo("mlefebvre");

        PscException nurse = catchThrowableOfType(PscException.class,
                () -> linking.createAccount(identity(Support.NURSE, "BLANC", "JULIE", "60"), "jblanc", "Pansement-Blanc-2026".toCharArray()));
        assertThat(nurse.getMessage()).contains("administrateur");
    }

    /** In-memory accounts (the real service is tested in the security bundle). */
    static final class Accounts extends org.caducee.testing.InMemoryAccountService {
    }
}
