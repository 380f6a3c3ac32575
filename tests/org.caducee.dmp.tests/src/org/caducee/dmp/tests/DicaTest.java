package org.caducee.dmp.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;

import org.caducee.core.care.CareEpisode;
import org.caducee.core.care.Consent;
import org.caducee.core.identity.IdentityStatus;
import org.caducee.dmp.AccessMode;
import org.caducee.dmp.AuthorizationSchedule;
import org.caducee.dmp.Dica;
import org.caducee.dmp.DicaCondition;
import org.caducee.dmp.DicaFacts;
import org.caducee.dmp.DicaFix;
import org.caducee.dmp.DmpState;
import org.caducee.dmp.InformationNotice;
import org.junit.jupiter.api.Test;

class DicaTest {

    private static final UUID EPISODE = UUID.randomUUID();
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final Optional<Consent> CONSENT = Optional.of(new Consent(EPISODE, true, false, true, "medecin", NOW));

    @Test
    void givenEverythingInPlace_thenTheDmpIsConsultableAndNothingFails() {
        Dica dica = Dica.of(new DicaFacts(DmpState.OPEN, IdentityStatus.QUALIFIEE, CONSENT, AccessMode.NORMAL, true));
        assertThat(dica.consultable()).isTrue();
        assertThat(dica.failing()).isEmpty();
        assertThat(dica.items().stream().map(i -> i.condition()).toList()).containsExactly(DicaCondition.values());
    }

    @Test
    void givenAFreshRecord_thenEachFailingConditionSaysWhyAndOffersItsFix() {
        Dica dica = Dica.of(new DicaFacts(DmpState.UNREACHABLE, IdentityStatus.RECUPEREE, Optional.empty(),
                AccessMode.NORMAL, false));
        assertThat(dica.consultable()).isFalse();
        assertThat(dica.failing()).hasSize(4);
        assertThat(dica.item(DicaCondition.DMP_ACCESSIBLE).fix()).contains(DicaFix.WEATHER_PAGE);
        assertThat(dica.item(DicaCondition.DMP_ACCESSIBLE).detail()).contains("météo");
        assertThat(dica.item(DicaCondition.INS_QUALIFIEE).detail()).contains("« récupérée »");
        assertThat(dica.item(DicaCondition.INS_QUALIFIEE).fix()).contains(DicaFix.QUALIFY_INS);
        assertThat(dica.item(DicaCondition.CONSENTEMENT).fix()).contains(DicaFix.RECORD_CONSENT);
        assertThat(dica.item(DicaCondition.AUTHENTIFICATION).fix()).contains(DicaFix.LOGIN_PSC);
    }

    @Test
    void givenBreakGlass_thenConsentIsSatisfiedAndSaysItIsTraced() {
        Dica dica = Dica.of(new DicaFacts(DmpState.OPEN, IdentityStatus.QUALIFIEE, Optional.empty(),
                AccessMode.BRIS_DE_GLACE, true));
        assertThat(dica.consultable()).isTrue();
        assertThat(dica.item(DicaCondition.CONSENTEMENT).detail()).contains("bris de glace");
    }

    @Test
    void givenABlockedProfessional_thenNoFixIsOffered() {
        Dica dica = Dica.of(new DicaFacts(DmpState.BLOCKED, IdentityStatus.QUALIFIEE, CONSENT, AccessMode.NORMAL, true));
        assertThat(dica.consultable()).isFalse();
        assertThat(dica.item(DicaCondition.DMP_ACCESSIBLE).fix()).isEmpty();
        assertThat(dica.item(DicaCondition.DMP_ACCESSIBLE).detail()).contains("bloqué");
    }

    @Test
    void authorisationIsAskedOnceConsentIsRecordedThenRenewedAfterSixMonthsWhileTheEpisodeLasts() {
        AuthorizationSchedule schedule = new AuthorizationSchedule(AuthorizationSchedule.DEFAULT_VALIDITY, ZoneId.of("Europe/Paris"));
        CareEpisode open = new CareEpisode(EPISODE, UUID.randomUUID(), "Suivi", LocalDate.of(2026, 1, 1), null);
        CareEpisode closed = new CareEpisode(EPISODE, UUID.randomUUID(), "Suivi", LocalDate.of(2026, 1, 1), LocalDate.of(2026, 6, 1));
        assertThat(schedule.authorizationDue(open, CONSENT, Optional.empty(), NOW)).isTrue();
        assertThat(schedule.authorizationDue(open, Optional.empty(), Optional.empty(), NOW)).isFalse();
        assertThat(schedule.authorizationDue(closed, CONSENT, Optional.empty(), NOW)).isFalse();
        Instant fiveMonthsAgo = NOW.atZone(ZoneId.of("Europe/Paris")).minus(Period.ofMonths(5)).toInstant();
        Instant sixMonthsAgo = NOW.atZone(ZoneId.of("Europe/Paris")).minus(Period.ofMonths(6)).toInstant();
        assertThat(schedule.authorizationDue(open, CONSENT, Optional.of(fiveMonthsAgo), NOW)).isFalse();
        assertThat(schedule.authorizationDue(open, CONSENT, Optional.of(sixMonthsAgo), NOW)).isTrue();
    }

    @Test
    void informationNoticeIsShownAtFirstUseThenEvery180Days() {
        InformationNotice notice = new InformationNotice(InformationNotice.DEFAULT_PERIOD);
        assertThat(notice.due(Optional.empty(), NOW)).isTrue();
        assertThat(notice.due(Optional.of(NOW.minus(Duration.ofDays(179))), NOW)).isFalse();
        assertThat(notice.due(Optional.of(NOW.minus(Duration.ofDays(180))), NOW)).isTrue();
    }
}
