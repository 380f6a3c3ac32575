package org.caducee.core.identity;

/** RNIV identity attributes (HL7 table 0445, FR Core). */
public enum IdentityAttribute {
    HOMONYME("HOMD"), DOUTEUSE("DOUT"), FICTIVE("FICT");

    private final String code;

    IdentityAttribute(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static IdentityAttribute fromCode(String code) {
        for (IdentityAttribute a : values()) {
            if (a.code.equals(code) || a.name().equals(code)) {
                return a;
            }
        }
        throw new IllegalArgumentException("Unknown identity attribute: " + code);
    }
}
