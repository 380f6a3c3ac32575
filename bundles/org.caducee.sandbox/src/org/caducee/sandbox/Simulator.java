package org.caducee.sandbox;

import java.net.URI;
import java.util.Optional;

/**
 * Whiteboard: a local simulator of a national service (INSi, DMP, MSSanté, PSC…). Register an implementation as an
 * OSGi service; {@link SandboxHost} starts it when the installation runs in sandbox mode and stops it when the
 * service goes away or the host stops. Implementations listen on the loopback interface only.
 */
public interface Simulator {

    /** Stable short name, e.g. {@code insi}, {@code dmp}; also used for the {@code sandbox.<name>.port} setting. */
    String name();

    /** One line for users, in French, e.g. "Simulateur du téléservice INSi". */
    String description();

    /**
     * Starts listening on {@link SimulatorContext#address()} and {@link SimulatorContext#port()} (0 = any free port),
     * with TLS from {@link SimulatorContext#pki()} when the real service uses TLS.
     *
     * @return the base URL clients must be configured with
     */
    URI start(SimulatorContext context) throws Exception;

    /** Stops listening; must be safe to call when not started. */
    void stop();

    /** The base URL while started. */
    Optional<URI> endpoint();
}
