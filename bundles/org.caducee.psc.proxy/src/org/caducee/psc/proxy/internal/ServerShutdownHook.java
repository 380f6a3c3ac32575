package org.caducee.psc.proxy.internal;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * Headless server only (framework property {@code caducee.shutdown.hook=true}, set by {@code caducee-proxy}): Equinox
 * runs with {@code osgi.noShutdown} and no application, and does not stop the framework when the JVM is asked to end
 * (SIGTERM from systemd, Ctrl+C). This hook stops the framework in order, so that the proxy closes its port and
 * its sessions, traces its stop to the audit trail and the database closes cleanly.
 */
@Component(immediate = true)
public final class ServerShutdownHook {

    /** Framework property that enables the hook. */
    public static final String PROPERTY = "caducee.shutdown.hook";

    private static final System.Logger LOG = System.getLogger(ServerShutdownHook.class.getName());

    private final Thread hook;

    @Activate
    public ServerShutdownHook(BundleContext context) {
        Bundle system = context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION);
        if (!Boolean.parseBoolean(context.getProperty(PROPERTY)) || !(system instanceof Framework framework)) {
            hook = null;
            return;
        }
        hook = new Thread(() -> {
            try {
                framework.stop();
                framework.waitForStop(30_000);
            } catch (BundleException e) {
                LOG.log(System.Logger.Level.WARNING, Messages.get("shutdown.failed", e.getMessage()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "caducee-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
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
