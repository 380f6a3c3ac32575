package org.caducee.dmp;

import java.util.Objects;
import java.util.Optional;

/** One line of the DICA checklist: the condition, whether it holds, a French explanation and how to fix it. */
public record DicaItem(DicaCondition condition, boolean satisfied, String label, String detail, Optional<DicaFix> fix) {

    public DicaItem {
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(fix, "fix");
    }
}
