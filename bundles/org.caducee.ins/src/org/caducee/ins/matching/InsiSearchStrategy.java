package org.caducee.ins.matching;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.caducee.core.identity.BirthTraits;

/**
 * The order in which a search by traits queries INSi, as pure functions the INSi client calls:
 * <ol>
 * <li>first names: each birth first name alone, in order, then the full list (when there are several);</li>
 * <li>each query is sent first <b>without</b> the birthplace code; on answer 02 (several identities) the same query
 * is silently retried <b>with</b> it (unless the birthplace is unknown, 99999, or absent);</li>
 * <li>the search stops at the first answer 00.</li>
 * </ol>
 */
public final class InsiSearchStrategy {

    private InsiSearchStrategy() {
    }

    /** The values of {@code Prenom} to try, in order: each first name alone, then the full list. */
    public static List<String> firstNameQueries(BirthTraits traits) {
        Set<String> out = new LinkedHashSet<>(traits.birthFirstNames());
        if (traits.birthFirstNames().size() > 1) {
            out.add(traits.firstNamesList());
        }
        return List.copyOf(out);
    }

    /** All the queries without birthplace, in the order they are tried. */
    public static List<TraitsQuery> queries(BirthTraits traits) {
        List<TraitsQuery> out = new ArrayList<>();
        List<String> names = firstNameQueries(traits);
        if (names.isEmpty()) {
            out.add(new TraitsQuery(traits.birthName(), null, traits.sex(), traits.birthDate(), null));
        }
        for (String name : names) {
            out.add(new TraitsQuery(traits.birthName(), name, traits.sex(), traits.birthDate(), null));
        }
        return out;
    }

    /** The retry after {@code answer} to {@code sent}: the same query with the birthplace, on answer 02 only. */
    public static Optional<TraitsQuery> birthplaceRetry(TraitsQuery sent, InsiAnswer answer, BirthTraits traits) {
        String code = traits.birthplaceCode();
        if (answer != InsiAnswer.SEVERAL || sent.withBirthplace() || code == null || BirthTraits.UNKNOWN_BIRTHPLACE.equals(code)) {
            return Optional.empty();
        }
        return Optional.of(sent.withBirthplace(code));
    }

    /** The next query to send given what was already sent, or empty when the search is over. */
    public static Optional<TraitsQuery> next(BirthTraits traits, List<InsiAttempt> history) {
        if (history.stream().anyMatch(a -> a.answer() == InsiAnswer.FOUND)) {
            return Optional.empty();
        }
        if (!history.isEmpty()) {
            InsiAttempt last = history.get(history.size() - 1);
            Optional<TraitsQuery> retry = birthplaceRetry(last.query(), last.answer(), traits);
            if (retry.isPresent() && history.stream().noneMatch(a -> a.query().equals(retry.get()))) {
                return retry;
            }
        }
        return queries(traits).stream().filter(q -> history.stream().noneMatch(a -> a.query().equals(q))).findFirst();
    }
}
