package org.caducee.cli.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.Arrays;

import org.caducee.cli.internal.CliRunner;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

class ApplicationExtensionTest {

    @Test
    void givenPluginXml_thenTheRegistryDeclaresApplicationOrgCaduceeCliApp() throws Exception {
        BundleContext context = FrameworkUtil.getBundle(CliRunner.class).getBundleContext();
        Bundle registry = Arrays.stream(context.getBundles()).filter(b -> "org.eclipse.equinox.registry".equals(b.getSymbolicName()))
                .findFirst().orElse(null);
        Assumptions.assumeTrue(registry != null, "org.eclipse.equinox.registry absent du runtime de test");
        registry.start(Bundle.START_TRANSIENT);
        ServiceTracker<Object, Object> tracker = new ServiceTracker<>(context,
                context.createFilter("(objectClass=org.eclipse.core.runtime.IExtensionRegistry)"), null);
        tracker.open(true);
        try {
            Object service = tracker.waitForService(10_000);
            assertThat(service).as("IExtensionRegistry").isNotNull();
            Method getExtension = service.getClass().getMethod("getExtension", String.class, String.class);
            Object extension = getExtension.invoke(service, "org.eclipse.core.runtime.applications", "org.caducee.cli.app");
            assertThat(extension).as("extension org.caducee.cli.app").isNotNull();
        } finally {
            tracker.close();
        }
    }
}
