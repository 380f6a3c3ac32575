package org.caducee.ins.insi;

import java.util.List;
import java.util.Optional;

import org.caducee.core.identity.BirthTraits;
import org.caducee.ins.matching.InsiAttempt;
import org.caducee.ins.matching.InsiSearchStrategy;
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

    /**
     * A traits search the way CNAM expects it ({@link InsiSearchStrategy#next}: each first name alone, then the list;
     * silent retry with the birthplace on answer 02). The queries sent and their answers are appended to
     * {@code attempts}; returns the last answer, or null when the traits allow no query.
     */
    default InsiResult searchWithTraits(BirthTraits traits, List<InsiAttempt> attempts) throws InsiException {
        InsiResult result = null;
        Optional<TraitsQuery> next;
        while ((next = InsiSearchStrategy.next(traits, attempts)).isPresent()) {
            result = searchWithTraits(next.get());
            attempts.add(new InsiAttempt(next.get(), result.answer()));
        }
        return result;
    }
}
