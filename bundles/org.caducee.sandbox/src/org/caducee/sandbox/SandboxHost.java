package org.caducee.sandbox;

import java.net.URI;
import java.util.List;

/**
 * Starts every registered {@link Simulator} when the installation runs in sandbox mode and tells their state, for
 * the status bar and the command line.
 */
public interface SandboxHost {

    /** State of one simulator. */
    enum State {
        /** Registered, not started (installation not in sandbox mode, or not yet started). */
        STOPPED,
        STARTING,
        RUNNING,
        /** Start failed; {@link SimulatorStatus#error()} says why. */
        FAILED
    }

    /** One simulator as the host sees it; {@code endpoint} is null unless running, {@code error} unless failed. */
    record SimulatorStatus(String name, String description, State state, URI endpoint, String error) {
    }

    /** True when the installation runs in sandbox mode (simulators are started). */
    boolean active();

    /** Every registered simulator, sorted by name. */
    List<SimulatorStatus> simulators();
}
