package org.caducee.dmp;

import java.util.Objects;
import java.util.Optional;

import org.caducee.core.care.Consent;
import org.caducee.dmp.internal.Messages;

/**
 * The one place that decides whether a DMP transaction may leave the workstation given the patient's recorded
 * choices for the care episode (DSR SC.DMP/CONF.06, 06.BIS, 09.BIS):
 * <ul>
 * <li>consultation (TD3.1, TD3.2) needs a recorded consent to consultation, or the emergency modes
 * ({@link AccessMode#BRIS_DE_GLACE}, {@link AccessMode#CENTRE_15});</li>
 * <li>the individual authorisation (TD0.3 AJOUT) serves consultation only: it needs the recorded consent, never
 * an emergency mode;</li>
 * <li>feeding (TD2.1) is allowed unless the patient opposed it (no record means no opposition);</li>
 * <li>the existence test, the removal of the authorisation and the author's own visibility and status changes
 * need nothing.</li>
 * </ul>
 * Every DMP client calls {@link #require} before building a request; nothing else decides.
 */
public final class ConsentGate {

    /** The decision for {@code transaction} under the recorded {@code consent} (empty when nothing was recorded). */
    public GateDecision check(DmpTransaction transaction, Optional<Consent> consent, AccessMode mode) {
        Objects.requireNonNull(transaction, "transaction");
        Objects.requireNonNull(consent, "consent");
        Objects.requireNonNull(mode, "mode");
        boolean consultationConsent = consent.map(Consent::consultationAllowed).orElse(false);
        return switch (transaction.need()) {
            case NOTHING -> GateDecision.allow(transaction, mode);
            case CONSULTATION -> consultationConsent || mode.emergency()
                    ? GateDecision.allow(transaction, mode)
                    : GateDecision.refuse(transaction, mode, Messages.get("gate.noConsultationConsent"));
            case CONSULTATION_CONSENT -> consultationConsent
                    ? GateDecision.allow(transaction, mode)
                    : GateDecision.refuse(transaction, mode, Messages.get("gate.noAuthorizationWithoutConsent"));
            case NO_FEEDING_OPPOSITION -> consent.map(Consent::feedingOpposed).orElse(false)
                    ? GateDecision.refuse(transaction, mode, Messages.get("gate.feedingOpposed"))
                    : GateDecision.allow(transaction, mode);
        };
    }

    /** Like {@link #check}, throwing {@link ConsentRequiredException} when the transaction must not be sent. */
    public GateDecision require(DmpTransaction transaction, Optional<Consent> consent, AccessMode mode) {
        GateDecision decision = check(transaction, consent, mode);
        if (!decision.allowed()) {
            throw new ConsentRequiredException(decision);
        }
        return decision;
    }
}
