package org.caducee.ins.matching;

import org.caducee.ins.internal.Messages;

/** The traits compared between the local identity and the INSi answer, in display order. */
public enum TraitField {
    /** Matricule INS with its key (15 characters). */
    MATRICULE,
    /** The NIR read locally (carte Vitale: the beneficiary's own NIR) against the matricule INS returned. */
    NIR,
    BIRTH_NAME,
    FIRST_BIRTH_FIRST_NAME,
    BIRTH_FIRST_NAMES,
    BIRTH_DATE,
    SEX,
    BIRTHPLACE;

    /** French label for the comparison screen. */
    public String label() {
        return Messages.get("field." + name());
    }
}
