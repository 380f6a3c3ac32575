package org.caducee.workbench.internal;

import java.util.concurrent.TimeUnit;

import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/** Waits (off the UI thread) for an OSGi service that DS may still be activating. */
final class ServiceWaiter {

    private ServiceWaiter() {
    }

    static <T> T await(Class<T> type, long timeout, TimeUnit unit) throws InterruptedException {
        BundleContext context = FrameworkUtil.getBundle(ServiceWaiter.class).getBundleContext();
        ServiceTracker<T, T> tracker = new ServiceTracker<>(context, type, null);
        tracker.open();
        try {
            return tracker.waitForService(unit.toMillis(timeout));
        } finally {
            // The service object stays valid for the caller; the tracker only served the wait.
            tracker.close();
        }
    }
}
