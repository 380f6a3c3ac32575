package org.caducee.dmp;

/**
 * The DMP transactions of the record's life cycle. Every call passes the {@link ConsentGate} first (a refused call
 * throws {@link ConsentRequiredException} and nothing is sent), carries a signed VIHF and uses mutual TLS with the
 * structure's authentication certificate. Calls block: run them in a job, never on the UI thread.
 */
public interface DmpClient {

    /** TD0.2: existence and access conditions of the patient's DMP for this professional. */
    DmpAccess existence(DmpRequest request) throws DmpException;

    /** TD0.3 AJOUT: grant this professional the individual authorisation (needs the consent to consultation). */
    void authorize(DmpRequest request) throws DmpException;

    /** TD0.3 SUPPRESSION: remove the authorisation. */
    void revoke(DmpRequest request) throws DmpException;
}
