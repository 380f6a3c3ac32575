package org.caducee.security.tests;

import java.nio.file.Path;

import org.caducee.testing.TestDatabase;

/** The same round trips on PostgreSQL; skipped unless {@code -Dcaducee.test.pg.url} is given. */
class PostgresBackupRoundTripTest extends BackupRoundTripTest {

    @Override
    protected TestDatabase newDatabase(Path directory) {
        return TestDatabase.postgresql();
    }
}
