package org.caducee.testing;

import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;

import org.caducee.store.Database;
import org.caducee.store.SchemaReady;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;

/** Helpers for tests running in the OSGi test runtime (Equinox + Felix SCR). */
public final class Osgi {

    private Osgi() {
    }

    /** Waits for a service of {@code type} to be registered and returns it; fails after {@code timeout}. */
    public static <T> T await(BundleContext context, Class<T> type, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            ServiceReference<T> reference = context.getServiceReference(type);
            if (reference != null) {
                T service = context.getService(reference);
                if (service != null) {
                    return service;
                }
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("service absent : " + type.getName());
    }

    /** Stops the bundle of {@code type} if it is active, e.g. the real store when a test plays its part itself. */
    public static void stopBundleOf(Class<?> type) throws BundleException {
        Bundle bundle = FrameworkUtil.getBundle(type);
        if (bundle != null && bundle.getState() == Bundle.ACTIVE) {
            bundle.stop();
        }
    }

    /** Starts the bundle of {@code type} if needed and returns its context. */
    public static BundleContext startBundleOf(Class<?> type) throws BundleException {
        Bundle bundle = FrameworkUtil.getBundle(type);
        if (bundle.getState() != Bundle.ACTIVE) {
            bundle.start();
        }
        return bundle.getBundleContext();
    }

    /**
     * Plays the store's part for {@code module}: registers {@code database} as the {@link Database} service, then the
     * module's {@link SchemaReady} marker at {@code version}. The caller unregisters what is returned.
     */
    public static List<ServiceRegistration<?>> registerStore(BundleContext context, Database database, String module, int version) {
        ServiceRegistration<Database> db = context.registerService(Database.class, database, null);
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(SchemaReady.PROPERTY_MODULE, module);
        return List.of(db, context.registerService(SchemaReady.class, TestDatabase.schemaReady(module, version), properties));
    }
}
