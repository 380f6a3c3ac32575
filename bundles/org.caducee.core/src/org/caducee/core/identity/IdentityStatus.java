package org.caducee.core.identity;

/** RNIV identity status. */
public enum IdentityStatus {
    /** No INS checked, no identity document checked. */
    PROVISOIRE("PROV"),
    /** INS returned by INSi, identity document not checked. */
    RECUPEREE("RECUP"),
    /** High-trust identity document checked, no INS. */
    VALIDEE("VALI"),
    /** INS returned by INSi and identity document checked: the only status that allows sharing the INS. */
    QUALIFIEE("QUAL");

    private final String code;

    IdentityStatus(String code) {
        this.code = code;
    }

    /** The FR Core / RNIV code. */
    public String code() {
        return code;
    }

    public boolean hasInsFromInsi() {
        return this == RECUPEREE || this == QUALIFIEE;
    }

    public boolean hasDocumentCheck() {
        return this == VALIDEE || this == QUALIFIEE;
    }

    public static IdentityStatus fromCode(String code) {
        for (IdentityStatus s : values()) {
            if (s.code.equals(code) || s.name().equals(code)) {
                return s;
            }
        }
        throw new IllegalArgumentException("Unknown identity status: " + code);
    }
}
