package org.caducee.dmp.ui.tests;

import java.util.Map;

import org.eclipse.equinox.app.IApplicationContext;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

/** The branding properties of the Caducée product, as the product extension gives them to E4Application. */
final class TestApplicationContext implements IApplicationContext {

    private final Map<String, String> branding;

    TestApplicationContext(Map<String, String> branding) {
        this.branding = branding;
    }

    @Override
    public Map<String, Object> getArguments() {
        return Map.of(IApplicationContext.APPLICATION_ARGS, new String[0]);
    }

    @Override
    public void applicationRunning() {
    }

    @Override
    public String getBrandingApplication() {
        return "org.eclipse.e4.ui.workbench.swt.E4Application";
    }

    @Override
    public String getBrandingName() {
        return "Caducée";
    }

    @Override
    public String getBrandingDescription() {
        return "Caducée";
    }

    @Override
    public String getBrandingId() {
        return "org.caducee.workbench.product";
    }

    @Override
    public String getBrandingProperty(String key) {
        return branding.get(key);
    }

    @Override
    public Bundle getBrandingBundle() {
        return FrameworkUtil.getBundle(TestApplicationContext.class);
    }

    @Override
    public void setResult(Object result, org.eclipse.equinox.app.IApplication application) {
    }
}
