package org.caducee.security.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;

import org.caducee.core.audit.AuditEvent;
import org.caducee.security.Role;
import org.caducee.security.internal.AccountServiceImpl;
import org.caducee.security.internal.Argon2PasswordHasher;
import org.caducee.security.internal.BackupServiceImpl;
import org.caducee.security.internal.JdbcAuditTrail;
import org.caducee.security.internal.ScheduledBackup;
import org.caducee.security.internal.SecuritySchema;
import org.caducee.security.internal.SessionGuardImpl;
import org.caducee.testing.H2TestDatabase;
import org.caducee.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Session lock and unlock, forced re-authentication, administrator checks; and the scheduled backup with its retention. */
class SessionGuardTest {

    private static final String PASSWORD = "Cabinet!Lyon7e";
    private static final String ADMIN_PASSWORD = "Cle-De-Voute-2026!";

    @TempDir
    Path dir;

    private TestDatabase db;
    private MutableClock clock;
    private JdbcAuditTrail audit;
    private AccountServiceImpl accounts;
    private SessionGuardImpl guard;

    @BeforeEach
    void setUp() {
        db = new H2TestDatabase(dir.resolve("db")).migrate(new SecuritySchema());
        clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));
        audit = new JdbcAuditTrail(db, clock);
        accounts = new AccountServiceImpl(db, audit, new Argon2PasswordHasher(1024, 1, 1), clock, 5, Duration.ofMinutes(1));
        accounts.create("installation", "admin", "Administrateur", EnumSet.of(Role.ADMINISTRATEUR), null, ADMIN_PASSWORD.toCharArray());
        accounts.create("admin", "jdupont", "Dr Jeanne Dupont", EnumSet.of(Role.MEDECIN), "10101010101", PASSWORD.toCharArray());
        guard = new SessionGuardImpl(accounts, audit);
    }

    @AfterEach
    void tearDown() {
        if (db != null) {
            db.close();
        }
    }

    @Test
    void aLockedSessionOpensAgainOnlyWithTheUsersPassword_andEveryStepIsTraced() {
        assertThatThrownBy(() -> guard.login("jdupont", "Mauvais-Mot-2026!".toCharArray())).hasMessage("Identifiant ou mot de passe incorrect.");
        guard.login("jdupont", PASSWORD.toCharArray());
        assertThat(guard.idleTimeout()).isEqualTo(Duration.ofMinutes(10));
        guard.lock("inactivité");
        assertThat(guard.locked()).isTrue();
        assertThat(guard.unlock("Mauvais-Mot-2026!".toCharArray())).isFalse();
        assertThat(guard.locked()).isTrue();
        assertThat(guard.unlock(PASSWORD.toCharArray())).isTrue();
        assertThat(guard.locked()).isFalse();
        assertThat(guard.reauthenticate("administration des comptes", "faux".toCharArray())).isFalse();
        assertThat(guard.reauthenticate("administration des comptes", PASSWORD.toCharArray())).isTrue();
        guard.logout();
        assertThat(guard.user()).isEmpty();

        List<String> actions = audit.forSubject("jdupont").stream().map(AuditEvent::action).toList();
        assertThat(actions).containsSubsequence(SessionGuardImpl.SESSION_OPENED, SessionGuardImpl.SESSION_LOCKED,
                SessionGuardImpl.SESSION_UNLOCK_FAILED, SessionGuardImpl.SESSION_UNLOCKED, SessionGuardImpl.REAUTHENTICATION_FAILED,
                SessionGuardImpl.REAUTHENTICATED, SessionGuardImpl.SESSION_CLOSED);
        assertThat(audit.verify().intact()).isTrue();
    }

    @Test
    void onlyAnAdministratorWithTheRightPasswordPassesTheAdministratorCheck() {
        assertThat(guard.requireAdministrator("admin", ADMIN_PASSWORD.toCharArray(), "restauration").login()).isEqualTo("admin");
        assertThatThrownBy(() -> guard.requireAdministrator("jdupont", PASSWORD.toCharArray(), "restauration"))
                .isInstanceOf(SecurityException.class).hasMessageContaining("n’est pas administrateur");
        assertThatThrownBy(() -> guard.requireAdministrator("admin", "faux".toCharArray(), "restauration"))
                .isInstanceOf(SecurityException.class).hasMessageContaining("incorrect");
    }

    @Test
    void theScheduledBackupWritesAnArchiveEachRun_keepsTheNewestOnes_andTracesItsWork() throws Exception {
        Path folder = dir.resolve("sauvegardes");
        Path passphrase = dir.resolve("phrase.txt");
        Files.writeString(passphrase, "phrase de passe planifiée 2026\n");
        BackupServiceImpl backups = new BackupServiceImpl(db, audit, clock, 1024, 1);
        MutableClock local = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));
        ScheduledBackup scheduled = new ScheduledBackup(backups, audit, local,
                new ScheduledBackup.Settings(folder, java.time.LocalTime.of(12, 30), 2, passphrase), false);
        for (int i = 0; i < 3; i++) {
            assertThat(scheduled.runOnce()).isPresent();
            local.advance(Duration.ofDays(1));
        }
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList()).containsExactly("caducee-20261124-100000.cdbk",
                    "caducee-20261125-100000.cdbk");
        }
        assertThat(backups.verify(folder.resolve("caducee-20261125-100000.cdbk"), "phrase de passe planifiée 2026".toCharArray()).rows())
                .isPositive();
        assertThat(audit.forSubject(BackupServiceImpl.SUBJECT)).extracting(AuditEvent::action).containsExactly(BackupServiceImpl.BACKUP_CREATED,
                BackupServiceImpl.BACKUP_CREATED, BackupServiceImpl.BACKUP_CREATED, "BACKUP_PRUNED");

        ScheduledBackup without = new ScheduledBackup(backups, audit, local, new ScheduledBackup.Settings(folder, java.time.LocalTime.NOON, 2, null),
                false);
        assertThat(without.runOnce()).isEmpty();
        assertThat(audit.latest(1).get(0).action()).isEqualTo(BackupServiceImpl.BACKUP_FAILED);
        assertThat(audit.latest(1).get(0).detail()).contains("backup.passphrase.file");
    }
}
