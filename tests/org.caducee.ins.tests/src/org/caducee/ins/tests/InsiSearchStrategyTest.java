package org.caducee.ins.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import org.caducee.core.identity.BirthTraits;
import org.caducee.core.identity.Sex;
import org.caducee.ins.matching.InsiAnswer;
import org.caducee.ins.matching.InsiAttempt;
import org.caducee.ins.matching.InsiSearchStrategy;
import org.caducee.ins.matching.TraitsQuery;
import org.junit.jupiter.api.Test;

class InsiSearchStrategyTest {

    private static final BirthTraits PPJ = BirthTraits.of("HOUILLES", "Pierre Paul Jacques", Sex.MALE, LocalDate.of(1970, 5, 5), "63220");

    @Test
    void firstNamesAreTriedAloneThenAsTheFullList() {
        assertThat(InsiSearchStrategy.firstNameQueries(PPJ)).containsExactly("PIERRE", "PAUL", "JACQUES", "PIERRE PAUL JACQUES");
        BirthTraits one = BirthTraits.of("ADRUN", "ZOE", Sex.FEMALE, LocalDate.of(1975, 12, 31), null);
        assertThat(InsiSearchStrategy.firstNameQueries(one)).containsExactly("ZOE");
        BirthTraits hyphen = BirthTraits.of("ECETINSI", "Pierre-Alain", Sex.MALE, LocalDate.of(1960, 1, 1), null);
        assertThat(InsiSearchStrategy.firstNameQueries(hyphen)).containsExactly("PIERRE-ALAIN");
    }

    @Test
    void everyFirstQueryGoesWithoutTheBirthplace() {
        assertThat(InsiSearchStrategy.queries(PPJ)).hasSize(4).allMatch(q -> !q.withBirthplace());
    }

    @Test
    void answer02WithoutBirthplaceIsRetriedWithIt_andOnlyThen() {
        TraitsQuery first = InsiSearchStrategy.queries(PPJ).get(0);
        assertThat(InsiSearchStrategy.birthplaceRetry(first, InsiAnswer.SEVERAL, PPJ)).contains(first.withBirthplace("63220"));
        assertThat(InsiSearchStrategy.birthplaceRetry(first, InsiAnswer.NONE, PPJ)).isEmpty();
        assertThat(InsiSearchStrategy.birthplaceRetry(first.withBirthplace("63220"), InsiAnswer.SEVERAL, PPJ)).isEmpty();
        BirthTraits unknownPlace = BirthTraits.of("HOUILLES", "PIERRE", Sex.MALE, LocalDate.of(1970, 5, 5), "99999");
        assertThat(InsiSearchStrategy.birthplaceRetry(first, InsiAnswer.SEVERAL, unknownPlace)).isEmpty();
    }

    @Test
    void aWholeSearchFollowsTheStrategy_andStopsAtTheFirstSingleAnswer() {
        // PIERRE → 01, PAUL → 02, PAUL + COG → 02, JACQUES → 00
        Function<TraitsQuery, InsiAnswer> insi = q -> switch (q.firstName()) {
            case "PAUL" -> InsiAnswer.SEVERAL;
            case "JACQUES" -> InsiAnswer.FOUND;
            default -> InsiAnswer.NONE;
        };
        List<InsiAttempt> history = new ArrayList<>();
        Optional<TraitsQuery> next;
        while ((next = InsiSearchStrategy.next(PPJ, history)).isPresent()) {
            history.add(new InsiAttempt(next.get(), insi.apply(next.get())));
        }
        assertThat(history).extracting(a -> a.query().firstName() + (a.query().withBirthplace() ? "+COG" : "") + "=" + a.answer().code())
                .containsExactly("PIERRE=01", "PAUL=02", "PAUL+COG=02", "JACQUES=00");
    }

    @Test
    void noAnswerAtAllTriesEveryQueryOnce() {
        List<InsiAttempt> history = new ArrayList<>();
        Optional<TraitsQuery> next;
        while ((next = InsiSearchStrategy.next(PPJ, history)).isPresent()) {
            history.add(new InsiAttempt(next.get(), InsiAnswer.NONE));
        }
        assertThat(history).extracting(a -> a.query().firstName()).containsExactly("PIERRE", "PAUL", "JACQUES", "PIERRE PAUL JACQUES");
        assertThat(InsiAnswer.fromCode("02")).contains(InsiAnswer.SEVERAL);
        assertThat(InsiAnswer.fromCode("99")).isEmpty();
    }
}
