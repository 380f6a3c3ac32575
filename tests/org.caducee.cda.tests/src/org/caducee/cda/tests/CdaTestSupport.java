package org.caducee.cda.tests;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Optional;

import org.caducee.cda.internal.CdaValidatorImpl;
import org.caducee.core.installation.Installation;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;

/** The official kit (never copied into the repository) and the services under test, wired by SCR in Equinox. */
final class CdaTestSupport {

    private static ServiceRegistration<Installation> installation;

    private CdaTestSupport() {
    }

    static Path kit() {
        String shared = System.getProperty("caducee.shared", "../../../shared");
        return Path.of(shared, "ans", "testcontenucda").toAbsolutePath().normalize();
    }

    static Path example(String name) {
        return kit().resolve("ExemplesCDA").resolve(name);
    }

    static byte[] read(String name) throws IOException {
        return Files.readAllBytes(example(name));
    }

    /** Registers (once) an Installation whose setting {@code cda.kit.dir} names the shared kit. */
    static synchronized BundleContext context() throws Exception {
        Bundle bundle = FrameworkUtil.getBundle(CdaValidatorImpl.class);
        BundleContext context = bundle.getBundleContext();
        if (context == null) {
            bundle.start();
            context = bundle.getBundleContext();
        }
        if (installation == null) {
            Dictionary<String, Object> props = new Hashtable<>();
            props.put(Constants.SERVICE_RANKING, 1000);
            Path data = Files.createTempDirectory("caducee-cda");
            installation = context.registerService(Installation.class, new Installation() {
                @Override
                public Path dataDir() {
                    return data;
                }

                @Override
                public boolean sandbox() {
                    return true;
                }

                @Override
                public Optional<String> setting(String key) {
                    return "cda.kit.dir".equals(key) ? Optional.of(kit().toString()) : Optional.empty();
                }
            }, props);
        }
        if (bundle.getState() != Bundle.ACTIVE) {
            bundle.start();
        }
        return context;
    }

    /** SchXslt2's {@code content/transpile.xsl} in its bundle, for engines built outside DS (probes). */
    static URL transpiler() {
        try {
            for (Bundle b : context().getBundles()) {
                if (b.getSymbolicName() != null && b.getSymbolicName().contains("schxslt2")) {
                    URL url = b.getEntry("content/transpile.xsl");
                    if (url != null) {
                        return url;
                    }
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return null;
    }

    static <T> T service(Class<T> type) throws Exception {
        BundleContext context = context();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            ServiceReference<T> reference = context.getServiceReference(type);
            if (reference != null) {
                T service = context.getService(reference);
                if (service != null) {
                    return service;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("service " + type.getName() + " not available");
    }
}
