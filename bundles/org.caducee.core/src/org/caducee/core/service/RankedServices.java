package org.caducee.core.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import org.osgi.framework.Constants;
import org.osgi.service.component.ComponentServiceObjects;

/**
 * The services of one type a component sees through a dynamic multiple reference (settings sources, DMP callers…),
 * in the order OSGi ranks them: highest {@code service.ranking} first, then the oldest. The sandbox's simulators rank
 * above the installation's settings, so the first that answers wins.
 * <p>
 * A service may be added as {@link ComponentServiceObjects} and obtained when first asked rather than at bind time: a
 * component that is a source and something else at once (the sandbox's local DMP, a simulator and a settings source)
 * may be activating while SCR binds it; SCR then records the reference as bound but never hands the object to a plain
 * bind method. Removing releases what was obtained.
 */
public final class RankedServices<S> {

    private record Key(int ranking, long id) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            int byRanking = Integer.compare(o.ranking, ranking);
            return byRanking != 0 ? byRanking : Long.compare(id, o.id);
        }
    }

    /** A service, obtained at most once, released on removal. */
    private static final class Entry<S> {
        private final ComponentServiceObjects<S> objects;
        private S service;

        Entry(ComponentServiceObjects<S> objects, S service) {
            this.objects = objects;
            this.service = service;
        }

        synchronized Optional<S> get() {
            if (service == null && objects != null) {
                service = objects.getService();
            }
            return Optional.ofNullable(service);
        }

        synchronized void release() {
            if (service != null && objects != null) {
                try {
                    objects.ungetService(service);
                } catch (IllegalStateException | IllegalArgumentException e) {
                    // the providing component is already gone
                }
                service = null;
            }
        }
    }

    private final Map<Key, Entry<S>> entries = new ConcurrentSkipListMap<>();
    /** Ids for services added without a {@code service.id} (built outside OSGi): after every registered one. */
    private final AtomicLong unregistered = new AtomicLong(Long.MAX_VALUE / 2);

    /** Adds a service bound as an object with its service properties. */
    public void add(S service, Map<String, Object> properties) {
        entries.put(key(properties), new Entry<>(null, service));
    }

    /** Adds a service obtained when first asked (see the class comment). */
    public void add(ComponentServiceObjects<S> objects, Map<String, Object> properties) {
        entries.put(key(properties), new Entry<>(objects, null));
    }

    /** Removes the service with these properties, releasing it when it was obtained here. */
    public void remove(Map<String, Object> properties) {
        Entry<S> removed = entries.remove(key(properties));
        if (removed != null) {
            removed.release();
        }
    }

    /** The services, highest ranking first (those that can be obtained now). */
    public List<S> inOrder() {
        List<S> out = new ArrayList<>();
        for (Entry<S> entry : List.copyOf(entries.values())) {
            entry.get().ifPresent(out::add);
        }
        return out;
    }

    /** The first answer of {@code ask} over the services, highest ranking first. */
    public <T> Optional<T> first(Function<? super S, Optional<T>> ask) {
        for (S service : inOrder()) {
            Optional<T> answer = ask.apply(service);
            if (answer.isPresent()) {
                return answer;
            }
        }
        return Optional.empty();
    }

    private Key key(Map<String, Object> properties) {
        Object ranking = properties.get(Constants.SERVICE_RANKING);
        Object id = properties.get(Constants.SERVICE_ID);
        return new Key(ranking instanceof Integer i ? i : 0, id instanceof Long l ? l : unregistered.incrementAndGet());
    }
}
