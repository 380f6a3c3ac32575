package org.caducee.ins.matching;

import java.util.Objects;

/**
 * One line of the side-by-side comparison: the local value, the INSi value (both as shown to the user, null when
 * absent), the outcome and, when useful, a French hint (e.g. "mêmes prénoms dans un autre ordre").
 */
public record TraitComparison(TraitField field, String local, String insi, Concordance concordance, String hint) {

    public TraitComparison {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(concordance, "concordance");
    }

    public boolean concordant() {
        return concordance == Concordance.CONCORDANT;
    }
}
