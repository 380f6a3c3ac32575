package org.caducee.dmp;

/**
 * How the professional accesses the DMP, carried by the VIHF attribute {@code purposeofuse} (TRE_R248 ModeAcces,
 * code system {@value #CODE_SYSTEM}).
 */
public enum AccessMode {
    /** Ordinary access: consultation needs the patient's consent and an individual authorisation. */
    NORMAL("normal"),
    /** Emergency access when the patient cannot consent ("bris de glace"); always traced. */
    BRIS_DE_GLACE("bris_de_glace"),
    /** Access by the emergency call centre (SAMU, centre 15); authorisation not checked. */
    CENTRE_15("centre_15");

    /** OID of TRE_R248 ModeAcces. */
    public static final String CODE_SYSTEM = "1.2.250.1.213.1.1.4.248";

    private final String code;

    AccessMode(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** True for the emergency modes, which consult without consent. */
    public boolean emergency() {
        return this != NORMAL;
    }
}
