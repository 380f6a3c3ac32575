package org.caducee.security.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.caducee.core.audit.AuditEvent;
import org.caducee.security.AccountLockedException;
import org.caducee.security.AccountStatus;
import org.caducee.security.PasswordPolicySettings;
import org.caducee.security.Role;
import org.caducee.security.internal.AccountServiceImpl;
import org.caducee.security.internal.Argon2PasswordHasher;
import org.caducee.security.internal.JdbcAuditTrail;
import org.caducee.security.internal.SecuritySchema;
import org.caducee.testing.H2TestDatabase;
import org.caducee.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The password policy of privileged accounts, the growing lock-out and the traces of the account life cycle. */
class PasswordPolicyLifecycleTest {

    private static final String ADMIN_PASSWORD = "Cle-De-Voute-2026!";
    private static final String USER_PASSWORD = "Cabinet!Lyon7e";

    @TempDir
    Path dir;

    protected TestDatabase newDatabase(Path directory) {
        return new H2TestDatabase(directory);
    }

    private TestDatabase db;
    private MutableClock clock;
    private JdbcAuditTrail audit;
    private AccountServiceImpl accounts;

    @BeforeEach
    void setUp() {
        db = newDatabase(dir).migrate(new SecuritySchema());
        clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));
        audit = new JdbcAuditTrail(db, clock);
        accounts = new AccountServiceImpl(db, audit, new Argon2PasswordHasher(1024, 1, 1), clock, PasswordPolicySettings.DEFAULTS);
        accounts.create("installation", "admin", "Administrateur", EnumSet.of(Role.ADMINISTRATEUR), null, ADMIN_PASSWORD.toCharArray());
    }

    @AfterEach
    void tearDown() {
        if (db != null) {
            db.close();
        }
    }

    @Test
    void aPrivilegedAccountNeedsALongerPasswordThanAnOrdinaryOne_withAFrenchExplanation() {
        String thirteen = "Cabinet!Lyon7";
        assertThat(accounts.passwordProblems("secretariat", Set.of(Role.SECRETAIRE), thirteen)).isEmpty();
        assertThat(accounts.passwordProblems("chef", Set.of(Role.ADMINISTRATEUR), thirteen)).singleElement().asString()
                .contains("administrateur").contains("14 caractères").contains("13");
        assertThatThrownBy(() -> accounts.create("admin", "chef", "Chef", EnumSet.of(Role.ADMINISTRATEUR), null, thirteen.toCharArray()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("Mot de passe refusé");
        assertThat(accounts.passwordProblems("x", Set.of(Role.MEDECIN), "abcdefghijkl")).anyMatch(m -> m.contains("types de caractères"));
    }

    @Test
    void previousPasswordsCannotBeReused_upToTheConfiguredHistory() {
        accounts.create("admin", "jdupont", "Dr Jeanne Dupont", EnumSet.of(Role.MEDECIN), "10101010101", USER_PASSWORD.toCharArray());
        String second = "Stethoscope-Bleu-2026";
        accounts.changeOwnPassword("jdupont", USER_PASSWORD.toCharArray(), second.toCharArray());

        assertThatThrownBy(() -> accounts.changeOwnPassword("jdupont", second.toCharArray(), USER_PASSWORD.toCharArray()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("déjà été utilisé");
        assertThatThrownBy(() -> accounts.changeOwnPassword("jdupont", "Mauvais-Actuel-99".toCharArray(), "Tout-Nouveau-2027!".toCharArray()))
                .hasMessage("Le mot de passe actuel est incorrect.");
        accounts.changeOwnPassword("jdupont", second.toCharArray(), "Tout-Nouveau-2027!".toCharArray());
        assertThat(accounts.authenticate("jdupont", "Tout-Nouveau-2027!".toCharArray())).isPresent();

        PasswordPolicySettings d = accounts.policy();
        accounts.updatePolicy("admin", new PasswordPolicySettings(d.minLength(), d.privilegedMinLength(), d.minClasses(), d.passphraseLength(),
                d.expiryDays(), d.privilegedExpiryDays(), 0, d.maxFailures(), d.lockoutSeconds(), d.maxLockoutSeconds(), d.sessionLockMinutes()));
        accounts.changeOwnPassword("jdupont", "Tout-Nouveau-2027!".toCharArray(), USER_PASSWORD.toCharArray());
    }

    @Test
    void anAdministratorPasswordExpiresAfterTheConfiguredDays_andAResetOneMustBeChanged() {
        assertThat(accounts.status("admin").orElseThrow().passwordChangeRequiredAt(clock.instant())).isFalse();
        clock.advance(Duration.ofDays(366));
        AccountStatus status = accounts.status("admin").orElseThrow();
        assertThat(status.passwordExpiresAt()).isEqualTo(Instant.parse("2027-11-23T10:00:00Z"));
        assertThat(status.passwordChangeRequiredAt(clock.instant())).isTrue();
        assertThat(accounts.authenticate("admin", ADMIN_PASSWORD.toCharArray())).isPresent();
        assertThat(audit.latest(1).get(0).detail()).contains("changement de mot de passe exigé");

        accounts.create("admin", "accueil", "Accueil", EnumSet.of(Role.SECRETAIRE), null, USER_PASSWORD.toCharArray());
        assertThat(accounts.status("accueil").orElseThrow().passwordExpiresAt()).as("comptes ordinaires : pas d’expiration par défaut").isNull();
        accounts.resetPassword("admin", "accueil", "Provisoire-2027!".toCharArray());
        assertThat(accounts.status("accueil").orElseThrow().mustChangePassword()).isTrue();
        accounts.changeOwnPassword("accueil", "Provisoire-2027!".toCharArray(), "Agenda-Du-Matin-2027".toCharArray());
        assertThat(accounts.status("accueil").orElseThrow().passwordChangeRequiredAt(clock.instant())).isFalse();
    }

    @Test
    void repeatedFailuresLockTheAccountForAGrowingDelay_andASuccessResetsIt() {
        accounts.create("admin", "jdupont", "Dr Jeanne Dupont", EnumSet.of(Role.MEDECIN), "10101010101", USER_PASSWORD.toCharArray());
        Instant first = lockOut("jdupont");
        assertThat(first).isEqualTo(clock.instant().plus(Duration.ofMinutes(1)));
        assertThatThrownBy(() -> accounts.authenticate("jdupont", USER_PASSWORD.toCharArray())).isInstanceOf(AccountLockedException.class)
                .hasMessageContaining("verrouillé jusqu’à");

        clock.advance(Duration.ofMinutes(2));
        Instant second = lockOut("jdupont");
        assertThat(second).isEqualTo(clock.instant().plus(Duration.ofMinutes(2)));
        clock.advance(Duration.ofMinutes(3));
        assertThat(lockOut("jdupont")).isEqualTo(clock.instant().plus(Duration.ofMinutes(4)));

        clock.advance(Duration.ofMinutes(5));
        assertThat(accounts.authenticate("jdupont", USER_PASSWORD.toCharArray())).isPresent();
        assertThat(lockOut("jdupont")).as("délai remis à une minute après une connexion réussie").isEqualTo(clock.instant().plus(Duration.ofMinutes(1)));
    }

    private Instant lockOut(String login) {
        for (int i = 0; i < 4; i++) {
            assertThat(accounts.authenticate(login, "Mauvais-Mot-2026!".toCharArray())).isEmpty();
        }
        try {
            accounts.authenticate(login, "Mauvais-Mot-2026!".toCharArray());
        } catch (AccountLockedException e) {
            return e.lockedUntil();
        }
        throw new AssertionError("le compte aurait dû être verrouillé");
    }

    @Test
    void anAdministrativeLockHoldsUntilUnlocked_andTheLastAdministratorCannotBeLockedOrDemoted() {
        accounts.create("admin", "jdupont", "Dr Jeanne Dupont", EnumSet.of(Role.MEDECIN), "10101010101", USER_PASSWORD.toCharArray());
        accounts.lock("admin", "jdupont");
        clock.advance(Duration.ofDays(30));
        assertThatThrownBy(() -> accounts.authenticate("jdupont", USER_PASSWORD.toCharArray())).isInstanceOf(AccountLockedException.class)
                .hasMessageContaining("verrouillé par un administrateur");
        assertThat(accounts.status("jdupont").orElseThrow().lockedAt(clock.instant())).isTrue();
        accounts.unlock("admin", "jdupont");
        assertThat(accounts.authenticate("jdupont", USER_PASSWORD.toCharArray())).isPresent();

        assertThatThrownBy(() -> accounts.lock("admin", "admin")).isInstanceOf(IllegalStateException.class).hasMessageContaining("dernier administrateur");
        assertThatThrownBy(() -> accounts.setRoles("admin", "admin", EnumSet.of(Role.MEDECIN))).hasMessageContaining("dernier administrateur");
    }

    @Test
    void everyLifeCycleEventIsTracedWithWhoAndWhat_neverWithASecret_andTheChainStaysIntact() {
        accounts.create("admin", "jdupont", "Dr Jeanne Dupont", EnumSet.of(Role.MEDECIN), null, USER_PASSWORD.toCharArray());
        accounts.updateAttributes("admin", "jdupont", "Dr Jeanne Dupont-Martin", "10101010101");
        accounts.setRoles("admin", "jdupont", EnumSet.of(Role.MEDECIN, Role.ADMINISTRATEUR));
        accounts.authenticate("jdupont", "Mauvais-Mot-2026!".toCharArray());
        accounts.authenticate("jdupont", USER_PASSWORD.toCharArray());
        accounts.resetPassword("admin", "jdupont", "Provisoire-Longue-2027!".toCharArray());
        accounts.changeOwnPassword("jdupont", "Provisoire-Longue-2027!".toCharArray(), "Nouvelle-Phrase-Longue-2027".toCharArray());
        accounts.lock("admin", "jdupont");
        accounts.unlock("admin", "jdupont");
        PasswordPolicySettings d = accounts.policy();
        accounts.updatePolicy("admin", new PasswordPolicySettings(14, 16, 3, 20, 0, 180, 8, 5, 60, 3600, 5));

        List<AuditEvent> trail = audit.forSubject("jdupont");
        assertThat(trail).extracting(AuditEvent::action).containsExactly(AccountServiceImpl.ACCOUNT_CREATED,
                AccountServiceImpl.ACCOUNT_ATTRIBUTES_CHANGED, AccountServiceImpl.ACCOUNT_ROLES_CHANGED, AccountServiceImpl.LOGIN_FAILED,
                AccountServiceImpl.LOGIN_SUCCEEDED, AccountServiceImpl.PASSWORD_RESET, AccountServiceImpl.PASSWORD_CHANGED,
                AccountServiceImpl.ACCOUNT_LOCKED, AccountServiceImpl.ACCOUNT_UNLOCKED);
        assertThat(trail).extracting(AuditEvent::actor).containsExactly("admin", "admin", "admin", "jdupont", "jdupont", "admin", "jdupont",
                "admin", "admin");
        assertThat(trail.get(1).detail()).contains("Dr Jeanne Dupont", "Dr Jeanne Dupont-Martin", "aucun → 10101010101");
        assertThat(trail.get(2).detail()).contains("MEDECIN → ADMINISTRATEUR,MEDECIN");
        assertThat(audit.forSubject(AccountServiceImpl.POLICY_SUBJECT)).singleElement()
                .satisfies(e -> assertThat(e.detail()).contains("minLength=12").contains("minLength=14"));
        assertThat(accounts.policy().sessionLockMinutes()).isEqualTo(5);
        assertThat(d.sessionLockMinutes()).isEqualTo(10);

        String all = audit.latest(1000).toString();
        for (String secret : List.of(USER_PASSWORD, "Mauvais-Mot-2026!", "Provisoire-Longue-2027!", "Nouvelle-Phrase-Longue-2027", "$argon2")) {
            assertThat(all).doesNotContain(secret);
        }
        assertThat(audit.verify().intact()).isTrue();
    }

    @Test
    void aPolicyOutOfBoundsIsRefusedWithTheSettingNamedInFrench() {
        assertThatThrownBy(() -> accounts.updatePolicy("admin", new PasswordPolicySettings(4, 14, 3, 16, 0, 365, 5, 5, 60, 3600, 10)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Longueur minimale du mot de passe").hasMessageContaining("entre 8 et 64");
        assertThat(accounts.policy()).isEqualTo(PasswordPolicySettings.DEFAULTS);
    }
}
