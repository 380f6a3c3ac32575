package org.caducee.ins.tests;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.caducee.core.installation.Installation;

/** An installation with the given data directory and settings. */
record TestInstallation(Path dataDir, Map<String, String> settings) implements Installation {

    /** The INSEE COG 2026 files of the shared reference data (system property {@code caducee.shared}). */
    static Path cogFiles() {
        String shared = System.getProperty("caducee.shared", "/work/shared");
        return Path.of(shared, "ref", "insee-cog", "cog_ensemble_2026_csv");
    }

    @Override
    public boolean sandbox() {
        return true;
    }

    @Override
    public Optional<String> setting(String key) {
        return Optional.ofNullable(settings.get(key));
    }
}
