package org.caducee.ins.datamatrix;

import java.util.List;
import java.util.Objects;

import org.caducee.core.identity.BirthTraits;
import org.caducee.core.identity.Ins;

/**
 * What a Datamatrix INS carries: the INS (matricule, key and OID) and the five reference traits. The key of the
 * matricule is checked, not enforced: {@link #keyValid()} false must be shown to the user, and the INS verified
 * with INSi before any use. {@code warnings} lists, in French, what the parser had to tolerate.
 */
public record DatamatrixInsContent(Ins ins, BirthTraits traits, List<String> warnings) {

    public DatamatrixInsContent {
        Objects.requireNonNull(ins, "ins");
        Objects.requireNonNull(traits, "traits");
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    /** True when the 2-digit key matches the matricule (97 − N mod 97, Corsica 2A/2B). */
    public boolean keyValid() {
        return ins.keyValid();
    }
}
