package org.caducee.cda;

import java.time.OffsetDateTime;

/**
 * An author of the document.
 *
 * @param time         {@code author/time}
 * @param id           {@code assignedAuthor/id} (for a professional: root {@value #ID_NAT_OID}, extension the idNat)
 * @param role         {@code assignedAuthor/code} (profession / specialty, TRE_G15 / R38…)
 * @param prefix       name prefix (civility), may be {@code null}
 * @param given        given name, may be {@code null}
 * @param family       family name, may be {@code null} (device authors have none)
 * @param organization {@code representedOrganization}, may be {@code null}
 */
public record CdaAuthor(OffsetDateTime time, InstanceId id, CodedValue role, String prefix, String given, String family,
        CdaOrganization organization) {

    /** OID of the national identifier of health professionals (idNat_PS). */
    public static final String ID_NAT_OID = "1.2.250.1.71.4.2.1";

    /** The idNat_PS when the id is one (e.g. {@code 810001234567}: 8 + RPPS). */
    public String idNat() {
        return id != null && ID_NAT_OID.equals(id.root()) ? id.extension() : null;
    }

    /** The RPPS number when the idNat is {@code 8} + 11 digits. */
    public String rpps() {
        String idNat = idNat();
        return idNat != null && idNat.length() == 12 && idNat.startsWith("8") ? idNat.substring(1) : null;
    }

    /** "Given Family", or the organization name for an author without a person. */
    public String displayName() {
        String person = ((given == null ? "" : given) + " " + (family == null ? "" : family)).trim();
        if (!person.isEmpty()) {
            return person;
        }
        return organization != null ? organization.name() : null;
    }
}
