package org.caducee.ins.insi;

import org.caducee.ins.matching.TraitsQuery;

/**
 * The CNAM INSi téléservice ({@code ServiceIdentiteCertifiee}), one SOAP 1.2 call per method. Calls block: never call
 * from the UI thread. Every call uses the settings of the highest-ranked {@link InsiSettingsSource} that has some.
 */
public interface InsiClient {

    /** {@code rechercherInsAvecCarteVitale}: the beneficiary read from the carte Vitale. */
    InsiResult searchWithVitale(VitaleQuery query) throws InsiException;

    /** {@code rechercherInsAvecTraitsIdentite}: one query of the {@link org.caducee.ins.matching.InsiSearchStrategy}. */
    InsiResult searchWithTraits(TraitsQuery query) throws InsiException;
}
