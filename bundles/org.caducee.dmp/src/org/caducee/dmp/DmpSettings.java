package org.caducee.dmp;

import java.net.URI;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

import javax.net.ssl.SSLContext;

/**
 * How to reach the DMP: the services' base URL ({@code …/si-dmp-server/v2/services/}), the TLS context presenting the
 * structure's authentication certificate and trusting the IGC Santé authorities, the key and chain that sign the
 * VIHF, the structure's identity and the software's identification.
 */
public record DmpSettings(URI servicesBase, SSLContext tls, PrivateKey signingKey, List<X509Certificate> signingChain,
        String structureId, String activitySector, String lpsId, String lpsName, String lpsVersion,
        String dmpHomologation, Duration timeout) {

    public DmpSettings {
        Objects.requireNonNull(servicesBase, "servicesBase");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(signingKey, "signingKey");
        signingChain = List.copyOf(signingChain);
        Objects.requireNonNull(structureId, "structureId");
        Objects.requireNonNull(activitySector, "activitySector");
        Objects.requireNonNull(lpsId, "lpsId");
        Objects.requireNonNull(lpsName, "lpsName");
        Objects.requireNonNull(lpsVersion, "lpsVersion");
        Objects.requireNonNull(dmpHomologation, "dmpHomologation");
        Objects.requireNonNull(timeout, "timeout");
    }

    /** URL of one DMP service ({@code patients}, {@code habilitations}, {@code registry}, {@code repository}). */
    public URI service(String name) {
        String base = servicesBase.toString();
        return URI.create(base.endsWith("/") ? base + name : base + "/" + name);
    }
}
