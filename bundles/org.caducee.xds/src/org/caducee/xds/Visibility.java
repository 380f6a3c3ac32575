package org.caducee.xds;

/**
 * Visibility restrictions a sender may add to the confidentialityCode of a document (TRE_A07
 * StatutVisibiliteDocument, code system {@value #CODING_SCHEME}), on top of the CDA's N/R/V.
 */
public enum Visibility {
    /** Visible only to its author, the patient's médecin traitant DMP and the patient. */
    MASQUE_PS,
    /** Hidden from the patient until an "annonce" consultation. */
    INVISIBLE_PATIENT,
    /** Hidden from the patient's legal representatives. */
    INVISIBLE_REPRESENTANTS_LEGAUX;

    public static final String CODING_SCHEME = "1.2.250.1.213.1.1.4.13";
}
