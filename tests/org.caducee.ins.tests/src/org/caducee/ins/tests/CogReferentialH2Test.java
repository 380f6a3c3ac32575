package org.caducee.ins.tests;

import java.nio.file.Path;

import org.caducee.testing.TestDatabase;

/** The COG referential on embedded H2. */
class CogReferentialH2Test extends CogReferentialContract {

    @Override
    TestDatabase open(Path dir) {
        return TestDatabase.h2(dir);
    }
}
