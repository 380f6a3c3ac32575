package org.caducee.ins.qualification;

import java.util.List;

import org.caducee.core.patient.Patient;
import org.caducee.ins.insi.InsiResult;
import org.caducee.ins.matching.IdentityComparison;
import org.caducee.ins.matching.InsiAttempt;

/**
 * What an automatic INSi call did for a patient, with a French message for the front desk.
 *
 * @param patient    the patient after the call (changed only on {@link Kind#RECOVERED})
 * @param result     the last INSi answer, or null when INSi was not called or did not answer
 * @param comparison side-by-side comparison on a single answer that is not a perfect match, else null
 * @param attempts   the traits queries sent, in order (birthplace retry included)
 * @param warnings   e.g. a matricule key that fails mod 97
 */
public record QualificationOutcome(Kind kind, Patient patient, InsiResult result, IdentityComparison comparison, List<InsiAttempt> attempts,
        String message, List<String> warnings) {

    /** The outcomes. */
    public enum Kind {
        /** Identity already récupérée or qualifiée, or doubtful / fictitious: INSi not called. */
        NOT_NEEDED,
        /** Single answer, perfect match: the INS was recovered without a click (status récupérée or qualifiée). */
        RECOVERED,
        /** Single answer with divergences (or traits alone): the comparison waits for one-click validation. */
        TO_CONFIRM,
        /** Answer 01. */
        NOT_FOUND,
        /** Answer 02 even with the birthplace. */
        SEVERAL,
        /** INSi unreachable: the call is queued in the outbox and will be made again. */
        QUEUED,
        /** Refused (fault, bad answer, configuration): nothing changed. */
        FAILED
    }

    public QualificationOutcome {
        attempts = attempts == null ? List.of() : List.copyOf(attempts);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }
}
