package org.caducee.ins.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.concurrent.TimeUnit;

import org.caducee.ins.cog.CogLookup;
import org.caducee.ins.cog.CogReferential;
import org.caducee.ins.cog.CogStatus;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.Bundle;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.util.tracker.ServiceTracker;

/**
 * In the OSGi test runtime, DS wires the referential: store → migrations of module {@code ins} → CogReferential. The
 * test runtime's data directory has no COG files, so the referential says so instead of failing.
 */
class DeclarativeServicesTest {

    @Test
    void theReferentialAppears_andWithoutFilesAnswersWithoutThrowing() throws Exception {
        BundleContext context = FrameworkUtil.getBundle(DeclarativeServicesTest.class).getBundleContext();
        ServiceTracker<CogReferential, CogReferential> tracker = new ServiceTracker<>(context, CogReferential.class, null);
        tracker.open();
        CogReferential cog;
        try {
            cog = tracker.waitForService(TimeUnit.SECONDS.toMillis(60));
        } finally {
            tracker.close();
        }
        assertThat(cog).as("service CogReferential; %s", diagnostics(context)).isNotNull();
        CogStatus status = cog.ready().toCompletableFuture().get(5, TimeUnit.MINUTES);
        assertThat(status.state()).isIn(CogStatus.State.READY, CogStatus.State.UNAVAILABLE);
        assertThat(status.message()).isNotBlank();
        CogLookup lookup = cog.lookup("63220", LocalDate.of(1975, 12, 31));
        if (status.ready()) {
            assertThat(lookup.result()).isEqualTo(CogLookup.Result.FOUND);
        } else {
            assertThat(status.message()).contains("ins.cog.dir");
            assertThat(lookup.result()).isEqualTo(CogLookup.Result.REFERENTIAL_UNAVAILABLE);
        }
        assertThat(cog.lookup("99999", null).result()).isEqualTo(CogLookup.Result.UNKNOWN_BIRTHPLACE);
    }

    /** States of the Caducée bundles and their components, to explain a missing service. */
    private static String diagnostics(BundleContext context) {
        StringBuilder out = new StringBuilder();
        for (Bundle b : context.getBundles()) {
            if (b.getSymbolicName() != null && b.getSymbolicName().startsWith("org.caducee")) {
                out.append(b.getSymbolicName()).append('=').append(b.getState()).append(' ');
            }
        }
        var ref = context.getServiceReference(ServiceComponentRuntime.class);
        if (ref == null) {
            return out.append("no SCR").toString();
        }
        ServiceComponentRuntime scr = context.getService(ref);
        for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs()) {
            if (!d.name.startsWith("org.caducee")) {
                continue;
            }
            out.append("\n").append(d.name).append(" enabled=").append(scr.isComponentEnabled(d));
            for (ComponentConfigurationDTO c : scr.getComponentConfigurationDTOs(d)) {
                out.append(" state=").append(c.state);
                for (var u : c.unsatisfiedReferences) {
                    out.append(" unsatisfied=").append(u.name).append(u.target == null ? "" : u.target);
                }
                if (c.failure != null) {
                    out.append(" failure=").append(c.failure.lines().findFirst().orElse(""));
                }
            }
        }
        return out.toString();
    }
}
