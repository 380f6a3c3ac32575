package org.caducee.security.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.caducee.core.audit.AuditTrail;
import org.caducee.security.AccountService;
import org.caducee.security.Role;
import org.caducee.security.internal.SecuritySchema;
import org.caducee.store.Database;
import org.caducee.store.SchemaMigrations;
import org.caducee.testing.H2TestDatabase;
import org.caducee.testing.Osgi;
import org.caducee.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/** The components are wired by Felix SCR in Equinox once a Database and the module's SchemaReady are there. */
class DeclarativeServicesTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

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

    @Test
    void securityComponentsActivateOnceTheirSchemaIsReady() throws Exception {
        // this test plays the store's part itself: the real store bundle (API + implementation) must not run
        Osgi.stopBundleOf(Database.class);
        BundleContext context = Osgi.startBundleOf(SecuritySchema.class);
        SchemaMigrations migrations = Osgi.await(context, SchemaMigrations.class, TIMEOUT);
        assertThat(migrations.module()).isEqualTo("security");
        assertThat(context.getServiceReference(AccountService.class)).as("pas de service sans base ni schéma").isNull();

        db = new H2TestDatabase(dir).migrate(migrations);
        registrations.addAll(Osgi.registerStore(context, db, "security", 3));

        AccountService accounts = Osgi.await(context, AccountService.class, TIMEOUT);
        AuditTrail audit = Osgi.await(context, AuditTrail.class, TIMEOUT);
        accounts.create("admin", "Administrateur", Set.of(Role.ADMINISTRATEUR), null, "Cabinet!Lyon7e".toCharArray());
        assertThat(accounts.authenticate("admin", "Cabinet!Lyon7e".toCharArray())).isPresent();
        assertThat(audit.verify().intact()).isTrue();
        assertThat(audit.verify().checked()).isEqualTo(2);
    }
}
