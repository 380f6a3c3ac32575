package org.caducee.store.tests;

import java.nio.file.Path;

/** The repository contract on embedded H2. */
class H2RepositoryTest extends RepositoryContract {

    @Override
    Fixture open(Path dataDir) {
        return Fixture.h2(dataDir);
    }
}
