package org.caducee.ins.tests;

import java.nio.file.Path;

import org.caducee.testing.TestDatabase;

/** The COG referential on PostgreSQL when {@code caducee.test.pg.url} is set (tests/run.sh), skipped otherwise. */
class CogReferentialPostgresqlTest extends CogReferentialContract {

    @Override
    TestDatabase open(Path dir) {
        return TestDatabase.postgresql();
    }
}
