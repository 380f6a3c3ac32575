package org.caducee.store.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.caducee.store.Dialect;
import org.caducee.store.StoreException;
import org.junit.jupiter.api.Test;

/** The repository contract on the PostgreSQL server named by {@code -Dcaducee.test.pg.url=...}; skipped without it. */
class PostgresqlRepositoryTest extends RepositoryContract {

    @Override
    Fixture open(Path dataDir) {
        return Fixture.postgresql(dataDir);
    }

    @Test
    void backupOnPostgresqlTellsToUsePgDump() {
        assertThat(store.database.dialect()).isEqualTo(Dialect.POSTGRESQL);
        assertThat(store.database.url()).doesNotContain("password=" + System.getProperty("caducee.test.pg.password", "§"));
        assertThatThrownBy(() -> store.migrator.backup(dir.resolve("x.zip"))).isInstanceOf(StoreException.class).hasMessageContaining("pg_dump");
    }

    @Test
    void aWrongPasswordIsExplained() {
        java.util.Map<String, String> settings = new java.util.HashMap<>(Fixture.pgSettings(null));
        settings.put("caducee.db.password", "certainement-faux");
        org.caducee.store.internal.DatabaseImpl db = new org.caducee.store.internal.DatabaseImpl(Fixture.installation(dir, settings));
        try {
            assertThatThrownBy(() -> db.withConnection(c -> null)).isInstanceOf(StoreException.class)
                    .hasMessageContaining("mot de passe incorrect").hasMessageNotContaining("certainement-faux");
        } finally {
            db.close();
        }
    }

    @Test
    void aForeignSchemaIsRefused() {
        String schema = "f_" + java.util.UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        store.database.withConnection(c -> {
            try (var s = c.createStatement()) {
                s.execute("CREATE SCHEMA " + schema);
                s.execute("CREATE TABLE " + schema + ".factures (id INTEGER)");
            }
            return null;
        });
        var db = new org.caducee.store.internal.DatabaseImpl(Fixture.installation(dir, Fixture.pgSettings(schema)));
        try {
            var migrator = new org.caducee.store.internal.SchemaMigrator(db, null);
            assertThatThrownBy(() -> migrator.apply(new org.caducee.store.internal.CoreSchema())).isInstanceOf(StoreException.class)
                    .hasMessageContaining("factures").hasMessageContaining("ne viennent pas de Caducée");
        } finally {
            db.close();
            store.database.withConnection(c -> {
                try (var s = c.createStatement()) {
                    s.execute("DROP SCHEMA " + schema + " CASCADE");
                }
                return null;
            });
        }
    }

    @Test
    void migrationsAreNotAppliedTwice() {
        assertThat(store.migrator.migrate()).isEmpty();
        assertThat(store.migrator.history()).extracting(m -> m.version()).containsExactly(1, 2, 3, 4, 5, 6);
    }
}
