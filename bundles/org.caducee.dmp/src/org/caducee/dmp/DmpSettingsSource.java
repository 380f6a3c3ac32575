package org.caducee.dmp;

import java.util.Optional;

/**
 * Whiteboard: where the DMP client takes its settings. The client asks every source, highest
 * {@code service.ranking} first, and uses the first that has settings: Caducée registers one reading the installation
 * settings ({@code dmp.*}); the sandbox registers a higher-ranked one pointing at its local DMP while it runs.
 */
public interface DmpSettingsSource {

    /** The settings, or empty when this source has none now. */
    Optional<DmpSettings> settings() throws DmpException;
}
