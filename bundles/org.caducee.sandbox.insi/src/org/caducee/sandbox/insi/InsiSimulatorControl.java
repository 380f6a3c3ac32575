package org.caducee.sandbox.insi;

import java.time.Duration;
import java.util.Optional;

import org.caducee.ins.qualification.ApcvIdentity;

/**
 * Controls of the local INSi simulator, for tests and demonstrations: latency, failure injection, availability,
 * authentication mode and authorisation number of the sandbox client, and the Appli carte Vitale feed.
 */
public interface InsiSimulatorControl {

    /** The authorisation number (IDAM) the simulator accepts. */
    String SANDBOX_IDAM = "CADUCEE-BAC-A-SABLE-0001";

    /** Injected failures. */
    enum Failure {
        NONE,
        /** Answers after the client's time-out. */
        TIMEOUT,
        /** HTTP 500 with an HTML page. */
        HTTP_500,
        /** TLS handshake refused (only an obsolete protocol offered). */
        TLS_REFUSAL,
        /** A truncated, malformed SOAP answer. */
        MALFORMED,
        /** An answer of several megabytes. */
        HUGE,
        /** An answer with a DOCTYPE declaring an external entity (XXE). */
        XXE
    }

    void failure(Failure failure);

    /** Delay added before each answer. */
    void latency(Duration latency);

    /** Time-out of the sandbox client (default 20 s). */
    void clientTimeout(Duration timeout);

    /** {@code cps} (TLS with the demo PS card + signed Assertion PS, default) or {@code organisation} (mutual TLS). */
    void clientMode(String mode);

    /** The IDAM the sandbox client sends (default {@link #SANDBOX_IDAM}); another value gets fault desir_550. */
    void clientIdam(String idam);

    /** Stops listening (service down) or listens again on the same port. */
    void available(boolean available) throws Exception;

    /** Number of requests answered since start. */
    int requests();

    /** True when the CNAM XSDs were found and requests are validated against them. */
    boolean validatesRequests();

    /** What the Appli carte Vitale would deliver for this NIR (13 characters), from the simulator's persons. */
    Optional<ApcvIdentity> apcv(String nir);

    /** Back to defaults (no failure, no latency, cps mode, sandbox IDAM, 20 s). */
    void reset();
}
