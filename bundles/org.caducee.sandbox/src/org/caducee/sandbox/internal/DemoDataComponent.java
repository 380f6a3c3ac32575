package org.caducee.sandbox.internal;

import java.util.List;

import org.caducee.core.installation.Installation;
import org.caducee.core.document.DocumentRepository;
import org.caducee.core.patient.PatientRepository;
import org.caducee.core.practice.PracticeRepository;
import org.caducee.sandbox.DemoData;
import org.caducee.security.AccountService;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Seeds the demo data at activation when the installation runs in sandbox mode. The repositories are only
 * registered once their schema is ready, so no {@code SchemaReady} reference is needed.
 */
@Component(service = DemoData.class, immediate = true)
public final class DemoDataComponent implements DemoData {

    private static final System.Logger LOG = System.getLogger(DemoDataComponent.class.getName());

    private final DemoSeeder seeder;

    @Activate
    public DemoDataComponent(@Reference Installation installation, @Reference PatientRepository patients,
            @Reference PracticeRepository practice, @Reference AccountService accounts, @Reference DocumentRepository documents,
            BundleContext context) {
        this.seeder = new DemoSeeder(patients, practice, accounts);
        if (installation.sandbox()) {
            try {
                seeder.seed();
                new DemoDocuments(patients, documents, DemoDocuments.engineWired(context.getBundle())).seed();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, Messages.get("demo.failed", e.getMessage()), e);
            }
        }
    }

    @Override
    public SeedReport seed() {
        return seeder.seed();
    }

    @Override
    public List<DemoAccount> accounts() {
        return seeder.accounts();
    }
}
