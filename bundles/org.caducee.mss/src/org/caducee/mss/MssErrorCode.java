package org.caducee.mss;

/** Integration error codes of the CI-SIS "transmission de documents CDA par messagerie" volet (ERR-3), reused in MDNs. */
public enum MssErrorCode {
    WRONG_VERSION(900, "Version incorrecte"),
    AUTHOR_NOT_ALLOWED(901, "Auteur non autorisé à remplacer ou supprimer"),
    UNKNOWN_PATIENT(902, "Identifiant patient inconnu"),
    NO_INS(903, "INS non présent dans le document"),
    INS_MISMATCH(904, "INS transmis ne correspondant pas exactement"),
    INCOMPLETE_INS(905, "INS incomplet (traits manquants)"),
    OTHER(906, "Autre");

    private final int code;
    private final String label;

    MssErrorCode(int code, String label) {
        this.code = code;
        this.label = label;
    }

    public int code() {
        return code;
    }

    /** The French label as used in MDNs and error mails. */
    public String label() {
        return label;
    }

    public static MssErrorCode of(int code) {
        for (MssErrorCode c : values()) {
            if (c.code == code) {
                return c;
            }
        }
        throw new IllegalArgumentException("code " + code);
    }
}
