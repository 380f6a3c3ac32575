package org.caducee.ins.insi;

import java.util.Optional;

/**
 * Whiteboard: where the INSi client takes its settings. The client asks every source, highest
 * {@code service.ranking} first, and uses the first that has settings. Caducée registers one reading the installation
 * settings ({@code ins.insi.*}); the sandbox registers a higher-ranked one pointing at its local simulator while it
 * runs.
 */
public interface InsiSettingsSource {

    /** The settings, or empty when this source has none now (not configured, simulator stopped…). */
    Optional<InsiSettings> settings() throws InsiException;
}
