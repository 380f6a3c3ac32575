package org.caducee.ins.insi;

import java.util.ArrayList;
import java.util.List;

import org.caducee.core.identity.BirthTraits;
import org.caducee.core.identity.Ins;
import org.caducee.ins.matching.InsiAnswer;

/**
 * An INSi answer ({@code RESULTAT}): the code, its label and, on answer 00 only, the active INS, the previous
 * matricules ({@code INSHISTO}, the active one excluded) and the reference traits ({@code TIQ}). A matricule whose key
 * is wrong is kept and listed in {@link #warnings()}: flagged, never rejected.
 */
public record InsiResult(InsiAnswer answer, String label, Ins ins, List<Ins> history, BirthTraits traits, List<String> warnings) {

    public InsiResult {
        history = history == null ? List.of() : List.copyOf(history);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
        if (answer == InsiAnswer.FOUND && (ins == null || traits == null)) {
            throw new IllegalArgumentException("answer 00 without INDIVIDU");
        }
    }

    public boolean found() {
        return answer == InsiAnswer.FOUND;
    }

    /** Every matricule of the answer whose key does not satisfy the mod 97 rule. */
    public List<Ins> invalidKeys() {
        List<Ins> out = new ArrayList<>();
        if (ins != null && !ins.keyValid()) {
            out.add(ins);
        }
        history.stream().filter(i -> !i.keyValid()).forEach(out::add);
        return out;
    }
}
