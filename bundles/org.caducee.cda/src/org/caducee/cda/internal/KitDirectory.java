package org.caducee.cda.internal;

import java.nio.file.Path;

import org.caducee.cda.validation.CdaValidator;
import org.caducee.core.installation.Installation;

/** Where the ANS kit is: setting {@code cda.kit.dir}, else system property {@code caducee.cda.kit}, else data dir. */
final class KitDirectory {

    private KitDirectory() {
    }

    static Path resolve(Installation installation) {
        String dir = installation.setting(CdaValidator.KIT_SETTING).filter(s -> !s.isBlank())
                .orElseGet(() -> System.getProperty(CdaValidator.KIT_PROPERTY));
        if (dir != null && !dir.isBlank()) {
            return Path.of(dir.trim()).toAbsolutePath().normalize();
        }
        return installation.dataDir().resolve("kits").resolve("testcontenucda").toAbsolutePath().normalize();
    }
}
