package org.caducee.dmp;

/** The DMP transactions an LPS sends ("TD" of the DMPi guide), with what each needs from the patient. */
public enum DmpTransaction {
    /** TD0.2: does the DMP exist, is it open, may this professional access it. Reads no document. */
    TD0_2_EXISTENCE(Need.NOTHING),
    /** TD0.3 (AJOUT): grant this professional the individual authorisation; it only serves consultation. */
    TD0_3_AUTHORIZE(Need.CONSULTATION_CONSENT),
    /** TD0.3 (SUPPRESSION): remove the authorisation; always allowed. */
    TD0_3_REVOKE(Need.NOTHING),
    /** TD2.1 / TD2.2: submit a document or a new version (ITI-41). */
    TD2_1_FEED(Need.NO_FEEDING_OPPOSITION),
    /** TD3.1: list the documents (ITI-18). */
    TD3_1_LIST(Need.CONSULTATION),
    /** TD3.2: retrieve a document (ITI-43). */
    TD3_2_RETRIEVE(Need.CONSULTATION),
    /** TD3.3a/b: mask to professionals, visibility to the patient (ITI-57) — author's own documents. */
    TD3_3_VISIBILITY(Need.NOTHING),
    /** TD3.3c/d: delete, archive or unarchive (ITI-57) — author's own documents. */
    TD3_3_STATUS(Need.NOTHING);

    /** What a transaction requires. */
    public enum Need {
        NOTHING,
        /** Recorded consent to consultation, or an emergency access mode. */
        CONSULTATION,
        /** Recorded consent to consultation; emergency modes do not replace it (no authorisation on their behalf). */
        CONSULTATION_CONSENT,
        /** No recorded opposition to feeding. */
        NO_FEEDING_OPPOSITION
    }

    private final Need need;

    DmpTransaction(Need need) {
        this.need = need;
    }

    public Need need() {
        return need;
    }

    /** True when the transaction reads the patient's DMP content. */
    public boolean consultation() {
        return need == Need.CONSULTATION;
    }
}
