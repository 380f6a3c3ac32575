package org.caducee.dmp.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.caducee.core.care.Consent;
import org.caducee.dmp.AccessMode;
import org.caducee.dmp.ConsentGate;
import org.caducee.dmp.ConsentRequiredException;
import org.caducee.dmp.DmpTransaction;
import org.caducee.dmp.GateDecision;
import org.junit.jupiter.api.Test;

/**
 * The consent gate over every combination of transaction, recorded choices (none, or each of the 8 combinations of
 * informed / opposed to feeding / consultation allowed) and access mode: the property the DSR states, checked
 * exhaustively.
 */
class ConsentGateTest {

    private final ConsentGate gate = new ConsentGate();
    private static final UUID EPISODE = UUID.randomUUID();

    private static List<Optional<Consent>> allChoices() {
        List<Optional<Consent>> all = new ArrayList<>();
        all.add(Optional.empty());
        for (int bits = 0; bits < 8; bits++) {
            all.add(Optional.of(new Consent(EPISODE, (bits & 1) != 0, (bits & 2) != 0, (bits & 4) != 0, "medecin",
                    Instant.parse("2026-11-23T09:00:00Z"))));
        }
        return all;
    }

    @Test
    void givenAnyChoices_whenAConsultationIsAsked_thenItLeavesOnlyWithConsentOrInAnEmergency() {
        int checked = 0;
        for (DmpTransaction tx : DmpTransaction.values()) {
            for (Optional<Consent> consent : allChoices()) {
                for (AccessMode mode : AccessMode.values()) {
                    GateDecision d = gate.check(tx, consent, mode);
                    boolean consultationConsent = consent.map(Consent::consultationAllowed).orElse(false);
                    boolean opposed = consent.map(Consent::feedingOpposed).orElse(false);
                    boolean expected = switch (tx) {
                        case TD3_1_LIST, TD3_2_RETRIEVE -> consultationConsent || mode != AccessMode.NORMAL;
                        case TD0_3_AUTHORIZE -> consultationConsent;
                        case TD2_1_FEED -> !opposed;
                        case TD0_2_EXISTENCE, TD0_3_REVOKE, TD3_3_VISIBILITY, TD3_3_STATUS -> true;
                    };
                    assertThat(d.allowed()).as("%s %s %s", tx, consent, mode).isEqualTo(expected);
                    assertThat(d.refusal().isPresent()).isEqualTo(!expected);
                    checked++;
                }
            }
        }
        assertThat(checked).isEqualTo(DmpTransaction.values().length * 9 * 3);
    }

    @Test
    void givenNothingRecorded_thenFeedingIsAllowedAndConsultationIsNot() {
        assertThat(gate.check(DmpTransaction.TD2_1_FEED, Optional.empty(), AccessMode.NORMAL).allowed()).isTrue();
        assertThat(gate.check(DmpTransaction.TD3_1_LIST, Optional.empty(), AccessMode.NORMAL).allowed()).isFalse();
    }

    @Test
    void givenNoConsent_whenRequired_thenTheUserReadsWhyInFrench() {
        assertThatThrownBy(() -> gate.require(DmpTransaction.TD3_2_RETRIEVE, Optional.empty(), AccessMode.NORMAL))
                .isInstanceOf(ConsentRequiredException.class)
                .hasMessageContaining("consentement du patient à la consultation")
                .hasMessageContaining("bris de glace");
        Consent opposed = new Consent(EPISODE, true, true, true, "medecin", Instant.now());
        assertThatThrownBy(() -> gate.require(DmpTransaction.TD2_1_FEED, Optional.of(opposed), AccessMode.NORMAL))
                .hasMessageContaining("opposé à l’alimentation");
    }

    @Test
    void givenBreakGlass_thenNoAuthorisationIsAskedOnItsBehalf() {
        assertThat(gate.check(DmpTransaction.TD3_1_LIST, Optional.empty(), AccessMode.BRIS_DE_GLACE).allowed()).isTrue();
        assertThat(gate.check(DmpTransaction.TD0_3_AUTHORIZE, Optional.empty(), AccessMode.BRIS_DE_GLACE).allowed())
                .isFalse();
    }
}
