package org.caducee.core.installation;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The installation the process serves: its data directory (database, documents, test PKI, logs) and its settings
 * ({@code caducee.properties} in the data directory, overridden by framework/system properties of the same name
 * prefixed with {@code caducee.}). An installation with no settings file runs in sandbox mode: embedded H2, local
 * simulators of the national services and demo data.
 */
public interface Installation {

    /** Framework/system property that selects the data directory. */
    String DATA_DIR_PROPERTY = "caducee.data.dir";

    /** Name of the settings file in the data directory. */
    String SETTINGS_FILE = "caducee.properties";

    Path dataDir();

    /** True when the local simulators and demo data are used instead of the national services. */
    boolean sandbox();

    /** A setting, e.g. {@code db.url}. */
    Optional<String> setting(String key);
}
