package org.caducee.cda;

/** An HL7 II: {@code root} (OID or UUID) and optional {@code extension}. */
public record InstanceId(String root, String extension) {

    public InstanceId {
        root = root == null ? "" : root.trim();
        extension = extension == null || extension.isBlank() ? null : extension.trim();
    }

    /** {@code root} or {@code root^extension}: the form XDS uniqueIds and {@code HealthDocument.uniqueId} use. */
    public String value() {
        return extension == null ? root : root + "^" + extension;
    }

    @Override
    public String toString() {
        return value();
    }
}
