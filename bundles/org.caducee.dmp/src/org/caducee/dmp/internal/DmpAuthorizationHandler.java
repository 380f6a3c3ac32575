package org.caducee.dmp.internal;

import java.time.Clock;
import java.util.Optional;

import org.caducee.core.audit.AuditTrail;
import org.caducee.core.care.CareRepository;
import org.caducee.core.care.Consent;
import org.caducee.core.patient.Patient;
import org.caducee.core.patient.PatientRepository;
import org.caducee.dmp.AccessMode;
import org.caducee.dmp.ConsentGate;
import org.caducee.dmp.ConsentRequiredException;
import org.caducee.dmp.DmpClient;
import org.caducee.dmp.DmpException;
import org.caducee.dmp.DmpRequest;
import org.caducee.dmp.DmpService;
import org.caducee.dmp.DmpTransaction;
import org.caducee.outbox.OutboxHandler;
import org.caducee.outbox.OutboxItem;
import org.caducee.outbox.RetryableException;
import org.caducee.store.Database;
import org.caducee.store.SchemaReady;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Delivers the individual authorisations (TD0.3) of channel {@value DmpService#AUTHORIZATION_CHANNEL}. */
@Component(service = OutboxHandler.class, property = OutboxHandler.PROPERTY_CHANNEL + "=" + DmpService.AUTHORIZATION_CHANNEL)
public final class DmpAuthorizationHandler implements OutboxHandler {

    private final PatientRepository patients;
    private final CareRepository care;
    private final DmpClient client;
    private final AuditTrail audit;
    private final DmpJournal journal;
    private final ConsentGate gate = new ConsentGate();
    private final Clock clock = Clock.systemUTC();

    @Activate
    public DmpAuthorizationHandler(@Reference PatientRepository patients, @Reference CareRepository care, @Reference DmpClient client,
            @Reference AuditTrail audit, @Reference Database database,
            @Reference(target = "(module=" + DmpSchema.MODULE + ")") SchemaReady schema) {
        this.patients = patients;
        this.care = care;
        this.client = client;
        this.audit = audit;
        this.journal = new DmpJournal(database);
    }

    @Override
    public void deliver(OutboxItem item) throws Exception {
        AuthorizationOrder order = AuthorizationOrder.parse(item.payload());
        Patient patient = patients.find(order.patientId()).orElseThrow(() -> new IllegalStateException(Messages.get("service.unknownPatient")));
        Optional<Consent> consent = care.consent(order.episodeId());
        DmpRequest request = DmpServiceImpl.request(patient.identity(), order.caller(), AccessMode.NORMAL, consent);
        try {
            gate.require(DmpTransaction.TD0_3_AUTHORIZE, consent, AccessMode.NORMAL);
            client.authorize(request);
        } catch (ConsentRequiredException e) {
            trace(order, e.getMessage());
            throw e;
        } catch (DmpException e) {
            trace(order, e.getMessage());
            if (e.kind() == DmpException.Kind.UNREACHABLE) {
                throw new RetryableException(e.getMessage(), e);
            }
            throw e;
        }
        journal.authorized(order.patientId(), order.caller().professional().nationalId(), clock.instant());
        trace(order, "OK");
    }

    private void trace(AuthorizationOrder order, String outcome) {
        DmpServiceImpl.trace(audit, order.caller(), order.patientId(), DmpTransaction.TD0_3_AUTHORIZE, AccessMode.NORMAL, outcome);
    }
}
