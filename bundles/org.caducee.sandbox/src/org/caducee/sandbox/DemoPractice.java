package org.caducee.sandbox;

/**
 * Identifiers of the demo practice seeded in sandbox mode, shared by the test PKI, the demo data and the local
 * simulators. All values are invented; RPPS and SIRET carry a valid Luhn key.
 */
public final class DemoPractice {

    /** RPPS of the demo doctor (médecin généraliste), holder of the demo PS card. */
    public static final String DOCTOR_RPPS = "10001234565";
    public static final String DOCTOR_LAST_NAME = "DURAND";
    public static final String DOCTOR_FIRST_NAME = "SOPHIE";
    /** RPPS of a second, replacing doctor. */
    public static final String SECOND_DOCTOR_RPPS = "10002345675";
    /** RPPS of the nurse of the practice. */
    public static final String NURSE_RPPS = "10003456786";

    /** Local identifier of the demo structure. */
    public static final String STRUCTURE_ID = "cabinet-demo";
    public static final String STRUCTURE_NAME = "CABINET MEDICAL DU PARC (DEMO)";
    public static final String STRUCTURE_FINESS = "750099996";
    public static final String STRUCTURE_SIRET = "81234567800013";
    /** TRE_R02 activity sector of a group practice ("cabinet de groupe"; code to confirm against the nomenclature). */
    public static final String STRUCTURE_SECTOR = "SA08";

    private DemoPractice() {
    }
}
