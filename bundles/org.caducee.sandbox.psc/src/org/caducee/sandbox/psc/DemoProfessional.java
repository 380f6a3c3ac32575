package org.caducee.sandbox.psc;

/**
 * A user of the local PSC provider: national id ("8" + RPPS), names, profession (TRE_G15), savoir-faire (TRE_R38)
 * and the PIN of its demo e-CPS (the login page asks for it).
 */
public record DemoProfessional(String nationalId, String lastName, String firstName, String professionCode, String savoirFaireCode,
        String pin) {
}
