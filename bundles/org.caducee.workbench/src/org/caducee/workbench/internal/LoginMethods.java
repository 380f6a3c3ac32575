package org.caducee.workbench.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.caducee.workbench.LoginMethod;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/** The {@link LoginMethod} services registered when the login dialog opens, highest ranking first. */
final class LoginMethods {

    private LoginMethods() {
    }

    static List<LoginMethod> find() {
        Bundle bundle = FrameworkUtil.getBundle(LoginMethods.class);
        BundleContext context = bundle == null ? null : bundle.getBundleContext();
        List<LoginMethod> out = new ArrayList<>();
        if (context == null) {
            return out;
        }
        try {
            Collection<ServiceReference<LoginMethod>> refs = context.getServiceReferences(LoginMethod.class, null);
            refs.stream().sorted(java.util.Comparator.reverseOrder()).forEach(r -> {
                LoginMethod m = context.getService(r);
                if (m != null) {
                    out.add(m);
                }
            });
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }
}
