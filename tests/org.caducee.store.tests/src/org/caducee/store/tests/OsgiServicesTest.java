package org.caducee.store.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.caducee.core.care.CareRepository;
import org.caducee.core.document.DocumentRepository;
import org.caducee.core.installation.Installation;
import org.caducee.core.patient.PatientQuery;
import org.caducee.core.patient.PatientRepository;
import org.caducee.core.practice.PracticeRepository;
import org.caducee.store.Database;
import org.caducee.store.DatabaseMaintenance;
import org.caducee.store.Dialect;
import org.caducee.store.SchemaMigrations;
import org.caducee.store.SchemaReady;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.osgi.util.tracker.ServiceTracker;

/** In the OSGi test runtime, Declarative Services wire the store: installation → database → migrations → repositories. */
class OsgiServicesTest {

    private static <T> T service(Class<T> type) throws InterruptedException {
        BundleContext context = FrameworkUtil.getBundle(OsgiServicesTest.class).getBundleContext();
        ServiceTracker<T, T> tracker = new ServiceTracker<>(context, type, null);
        tracker.open();
        try {
            T service = tracker.waitForService(TimeUnit.SECONDS.toMillis(30));
            assertThat(service).as("service " + type.getName()).isNotNull();
            return service;
        } finally {
            // the service object stays usable for the test; the tracker is only a way to wait
            tracker.close();
        }
    }

    @Test
    void theStoreServicesAppearAndWork() throws InterruptedException {
        Installation installation = service(Installation.class);
        String configured = System.getProperty(Installation.DATA_DIR_PROPERTY);
        if (configured != null) {
            assertThat(installation.dataDir()).isEqualTo(Path.of(configured).toAbsolutePath().normalize());
        }
        Database database = service(Database.class);
        assertThat(database.dialect()).isEqualTo(Dialect.H2);
        SchemaReady core = service(SchemaReady.class);
        assertThat(core.module()).isEqualTo("core");
        PatientRepository patients = service(PatientRepository.class);
        assertThat(patients.count()).isGreaterThanOrEqualTo(0);
        assertThat(patients.search(PatientQuery.parse("personne", 5))).isEmpty();
        service(DocumentRepository.class);
        service(CareRepository.class);
        service(PracticeRepository.class);
        DatabaseMaintenance maintenance = service(DatabaseMaintenance.class);
        assertThat(maintenance.problem()).isEmpty();
        assertThat(maintenance.history()).extracting(m -> m.module()).contains("core");
    }

    record TestModule(String module, java.util.List<Step> steps) implements SchemaMigrations {
    }

    @Test
    void aBundleRegisteringMigrationsGetsItsSchemaReady_andLosesItWhenItLeaves() throws Exception {
        BundleContext context = FrameworkUtil.getBundle(OsgiServicesTest.class).getBundleContext();
        service(DatabaseMaintenance.class);
        var filter = context.createFilter("(&(objectClass=" + SchemaReady.class.getName() + ")(module=test.whiteboard))");
        ServiceTracker<SchemaReady, SchemaReady> tracker = new ServiceTracker<>(context, filter, null);
        tracker.open();
        try {
            ServiceRegistration<SchemaMigrations> registration = context.registerService(SchemaMigrations.class,
                    new TestModule("test.whiteboard", java.util.List.of(
                            SchemaMigrations.Step.of(1, "Table", "CREATE TABLE IF NOT EXISTS t_whiteboard (a INTEGER);"))),
                    null);
            SchemaReady ready = tracker.waitForService(TimeUnit.SECONDS.toMillis(30));
            assertThat(ready).isNotNull();
            assertThat(ready.version()).isEqualTo(1);

            registration.unregister();
            long deadline = System.currentTimeMillis() + 10_000;
            while (tracker.getService() != null && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            assertThat(tracker.getService()).isNull();
        } finally {
            tracker.close();
        }
    }
}
