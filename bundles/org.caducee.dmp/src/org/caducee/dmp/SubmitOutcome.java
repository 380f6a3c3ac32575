package org.caducee.dmp;

/** The answer of the DMP to TD2.1. */
public enum SubmitOutcome {
    /** The documents were registered now. */
    REGISTERED,
    /**
     * The DMP already holds these documents with the same content (a retry after a lost answer): nothing was
     * registered twice, and the earlier submission counts.
     */
    ALREADY_REGISTERED
}
