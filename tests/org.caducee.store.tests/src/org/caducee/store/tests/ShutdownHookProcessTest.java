package org.caducee.store.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.caducee.store.internal.CoreSchema;
import org.caducee.store.internal.DatabaseImpl;
import org.caducee.store.internal.ShutdownHook;
import org.caducee.testing.ChildFramework;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;

/**
 * A real process: a second Equinox (the bundles of this test runtime, with Declarative Services, the event admin and
 * the store started, as in the products) creates its database, then receives SIGTERM like a workbench closed by the
 * desktop session or a service stopped by systemd. With {@code caducee.shutdown.hook=true} (what the product
 * launchers set) the framework stops in order and the embedded database is shut down cleanly; the next start finds
 * every committed change.
 */
class ShutdownHookProcessTest {

    /** The bundles the child starts; every other bundle of this runtime is only installed. */
    private static final Map<String, Integer> STARTED = Map.of("org.apache.felix.scr", 2, "org.eclipse.equinox.event", 2, "org.caducee.store", 2);

    @TempDir
    Path dir;

    @Test
    void sigtermStopsTheFrameworkInOrder_theDatabaseIsClosedCleanlyAndKeepsItsCommittedChanges() throws Exception {
        Path data = dir.resolve("data");
        Child child = start(data, true);
        child.waitForCoreSchema();
        child.waitFor("Arrêt ordonné sur SIGTERM activé"); // the hook is installed: SIGTERM from now on stops in order
        child.process().destroy(); // SIGTERM
        assertThat(child.process().waitFor(60, TimeUnit.SECONDS)).as("arrêt après SIGTERM\n" + child.output()).isTrue();

        assertThat(header(data)).as("base fermée proprement (SHUTDOWN H2)\n" + child.output()).contains("clean:1");
        assertThat(appliedCoreSteps(data)).isEqualTo(coreSteps());
    }

    @Test
    void withoutTheHook_sigtermSkipsTheOrderlyStop_butH2StillKeepsTheCommittedChanges() throws Exception {
        Path data = dir.resolve("data");
        Child child = start(data, false);
        child.waitForCoreSchema();
        child.process().destroy();
        assertThat(child.process().waitFor(60, TimeUnit.SECONDS)).as("arrêt après SIGTERM\n" + child.output()).isTrue();

        // no component was deactivated: H2's own exit hook only wrote its pending changes, the file is not marked clean
        assertThat(header(data)).doesNotContain("clean:1");
        assertThat(appliedCoreSteps(data)).isEqualTo(coreSteps());
    }

    private static int coreSteps() {
        return new CoreSchema().steps().size();
    }

    /** The versions of the core module recorded in the database, read as the next start would: no migration run. */
    private static int appliedCoreSteps(Path data) {
        DatabaseImpl database = new DatabaseImpl(Fixture.installation(data, Map.of()));
        try {
            return database.withConnection(c -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM caducee_schema_history WHERE module = ?")) {
                    ps.setString(1, CoreSchema.MODULE);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        return rs.getInt(1);
                    }
                }
            });
        } finally {
            database.close();
        }
    }

    /** The text header of the H2 file (MVStore writes {@code clean:1} there when the database was shut down). */
    private static String header(Path data) throws IOException {
        byte[] all = Files.readAllBytes(data.resolve("db").resolve("caducee.mv.db"));
        return new String(all, 0, Math.min(all.length, 4096), StandardCharsets.ISO_8859_1);
    }

    private Child start(Path data, boolean hook) throws IOException {
        BundleContext context = FrameworkUtil.getBundle(ShutdownHookProcessTest.class).getBundleContext();
        return new Child(new ChildFramework(context, dir, STARTED, Map.of("caducee.data.dir", data.toString(), ShutdownHook.PROPERTY, String.valueOf(hook)),
                ShutdownHook.class.getName()).start());
    }

    private record Child(ChildFramework.Child child) {

        Process process() {
            return child.process();
        }

        String output() {
            return child.output();
        }

        /** Waits until the child has applied the last core step: committed changes to keep. */
        void waitForCoreSchema() throws InterruptedException {
            List<org.caducee.store.SchemaMigrations.Step> steps = new CoreSchema().steps();
            waitFor("Migration " + CoreSchema.MODULE + " " + steps.get(steps.size() - 1).version() + " appliquée");
        }

        void waitFor(String last) throws InterruptedException {
            child.waitFor(last, Duration.ofSeconds(90));
        }
    }
}
