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
    void migrationsAreNotAppliedTwice() {
        assertThat(store.migrator.migrate()).isEmpty();
        assertThat(store.migrator.history()).extracting(m -> m.version()).containsExactly(1, 2, 3, 4, 5);
    }
}
