package org.caducee.ins.matching;

/** Outcome of comparing one trait held locally with the one INSi returned. */
public enum Concordance {
    /** Same value once normalised (upper case, no diacritics, single spaces). */
    CONCORDANT,
    /** Both sides have a value and they differ. */
    DIVERGENT,
    /** INSi returned a value the local identity does not have yet. */
    MISSING_LOCALLY,
    /** The local identity has a value INSi did not return (or neither side has one). */
    MISSING_IN_ANSWER
}
