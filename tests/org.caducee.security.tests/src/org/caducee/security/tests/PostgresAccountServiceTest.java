package org.caducee.security.tests;

import java.nio.file.Path;

import org.caducee.testing.TestDatabase;

/** The same tests on PostgreSQL; skipped unless {@code -Dcaducee.test.pg.url=jdbc:postgresql://...} is given. */
class PostgresAccountServiceTest extends AccountServiceTest {

    @Override
    protected TestDatabase newDatabase(Path directory) {
        return TestDatabase.postgresql();
    }
}
