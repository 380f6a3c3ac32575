package org.caducee.dmp;

import java.util.Objects;
import java.util.Optional;

/** The consent gate's answer for one transaction: allowed, or refused with a reason the user can read. */
public record GateDecision(DmpTransaction transaction, AccessMode mode, boolean allowed, Optional<String> refusal) {

    public GateDecision {
        Objects.requireNonNull(transaction, "transaction");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(refusal, "refusal");
        if (allowed == refusal.isPresent()) {
            throw new IllegalArgumentException("A refusal reason goes with a refused decision only");
        }
    }

    static GateDecision allow(DmpTransaction transaction, AccessMode mode) {
        return new GateDecision(transaction, mode, true, Optional.empty());
    }

    static GateDecision refuse(DmpTransaction transaction, AccessMode mode, String reason) {
        return new GateDecision(transaction, mode, false, Optional.of(reason));
    }
}
