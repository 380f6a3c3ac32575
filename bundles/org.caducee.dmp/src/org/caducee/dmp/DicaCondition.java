package org.caducee.dmp;

/** The four conditions of the DICA checklist (DSR SC.DMP/UX.14), in the order they are shown. */
public enum DicaCondition {
    /** The DMP exists, is open, reachable and not blocked for this professional. */
    DMP_ACCESSIBLE,
    /** The patient's identity is qualifiée (the INS may be used). */
    INS_QUALIFIEE,
    /** Consent to consultation recorded for the care episode, or an emergency access mode. */
    CONSENTEMENT,
    /** The professional is authenticated strongly (Pro Santé Connect or the CPS card). */
    AUTHENTIFICATION
}
