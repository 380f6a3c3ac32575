package org.caducee.store.internal;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * Orderly stop on SIGTERM / Ctrl+C for every Caducée product (workbench, {@code caducee-cli}, {@code caducee-proxy}),
 * enabled by the framework property {@code caducee.shutdown.hook=true} that their launchers set. Equinox installs no
 * JVM shutdown hook, so when the JVM is asked to end nothing would deactivate the components: no trace of the end of
 * the session, no closed ports, no {@code SHUTDOWN} of the embedded database. This hook stops the framework in order
 * (the running e4 application is stopped first, then the components) and waits for it, at most {@link #WAIT_MS}.
 * It lives in the store because every product carries the store and the database is what must close cleanly.
 */
@Component(immediate = true)
public final class ShutdownHook {

    /** Framework property that enables the hook. */
    public static final String PROPERTY = "caducee.shutdown.hook";

    /** Longest wait for the framework to stop; the JVM then ends anyway (H2 still writes its committed changes). */
    static final long WAIT_MS = 20_000;

    private static final System.Logger LOG = System.getLogger(ShutdownHook.class.getName());

    private final Thread hook;

    @Activate
    public ShutdownHook(BundleContext context) {
        Bundle system = context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION);
        if (!Boolean.parseBoolean(context.getProperty(PROPERTY)) || !(system instanceof Framework framework)) {
            hook = null;
            return;
        }
        Thread thread = new Thread(() -> {
            try {
                framework.stop();
                framework.waitForStop(WAIT_MS);
            } catch (BundleException e) {
                LOG.log(System.Logger.Level.WARNING, Messages.get("shutdown.failed", e.getMessage()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "caducee-shutdown");
        Thread installed = thread;
        try {
            Runtime.getRuntime().addShutdownHook(installed);
        } catch (IllegalStateException e) {
            // SIGTERM during start-up: too late for an orderly stop (H2's own exit checkpoint still runs)
            installed = null;
        }
        hook = installed;
        if (installed != null) {
            LOG.log(System.Logger.Level.DEBUG, () -> Messages.get("shutdown.installed"));
        }
    }

    @Deactivate
    void deactivate() {
        if (hook != null && Thread.currentThread() != hook) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down: the hook is running
            }
        }
    }
}
