package org.caducee.ins.insi;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything a call needs: the endpoint, the software identification the CNAM requires in {@code ContexteLPS}
 * (authorisation number IDAM, name, version, installation instance id), the authentication, the time-out and the
 * largest answer accepted.
 */
public record InsiSettings(URI endpoint, String idam, String softwareName, String softwareVersion, String instanceId,
        InsiAuthentication authentication, Duration timeout, long maxResponseBytes) {

    /** Answers larger than this are refused (an INSi answer is a few kilobytes). */
    public static final long DEFAULT_MAX_RESPONSE_BYTES = 256 * 1024;

    public InsiSettings {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(idam, "idam");
        Objects.requireNonNull(authentication, "authentication");
        softwareName = softwareName == null ? "Caducee" : softwareName;
        softwareVersion = softwareVersion == null ? "0.1.0" : softwareVersion;
        instanceId = instanceId == null ? "caducee" : instanceId;
        timeout = timeout == null ? Duration.ofSeconds(20) : timeout;
        maxResponseBytes = maxResponseBytes <= 0 ? DEFAULT_MAX_RESPONSE_BYTES : maxResponseBytes;
        if (!"https".equalsIgnoreCase(endpoint.getScheme())) {
            throw new IllegalArgumentException("INSi n’est joignable qu’en HTTPS : " + endpoint);
        }
    }
}
