package org.caducee.dmp;

/** What the existence test (TD0.2) told about the patient's DMP for this professional. */
public enum DmpState {
    /** Not asked yet (the test runs in the background when the record opens). */
    UNKNOWN,
    /** The DMP service did not answer (network, maintenance: see the DMP weather page). */
    UNREACHABLE,
    /** The patient has no DMP. */
    NOT_FOUND,
    /** The DMP is closed. */
    CLOSED,
    /** The patient blocked this professional: access is never possible. */
    BLOCKED,
    /** The DMP exists, is open and this professional is not blocked. */
    OPEN;

    public boolean accessible() {
        return this == OPEN;
    }
}
