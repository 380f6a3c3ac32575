package org.caducee.sandbox.psc;

import java.util.Optional;

/**
 * The running local Pro Santé Connect provider of the sandbox, for the other simulators that must accept its access
 * tokens (the MSSanté operator checks them as a real operator does). Registered by the PSC simulator.
 */
public interface SandboxPsc {

    /** The provider while the simulator runs. */
    Optional<PscProvider> provider();

    /** The national id ("8" + RPPS) of the demo doctor. */
    String doctorNationalId();
}
