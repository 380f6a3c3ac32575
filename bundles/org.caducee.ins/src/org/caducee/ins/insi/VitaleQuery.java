package org.caducee.ins.insi;

import java.util.Objects;

/**
 * A {@code rechercherInsAvecCarteVitale} request: the beneficiary as read from the carte Vitale. The birth date is
 * passed as read ({@code AAAA-MM-JJ}, possibly a "lunar" date such as {@code 1975-00-00}).
 *
 * @param nir          NIR of the beneficiary (13 characters; 2A/2B allowed)
 * @param nirKey       its key (2 digits)
 * @param birthName    birth name on the card (may be null)
 * @param birthDate    birth date as read (AAAA-MM-JJ)
 * @param birthRank    rang de naissance (1 by default)
 * @param insuredNir   NIR of the insured person when the beneficiary is a dependant (may be null)
 * @param insuredKey   its key (may be null)
 */
public record VitaleQuery(String nir, String nirKey, String birthName, String birthDate, int birthRank, String insuredNir, String insuredKey) {

    public VitaleQuery {
        Objects.requireNonNull(nir, "nir");
        Objects.requireNonNull(birthDate, "birthDate");
        nir = nir.trim().toUpperCase(java.util.Locale.ROOT);
        if (!nir.matches("\\d{6}[AB0-9]\\d{6}")) {
            throw new IllegalArgumentException("NIR invalide : " + nir);
        }
        if (nirKey != null && !nirKey.matches("\\d{2}")) {
            throw new IllegalArgumentException("Clé NIR invalide : " + nirKey);
        }
        if (!birthDate.matches("\\d{4}-\\d{2}-\\d{2}")) {
            throw new IllegalArgumentException("Date de naissance (AAAA-MM-JJ) invalide : " + birthDate);
        }
        birthRank = birthRank <= 0 ? 1 : birthRank;
    }

    /** A card whose bearer is the beneficiary. */
    public static VitaleQuery of(String nir15, String birthName, String birthDate) {
        String v = nir15.replace(" ", "");
        return new VitaleQuery(v.substring(0, 13), v.length() >= 15 ? v.substring(13, 15) : null, birthName, birthDate, 1, null, null);
    }
}
