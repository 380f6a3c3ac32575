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
        assertThat(cog).as("service CogReferential").isNotNull();
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
}
