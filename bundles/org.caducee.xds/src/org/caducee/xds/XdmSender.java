package org.caducee.xds;

/**
 * Who sends an IHE_XDM archive, as written in its README.TXT and INDEX.HTM. Every field may be {@code null}.
 */
public record XdmSender(String name, String organization, String organizationId, String address, String telephone,
        String application, String applicationVersion, String vendor) {
}
