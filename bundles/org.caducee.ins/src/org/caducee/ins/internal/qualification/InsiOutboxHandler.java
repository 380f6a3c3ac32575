package org.caducee.ins.internal.qualification;

import org.caducee.ins.internal.Messages;
import org.caducee.ins.qualification.InsQualification;
import org.caducee.outbox.OutboxHandler;
import org.caducee.outbox.OutboxItem;
import org.caducee.outbox.RetryableException;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Outbox handler of channel {@code insi}. A separate component whose reference to the workflow is optional and
 * dynamic: the workflow needs the outbox and the outbox binds its handlers, so a mandatory reference here would be a
 * cycle for DS.
 */
@Component(service = OutboxHandler.class, property = OutboxHandler.PROPERTY_CHANNEL + "=" + InsQualification.CHANNEL)
public final class InsiOutboxHandler implements OutboxHandler {

    private volatile InsQualification qualification;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void setQualification(InsQualification q) {
        qualification = q;
    }

    void unsetQualification(InsQualification q) {
        if (qualification == q) {
            qualification = null;
        }
    }

    @Override
    public void deliver(OutboxItem item) throws Exception {
        if (!(qualification instanceof QualificationComponent q)) {
            throw new RetryableException(Messages.get("qual.outbox.notReady"));
        }
        q.deliver(item);
    }
}
