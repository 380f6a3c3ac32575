package org.caducee.psc.internal;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.caducee.core.audit.AuditTrail;
import org.caducee.psc.PscSession;
import org.caducee.psc.PscSessionFactory;
import org.caducee.psc.PscSettings;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/** Makes in-memory PSC sessions with fixed settings (see {@link PscSessionFactory}). */
@Component(service = PscSessionFactory.class)
public final class PscSessionFactoryComponent implements PscSessionFactory {

    private final AuditTrail audit;

    @Activate
    public PscSessionFactoryComponent(
            @Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY) AuditTrail audit) {
        this.audit = audit;
    }

    @Override
    public PscSession create(PscSettings settings) {
        PscSessionComponent session = new PscSessionComponent(null, audit, Duration.ofSeconds(60), Duration.ofMinutes(5));
        session.addProvider(() -> Optional.of(settings), Map.of());
        return session;
    }

    @Override
    public void close(PscSession session) {
        session.logout();
        if (session instanceof PscSessionComponent c) {
            c.close();
        }
    }
}
