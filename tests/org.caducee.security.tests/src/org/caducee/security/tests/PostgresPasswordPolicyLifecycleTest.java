package org.caducee.security.tests;

import java.nio.file.Path;

import org.caducee.testing.TestDatabase;

/** The same tests on PostgreSQL; skipped unless {@code -Dcaducee.test.pg.url} is given. */
class PostgresPasswordPolicyLifecycleTest extends PasswordPolicyLifecycleTest {

    @Override
    protected TestDatabase newDatabase(Path directory) {
        return TestDatabase.postgresql();
    }
}
