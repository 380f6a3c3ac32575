package org.caducee.ins.cog;

/** What a COG code designates. */
public enum CogPlaceKind {
    /** A commune of metropolitan France or of an overseas département. */
    COMMUNE,
    /** A municipal arrondissement of Paris, Lyon or Marseille. */
    MUNICIPAL_ARRONDISSEMENT,
    /** A commune or district of an overseas collectivity or former territory (COM, TOM, Algeria before 1962…). */
    OVERSEAS,
    /** A foreign country or territory (code 99xxx). */
    COUNTRY,
    /** Birthplace unknown: "INCONNU", code 99999. */
    UNKNOWN
}
