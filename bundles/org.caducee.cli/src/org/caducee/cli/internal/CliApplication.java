package org.caducee.cli.internal;

import java.util.Map;

import org.caducee.core.installation.Installation;
import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;

/**
 * Equinox application {@code org.caducee.cli.app}: runs one command line and returns its exit code. The launcher
 * script passes {@code --data-dir}/{@code --sandbox} as JVM properties too; they are set here again (harmless) before
 * anything asks for the store.
 */
public final class CliApplication implements IApplication {

    @Override
    public Object start(IApplicationContext appContext) {
        String[] args = (String[]) appContext.getArguments().getOrDefault(IApplicationContext.APPLICATION_ARGS, new String[0]);
        appContext.applicationRunning();
        Map<String, String> props = CliRunner.launchProperties(args);
        Bundle bundle = FrameworkUtil.getBundle(CliApplication.class);
        BundleContext context = bundle.getBundleContext();
        warnIfStoreAlreadyElsewhere(context, props);
        props.forEach(System::setProperty);
        try (OsgiServices services = new OsgiServices(context)) {
            return new CliRunner(services, CliRunner.defaultTimeout()).run(args, System.out, System.err);
        } finally {
            System.out.flush();
            System.err.flush();
        }
    }

    /** The store may have started already (eager start levels): tell the user which directory it really uses. */
    private static void warnIfStoreAlreadyElsewhere(BundleContext context, Map<String, String> props) {
        String wanted = props.get(Installation.DATA_DIR_PROPERTY);
        if (wanted == null) {
            return;
        }
        ServiceReference<Installation> ref = context.getServiceReference(Installation.class);
        if (ref == null) {
            return;
        }
        Installation installation = context.getService(ref);
        try {
            if (installation != null && !installation.dataDir().toAbsolutePath().normalize().toString().equals(wanted)) {
                System.err.println(Messages.get("warn.otherDataDir", installation.dataDir(), wanted));
            }
        } finally {
            context.ungetService(ref);
        }
    }

    @Override
    public void stop() {
        // One-shot command: nothing to interrupt.
    }
}
