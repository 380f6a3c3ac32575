package org.caducee.dmp;

/** What the user can do to satisfy a failing DICA condition; the UI turns each into a link. */
public enum DicaFix {
    /** Open the DMP service status ("météo") page. */
    WEATHER_PAGE,
    /** Open the identity form to qualify the INS. */
    QUALIFY_INS,
    /** Open the consent panel of the care episode (or choose break-glass). */
    RECORD_CONSENT,
    /** Log in with Pro Santé Connect. */
    LOGIN_PSC
}
