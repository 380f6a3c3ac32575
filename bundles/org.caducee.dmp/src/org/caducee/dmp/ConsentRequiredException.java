package org.caducee.dmp;

/** A DMP transaction was stopped before leaving the workstation because the patient's choices do not allow it. */
public final class ConsentRequiredException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient GateDecision decision;

    public ConsentRequiredException(GateDecision decision) {
        super(decision.refusal().orElse(""));
        this.decision = decision;
    }

    public GateDecision decision() {
        return decision;
    }
}
