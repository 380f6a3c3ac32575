package org.caducee.core.identity;

/** Kind of INS matricule and the OID of its assigning authority. */
public enum InsType {
    NIR("1.2.250.1.213.1.4.8"),
    NIA("1.2.250.1.213.1.4.9"),
    /** INS-NIR of the national test and qualification environments (ANS examples, DMP test). */
    NIR_TEST("1.2.250.1.213.1.4.10"),
    /** INS-NIR of demonstration environments. */
    NIR_DEMO("1.2.250.1.213.1.4.11");

    private final String oid;

    InsType(String oid) {
        this.oid = oid;
    }

    public String oid() {
        return oid;
    }

    public static InsType fromOid(String oid) {
        for (InsType t : values()) {
            if (t.oid.equals(oid)) {
                return t;
            }
        }
        throw new IllegalArgumentException("Unknown INS OID: " + oid);
    }
}
