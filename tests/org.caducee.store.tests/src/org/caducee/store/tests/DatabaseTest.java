package org.caducee.store.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.caducee.core.installation.Installation;
import org.caducee.core.patient.Patient;
import org.caducee.core.patient.PatientQuery;
import org.caducee.store.AppliedMigration;
import org.caducee.store.SchemaMigrations;
import org.caducee.store.SchemaMigrations.Step;
import org.caducee.store.SchemaReady;
import org.caducee.store.StoreException;
import org.caducee.store.internal.DatabaseImpl;
import org.caducee.store.internal.InstallationImpl;
import org.caducee.store.internal.SchemaMigrator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Installation, database opening, migrations, backup and restore on embedded H2. */
class DatabaseTest {

    @TempDir
    Path dir;

    record Module(String module, List<Step> steps) implements SchemaMigrations {
    }

    static void assertNoStackTrace(Throwable e) {
        assertThat(e.getMessage()).doesNotContain("\tat ").doesNotContain("\n");
    }

    @Test
    void withoutSettingsFileTheInstallationIsASandbox_andSystemPropertiesOverrideTheFile() throws IOException {
        Installation empty = Fixture.installation(dir, Map.of());
        assertThat(empty.sandbox()).isTrue();
        assertThat(empty.setting("db.url")).isEmpty();

        Files.writeString(dir.resolve(Installation.SETTINGS_FILE), "db.user=cabinet\nmssante.address=dr@exemple.mssante.fr\n");
        Installation configured = Fixture.installation(dir, Map.of("caducee.db.user", "autre"));
        assertThat(configured.sandbox()).isFalse();
        assertThat(configured.setting("db.user")).contains("autre");
        assertThat(configured.setting("mssante.address")).contains("dr@exemple.mssante.fr");
        Files.writeString(dir.resolve(Installation.SETTINGS_FILE), "sandbox=true\n");
        assertThat(Fixture.installation(dir, Map.of()).sandbox()).isTrue();
    }

    @Test
    void theDataDirectoryFollowsXdgThenHome() {
        Installation xdg = new InstallationImpl(k -> null, k -> k.equals("XDG_DATA_HOME") ? dir.resolve("xdg").toString() : null);
        assertThat(xdg.dataDir()).isEqualTo(dir.resolve("xdg").resolve("caducee"));
        assertThat(xdg.dataDir()).isDirectory();
        Installation home = new InstallationImpl(k -> k.equals("user.home") ? dir.resolve("home").toString() : null, k -> null);
        assertThat(home.dataDir()).isEqualTo(dir.resolve("home/.local/share/caducee"));
    }

    @Test
    void aConnectionGivenBackWithATransactionOpenIsRolledBack_andAClosedOneRefusesUse() throws Exception {
        try (Fixture store = Fixture.h2(dir)) {
            store.database.withConnection(c -> {
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE TABLE t_pool (a INTEGER)");
                    s.execute("INSERT INTO t_pool (a) VALUES (1)");
                }
                return null;
            });
            java.sql.Connection left = store.database.connection();
            left.setAutoCommit(false);
            try (Statement s = left.createStatement()) {
                s.execute("INSERT INTO t_pool (a) VALUES (2)");
            }
            left.close(); // a caller forgetting its commit: nothing of it may reach the next user
            assertThat(left.isClosed()).isTrue();
            assertThatThrownBy(left::createStatement).isInstanceOf(java.sql.SQLException.class);
            // the same physical connection comes back, in auto-commit, without the abandoned row
            int[] rows = store.database.withConnection(c -> {
                try (Statement s = c.createStatement(); java.sql.ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM t_pool")) {
                    rs.next();
                    return new int[] { rs.getInt(1), c.getAutoCommit() ? 1 : 0 };
                }
            });
            assertThat(rows).containsExactly(1, 1);
            // more borrowers than connections wait for one instead of failing
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(24);
            try {
                List<java.util.concurrent.Future<Integer>> all = new java.util.ArrayList<>();
                for (int i = 0; i < 48; i++) {
                    all.add(pool.submit(() -> store.database.inTransaction(c -> {
                        try (Statement s = c.createStatement()) {
                            return s.executeUpdate("INSERT INTO t_pool (a) VALUES (3)");
                        }
                    })));
                }
                for (java.util.concurrent.Future<Integer> f : all) {
                    int inserted = f.get();
                    assertThat(inserted).isEqualTo(1);
                }
            } finally {
                pool.shutdown();
            }
            int committed = store.database.withConnection(c -> {
                try (Statement s = c.createStatement(); java.sql.ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM t_pool WHERE a = 3")) {
                    rs.next();
                    return rs.getInt(1);
                }
            });
            assertThat(committed).isEqualTo(48);
        }
    }

    @Test
    void migrationsAreAppliedOnceInVersionOrder_andRecorded() {
        try (Fixture store = Fixture.h2(dir)) {
            // steps given out of order: 2 needs 1's table, 3 needs 2's column
            Module m = new Module("test.order", List.of(
                    Step.of(3, "Index", "CREATE INDEX t_order_b ON t_order (b);"),
                    Step.of(1, "Table", "CREATE TABLE t_order (a INTEGER);\nINSERT INTO t_order (a) VALUES (1);"),
                    Step.of(2, "Colonne", "ALTER TABLE t_order ADD COLUMN b INTEGER;")));
            SchemaReady ready = store.migrator.apply(m);
            assertThat(ready.version()).isEqualTo(3);
            assertThat(ready.module()).isEqualTo("test.order");

            store.migrator.addMigrations(m);
            assertThat(store.migrator.migrate()).isEmpty();
            List<AppliedMigration> history = store.migrator.history();
            assertThat(history).filteredOn(a -> a.module().equals("test.order")).extracting(AppliedMigration::version).containsExactly(1, 2, 3);
            assertThat(history).filteredOn(a -> a.module().equals("core")).extracting(AppliedMigration::version).containsExactly(1, 2, 3, 4, 5, 6);
            int rows = store.database.withConnection(c -> {
                try (Statement s = c.createStatement(); var rs = s.executeQuery("SELECT COUNT(*) FROM t_order")) {
                    rs.next();
                    return rs.getInt(1);
                }
            });
            assertThat(rows).isEqualTo(1);

            // a new step in a later release is applied alone
            Module next = new Module("test.order", List.of(m.steps().get(0), m.steps().get(1), m.steps().get(2),
                    Step.of(4, "Données", "INSERT INTO t_order (a, b) VALUES (2, 2);")));
            assertThat(store.migrator.apply(next).version()).isEqualTo(4);
            assertThat(store.migrator.problem()).isEmpty();
        }
    }

    @Test
    void aMigrationChangedAfterItWasAppliedIsRefused() {
        try (Fixture store = Fixture.h2(dir)) {
            store.migrator.apply(new Module("test.sum", List.of(Step.of(1, "Table", "CREATE TABLE t_sum (a INTEGER);"))));
            Module changed = new Module("test.sum", List.of(Step.of(1, "Table", "CREATE TABLE t_sum (a BIGINT);"),
                    Step.of(2, "Suite", "ALTER TABLE t_sum ADD COLUMN b INTEGER;")));

            assertThatThrownBy(() -> store.migrator.apply(changed)).isInstanceOf(StoreException.class)
                    .hasMessageContaining("migration 1 du module « test.sum »").hasMessageContaining("modifiée");
            assertThat(store.migrator.problem()).hasValueSatisfying(p -> assertThat(p).contains("test.sum"));
            assertThat(store.migrator.history()).filteredOn(a -> a.module().equals("test.sum")).hasSize(1);
            // blank lines and indentation are not changes
            assertThat(store.migrator.apply(new Module("test.sum", List.of(Step.of(1, "Table", "\n   CREATE TABLE t_sum (a INTEGER);\n\n")))).version())
                    .isEqualTo(1);
        }
    }

    @Test
    void aFailingMigrationNamesItsModuleAndStopsThere() {
        try (Fixture store = Fixture.h2(dir)) {
            Module broken = new Module("test.broken", List.of(Step.of(1, "Bonne", "CREATE TABLE t_ok (a INTEGER);"),
                    Step.of(2, "Mauvaise", "CREATE TABLE t_ok (a INTEGER);"), Step.of(3, "Après", "CREATE TABLE t_after (a INTEGER);")));
            assertThatThrownBy(() -> store.migrator.apply(broken)).isInstanceOf(StoreException.class)
                    .hasMessageContaining("migration 2 du module « test.broken » (Mauvaise) a échoué");
            assertThat(store.migrator.history()).filteredOn(a -> a.module().equals("test.broken")).extracting(AppliedMigration::version)
                    .containsExactly(1);
        }
    }

    @Test
    void aForeignDatabaseIsRefusedWithAClearMessage() {
        Installation installation = Fixture.installation(dir, Map.of());
        DatabaseImpl foreign = new DatabaseImpl(installation);
        foreign.withConnection(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE invoices (id INTEGER)");
            }
            return null;
        });
        SchemaMigrator migrator = new SchemaMigrator(foreign, null);
        try {
            assertThatThrownBy(() -> migrator.apply(new org.caducee.store.internal.CoreSchema())).isInstanceOf(StoreException.class)
                    .hasMessageContaining("INVOICES").hasMessageContaining("ne viennent pas de Caducée");
            assertThat(migrator.problem()).isPresent();
        } finally {
            foreign.close();
        }
    }

    @Test
    void aCorruptDatabaseFileGivesAMessageNamingTheFile() throws IOException {
        Path file = dir.resolve("db/caducee.mv.db");
        Files.createDirectories(file.getParent());
        byte[] garbage = new byte[64 * 1024];
        new java.util.Random(42).nextBytes(garbage);
        Files.write(file, garbage);
        DatabaseImpl db = new DatabaseImpl(Fixture.installation(dir, Map.of()));
        try {
            assertThatThrownBy(() -> db.withConnection(c -> null)).isInstanceOf(StoreException.class)
                    .hasMessageContaining(file.toString()).hasMessageContaining("endommagé")
                    .satisfies(DatabaseTest::assertNoStackTrace);
        } finally {
            db.close();
        }
    }

    @Test
    void aWrongPasswordIsExplained() {
        DatabaseImpl first = new DatabaseImpl(Fixture.installation(dir, Map.of("caducee.db.password", "secret")));
        first.withConnection(c -> null);
        first.close();
        DatabaseImpl second = new DatabaseImpl(Fixture.installation(dir, Map.of("caducee.db.password", "faux")));
        try {
            assertThatThrownBy(() -> second.withConnection(c -> null)).isInstanceOf(StoreException.class)
                    .hasMessageContaining("mot de passe incorrect").satisfies(DatabaseTest::assertNoStackTrace);
        } finally {
            second.close();
        }
    }

    @Test
    void anUnreachableServerIsExplained() {
        DatabaseImpl db = new DatabaseImpl(Fixture.installation(dir,
                Map.of("caducee.db.url", "jdbc:postgresql://127.0.0.1:1/caducee?password=chut", "caducee.db.user", "caducee")));
        try {
            assertThat(db.url()).doesNotContain("chut");
            assertThatThrownBy(() -> db.withConnection(c -> null)).isInstanceOf(StoreException.class)
                    .hasMessageContaining("injoignable").hasMessageContaining("127.0.0.1:1").hasMessageNotContaining("chut");
        } finally {
            db.close();
        }
    }

    @Test
    void anUnsupportedUrlIsExplained() {
        assertThatThrownBy(() -> new DatabaseImpl(Fixture.installation(dir, Map.of("caducee.db.url", "jdbc:mysql://x/y"))))
                .isInstanceOf(StoreException.class).hasMessageContaining("non prise en charge");
    }

    @Test
    void backupThenRestoreBringsBackTheSavedPatients() throws IOException {
        Path backup = dir.resolve("sauvegardes/caducee.zip");
        try (Fixture store = Fixture.h2(dir.resolve("data"))) {
            Patient kept = store.patients.save(RepositoryContract.patient("Lemaire", "Anaïs", LocalDate.of(1992, 2, 29), null, null));
            assertThat(store.migrator.backup(backup)).isEqualTo(backup).isRegularFile();
            Patient later = store.patients.save(RepositoryContract.patient("Lambert", "Noé", LocalDate.of(2020, 1, 1), null, null));

            store.migrator.restore(backup);

            assertThat(store.patients.find(kept.id())).contains(kept);
            assertThat(store.patients.find(later.id())).isEmpty();
            assertThat(store.patients.search(PatientQuery.parse("lem ana", 10))).containsExactly(kept);
            assertThat(store.migrator.history()).filteredOn(a -> a.module().equals("core")).hasSize(6);
            assertThat(store.patients.save(RepositoryContract.patient("Lambert", "Noé", LocalDate.of(2020, 1, 1), null, null)).version()).isEqualTo(1);
            try (var files = Files.list(dir.resolve("data/db"))) {
                assertThat(files.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("avant-restauration-"));
            }
        }
    }

    @Test
    void aHostileOrBrokenBackupIsRefusedAndTheDataStays() throws IOException {
        Path hostile = dir.resolve("hostile.zip");
        try (OutputStream out = Files.newOutputStream(hostile); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("script.sql"));
            zip.write(("CREATE TABLE caducee_schema_history (module VARCHAR(64));\n"
                    + "CREATE ALIAS EXEC AS 'String exec(String c) throws Exception { return null; }';\n").getBytes(StandardCharsets.UTF_8));
        }
        Path notZip = dir.resolve("pas-une-sauvegarde.zip");
        Files.writeString(notZip, "bonjour");
        try (Fixture store = Fixture.h2(dir.resolve("data"))) {
            Patient p = store.patients.save(RepositoryContract.patient("Sanchez", "Lola", LocalDate.of(1988, 8, 8), null, null));

            assertThatThrownBy(() -> store.migrator.restore(hostile)).isInstanceOf(StoreException.class)
                    .hasMessageContaining("instruction refusée").hasMessageContaining("CREATE ALIAS");
            assertThatThrownBy(() -> store.migrator.restore(notZip)).isInstanceOf(StoreException.class)
                    .hasMessageContaining("n’est pas une sauvegarde Caducée");
            assertThatThrownBy(() -> store.migrator.restore(dir.resolve("absent.zip"))).isInstanceOf(StoreException.class)
                    .hasMessageContaining("introuvable");
            assertThat(store.patients.find(p.id())).contains(p);
        }
    }

    @Test
    void severalConnectionsWorkAtOnce() throws Exception {
        try (Fixture store = Fixture.h2(dir)) {
            var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
            try {
                List<java.util.concurrent.Future<Patient>> futures = new java.util.ArrayList<>();
                for (int i = 0; i < 40; i++) {
                    int n = i;
                    futures.add(pool.submit(() -> store.patients.save(
                            RepositoryContract.patient("Parallèle", "Test" + n, LocalDate.of(1990, 1, 1), null, null))));
                }
                for (var f : futures) {
                    f.get();
                }
            } finally {
                pool.shutdown();
            }
            assertThat(store.patients.count()).isEqualTo(40);
            assertThat(store.patients.search(PatientQuery.parse("parallele", 100))).hasSize(40);
        }
    }
}
