package org.caducee.outbox.tests;

import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;

/** The same tests on PostgreSQL; skipped unless {@code -Dcaducee.test.pg.url=jdbc:postgresql://...} is given. */
class PostgresOutboxServiceTest extends OutboxServiceTest {

    @Override
    protected TestDatabase newDatabase(Path directory) {
        String url = TestDatabase.postgresUrl();
        Assumptions.assumeTrue(url != null, "caducee.test.pg.url non renseigné : tests PostgreSQL ignorés");
        return new PgTestDatabase(url);
    }
}
