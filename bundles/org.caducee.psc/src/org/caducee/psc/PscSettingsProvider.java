package org.caducee.psc;

import java.util.Optional;

/**
 * Whiteboard: where {@link PscSession} takes its {@link PscSettings}. The PSC bundle provides one from the
 * installation settings ({@code psc.*} keys); the sandbox registers one with a higher {@code service.ranking} while
 * its local provider runs. The highest-ranked provider that answers wins.
 */
public interface PscSettingsProvider {

    /** The settings, or empty when this provider cannot configure PSC (keys missing, simulator stopped). */
    Optional<PscSettings> settings();
}
