package org.caducee.security.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

import org.caducee.core.audit.AuditEvent;
import org.caducee.security.AccountLockedException;
import org.caducee.security.Role;
import org.caducee.security.UserAccount;
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

class AccountServiceTest {

    private static final String PASSWORD = "Cabinet!Lyon7e";

    @TempDir
    Path dir;

    private TestDatabase db;

    /** The database under test: H2 here, PostgreSQL in the {@code Postgres*} subclasses. */
    protected TestDatabase newDatabase(Path directory) {
        return new H2TestDatabase(directory);
    }
    private MutableClock clock;
    private JdbcAuditTrail audit;
    private AccountServiceImpl accounts;

    @AfterEach
    void closeDatabase() {
        if (db != null) {
            db.close();
        }
    }

    @BeforeEach
    void setUp() {
        db = newDatabase(dir).migrate(new SecuritySchema());
        clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));
        audit = JdbcAuditTrail.create(db, clock);
        accounts = new AccountServiceImpl(db, audit, new Argon2PasswordHasher(1024, 1, 1), clock, 5, Duration.ofMinutes(1));
    }

    @Test
    void givenANewAccountWhenLoggingInWithItsPasswordThenTheAccountIsReturnedAndTheSuccessAudited() {
        UserAccount created = accounts.create("JDupont", "Dr Jeanne Dupont", EnumSet.of(Role.MEDECIN), "10101010101", PASSWORD.toCharArray());

        assertThat(created.login()).isEqualTo("jdupont");
        assertThat(accounts.authenticate("jdupont", PASSWORD.toCharArray())).contains(created);
        assertThat(accounts.find("JDUPONT")).contains(created);
        assertThat(accounts.list()).containsExactly(created);
        assertThat(audit.forSubject("jdupont")).extracting(AuditEvent::action)
                .containsExactly(AccountServiceImpl.ACCOUNT_CREATED, AccountServiceImpl.LOGIN_SUCCEEDED);
        assertThat(db.<String>withConnection(c -> {
            try (var rs = c.createStatement().executeQuery("SELECT password_hash FROM caducee_user")) {
                rs.next();
                return rs.getString(1);
            }
        })).startsWith("$argon2id$").doesNotContain(PASSWORD);
    }

    @Test
    void failuresAreAuditedWithoutEverRecordingThePassword() {
        accounts.create("secretariat", "Accueil", EnumSet.of(Role.SECRETAIRE), null, PASSWORD.toCharArray());

        assertThat(accounts.authenticate("secretariat", "Mauvais-Mot-2026".toCharArray())).isEmpty();
        assertThat(accounts.authenticate("inconnu", "Mauvais-Mot-2026".toCharArray())).isEmpty();

        assertThat(audit.latest(10)).extracting(AuditEvent::action).contains(AccountServiceImpl.LOGIN_FAILED);
        assertThat(audit.latest(10)).allSatisfy(e -> {
            assertThat(e.detail()).doesNotContain("Mauvais").doesNotContain(PASSWORD);
            assertThat(e.subject()).doesNotContain("Mauvais");
        });
        assertThat(audit.forSubject("inconnu")).singleElement().satisfies(e -> assertThat(e.detail()).isEqualTo("compte inconnu"));
    }

    @Test
    void givenFiveFailuresThenTheAccountIsLockedForAMinuteWithAClearMessageEvenForTheRightPassword() {
        accounts.create("jdupont", "Dr Jeanne Dupont", EnumSet.of(Role.MEDECIN), null, PASSWORD.toCharArray());
        for (int i = 0; i < 4; i++) {
            assertThat(accounts.authenticate("jdupont", "Faux-Mot-De-Passe1".toCharArray())).isEmpty();
        }
        assertThatThrownBy(() -> accounts.authenticate("jdupont", "Faux-Mot-De-Passe1".toCharArray()))
                .isInstanceOf(AccountLockedException.class).hasMessageContaining("verrouillé").hasMessageContaining("60 seconde");

        clock.advance(Duration.ofSeconds(30));
        assertThatThrownBy(() -> accounts.authenticate("jdupont", PASSWORD.toCharArray()))
                .isInstanceOfSatisfying(AccountLockedException.class, e -> {
                    assertThat(e.lockedUntil()).isEqualTo(Instant.parse("2026-11-23T10:01:00Z"));
                    assertThat(e.getMessage()).contains("Trop de tentatives").contains("30 seconde");
                });

        clock.advance(Duration.ofSeconds(31));
        assertThat(accounts.authenticate("jdupont", PASSWORD.toCharArray())).isPresent();
        assertThat(audit.forSubject("jdupont")).extracting(AuditEvent::action).contains(AccountServiceImpl.ACCOUNT_LOCKED,
                AccountServiceImpl.LOGIN_REFUSED_LOCKED);
    }

    @Test
    void aSuccessResetsTheFailureCounterAndAnAdministratorCanUnlock() {
        accounts.create("jdupont", "Dr Jeanne Dupont", EnumSet.of(Role.MEDECIN), null, PASSWORD.toCharArray());
        for (int i = 0; i < 4; i++) {
            accounts.authenticate("jdupont", "Faux-Mot-De-Passe1".toCharArray());
        }
        assertThat(accounts.authenticate("jdupont", PASSWORD.toCharArray())).isPresent();
        for (int i = 0; i < 4; i++) {
            assertThat(accounts.authenticate("jdupont", "Faux-Mot-De-Passe1".toCharArray())).isEmpty();
        }
        assertThatThrownBy(() -> accounts.authenticate("jdupont", "x".toCharArray())).isInstanceOf(AccountLockedException.class);

        accounts.unlock("jdupont");
        assertThat(accounts.authenticate("jdupont", PASSWORD.toCharArray())).isPresent();
    }

    @Test
    void deactivatedAccountsCannotLogIn() {
        accounts.create("remplacant", "Dr Remplaçant", Set.of(Role.MEDECIN), null, PASSWORD.toCharArray());
        accounts.setActive("remplacant", false);

        assertThat(accounts.authenticate("remplacant", PASSWORD.toCharArray())).isEmpty();
        assertThat(accounts.find("remplacant")).hasValueSatisfying(a -> assertThat(a.active()).isFalse());
    }

    @Test
    void weakPasswordsDuplicatesAndBadRppsAreRefusedInFrench() {
        assertThatThrownBy(() -> accounts.create("jdupont", "Dr Dupont", Set.of(Role.MEDECIN), null, "court".toCharArray()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("Mot de passe refusé");
        assertThatThrownBy(() -> accounts.create("jdupont", "Dr Dupont", Set.of(Role.MEDECIN), "123", PASSWORD.toCharArray()))
                .hasMessageContaining("RPPS");
        assertThatThrownBy(() -> accounts.create("jdupont", "Dr Dupont", Set.of(), null, PASSWORD.toCharArray()))
                .hasMessageContaining("rôle");
        accounts.create("jdupont", "Dr Dupont", Set.of(Role.MEDECIN, Role.ADMINISTRATEUR), null, PASSWORD.toCharArray());
        assertThatThrownBy(() -> accounts.create("JDUPONT", "Dr Dupont", Set.of(Role.MEDECIN), null, PASSWORD.toCharArray()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("existe déjà");
        assertThat(accounts.find("jdupont")).hasValueSatisfying(a -> assertThat(a.roles()).containsExactlyInAnyOrder(Role.MEDECIN, Role.ADMINISTRATEUR));
    }

    @Test
    void changingThePasswordAppliesThePolicyAndTheNewPasswordWorks() {
        accounts.create("jdupont", "Dr Dupont", Set.of(Role.MEDECIN), null, PASSWORD.toCharArray());
        assertThatThrownBy(() -> accounts.changePassword("jdupont", "jdupont-Lyon-2026".toCharArray())).hasMessageContaining("identifiant");

        accounts.changePassword("jdupont", "Nouveau#Cabinet9".toCharArray());

        assertThat(accounts.authenticate("jdupont", PASSWORD.toCharArray())).isEmpty();
        assertThat(accounts.authenticate("jdupont", "Nouveau#Cabinet9".toCharArray())).isPresent();
        assertThat(accounts.passwordProblems("jdupont", "jdupont-Lyon-2026")).isNotEmpty();
    }
}
