package org.caducee.cli.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.caducee.cli.CliCommand;
import org.osgi.framework.BundleContext;
import org.osgi.util.tracker.ServiceTracker;

/** Services from the OSGi registry through {@link ServiceTracker}s, opened on demand and closed with the run. */
public final class OsgiServices implements ServiceSource, AutoCloseable {

    private final BundleContext context;
    private final Map<Class<?>, ServiceTracker<?, ?>> trackers = new LinkedHashMap<>();

    public OsgiServices(BundleContext context) {
        this.context = context;
    }

    @SuppressWarnings("unchecked")
    private synchronized <S> ServiceTracker<S, S> tracker(Class<S> type) {
        return (ServiceTracker<S, S>) trackers.computeIfAbsent(type, t -> {
            ServiceTracker<S, S> tracker = new ServiceTracker<>(context, type, null);
            tracker.open();
            return tracker;
        });
    }

    @Override
    public <S> Optional<S> get(Class<S> type, Duration timeout) {
        try {
            return Optional.ofNullable(tracker(type).waitForService(Math.max(1, timeout.toMillis())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    @Override
    public List<CliCommand> commands() {
        Object[] services = tracker(CliCommand.class).getServices();
        List<CliCommand> list = new ArrayList<>();
        if (services != null) {
            for (Object service : services) {
                list.add((CliCommand) service);
            }
        }
        return list;
    }

    @Override
    public synchronized void close() {
        trackers.values().forEach(ServiceTracker::close);
        trackers.clear();
    }
}
