package org.caducee.dmp.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

import org.caducee.dmp.DmpCaller;
import org.caducee.dmp.DmpCallerSource;
import org.osgi.framework.Constants;

/**
 * The {@link DmpCallerSource} services seen by one component, highest {@code service.ranking} first: who can call
 * the DMP from this workstation now.
 */
final class DmpCallers {

    private final Map<Key, DmpCallerSource> sources = new ConcurrentSkipListMap<>();

    private record Key(int ranking, long id) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            int byRanking = Integer.compare(o.ranking, ranking);
            return byRanking != 0 ? byRanking : Long.compare(id, o.id);
        }
    }

    void add(DmpCallerSource source, Map<String, Object> properties) {
        sources.put(key(properties), source);
    }

    void remove(Map<String, Object> properties) {
        sources.remove(key(properties));
    }

    private static Key key(Map<String, Object> properties) {
        Object ranking = properties.get(Constants.SERVICE_RANKING);
        return new Key(ranking instanceof Integer i ? i : 0, (Long) properties.get(Constants.SERVICE_ID));
    }

    /** The first caller answering; with {@code personal}, one whose credential also allows consulting. */
    Optional<DmpCaller> first(boolean personal) {
        for (DmpCallerSource source : List.copyOf(sources.values())) {
            Optional<DmpCaller> caller = source.current().filter(c -> !personal || !c.feedingOnly());
            if (caller.isPresent()) {
                return caller;
            }
        }
        return Optional.empty();
    }

    /** The first caller answering for the professional {@code nationalId}: his or her credentials on this workstation. */
    Optional<DmpCaller> forProfessional(String nationalId) {
        for (DmpCallerSource source : List.copyOf(sources.values())) {
            Optional<DmpCaller> caller = source.current().filter(c -> c.professional().nationalId().equals(nationalId));
            if (caller.isPresent()) {
                return caller;
            }
        }
        return Optional.empty();
    }
}
