package org.caducee.security.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Set;

import org.caducee.core.audit.AuditTrail;
import org.caducee.security.AccountService;
import org.caducee.security.Role;
import org.caducee.security.internal.SecuritySchema;
import org.caducee.store.Database;
import org.caducee.store.SchemaMigrations;
import org.caducee.store.SchemaReady;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;

/** The components are wired by Felix SCR in Equinox once a Database and the module's SchemaReady are there. */
class DeclarativeServicesTest {

    @TempDir
    Path dir;

    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();
    private TestDatabase db;

    @AfterEach
    void tearDown() {
        registrations.forEach(ServiceRegistration::unregister);
        if (db != null) {
            db.close();
        }
    }

    private static BundleContext context() throws Exception {
        // this test plays the store's part itself: the real store bundle (API + implementation) must not run
        Bundle store = FrameworkUtil.getBundle(Database.class);
        if (store != null && store.getState() == Bundle.ACTIVE) {
            store.stop();
        }
        Bundle bundle = FrameworkUtil.getBundle(SecuritySchema.class);
        if (bundle.getState() != Bundle.ACTIVE) {
            bundle.start();
        }
        return bundle.getBundleContext();
    }

    private static <T> T await(BundleContext context, Class<T> type) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            ServiceReference<T> reference = context.getServiceReference(type);
            if (reference != null) {
                T service = context.getService(reference);
                if (service != null) {
                    return service;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("service absent : " + type.getName());
    }

    @Test
    void securityComponentsActivateOnceTheirSchemaIsReady() throws Exception {
        BundleContext context = context();
        SchemaMigrations migrations = await(context, SchemaMigrations.class);
        assertThat(migrations.module()).isEqualTo("security");
        assertThat(context.getServiceReference(AccountService.class)).as("pas de service sans base ni schéma").isNull();

        db = new H2TestDatabase(dir).migrate(migrations);
        registrations.add(context.registerService(Database.class, db, null));
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(SchemaReady.PROPERTY_MODULE, "security");
        registrations.add(context.registerService(SchemaReady.class, new SchemaReady() {
            @Override
            public String module() {
                return "security";
            }

            @Override
            public int version() {
                return 2;
            }
        }, properties));

        AccountService accounts = await(context, AccountService.class);
        AuditTrail audit = await(context, AuditTrail.class);
        accounts.create("admin", "Administrateur", Set.of(Role.ADMINISTRATEUR), null, "Cabinet!Lyon7e".toCharArray());
        assertThat(accounts.authenticate("admin", "Cabinet!Lyon7e".toCharArray())).isPresent();
        assertThat(audit.verify().intact()).isTrue();
        assertThat(audit.verify().checked()).isEqualTo(2);
    }
}
