package org.caducee.sandbox;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What a {@link Simulator} gets to start: the loopback address, the port to use (0 = any free port), the test PKI
 * and a private working directory under {@code <dataDir>/sandbox/<name>}.
 */
public record SimulatorContext(InetAddress address, int port, SandboxPki pki, Path workDir) {

    public SimulatorContext {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(pki, "pki");
        Objects.requireNonNull(workDir, "workDir");
        if (!address.isLoopbackAddress()) {
            throw new IllegalArgumentException("Un simulateur n'écoute que sur l'interface de bouclage : " + address);
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("Port invalide : " + port);
        }
    }
}
