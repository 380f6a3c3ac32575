package org.caducee.ins.internal.qualification;

import org.caducee.ins.internal.Messages;
import org.caducee.ins.qualification.InsQualification;
import org.caducee.outbox.OutboxHandler;
import org.caducee.outbox.OutboxItem;
import org.caducee.outbox.RetryableException;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * Outbox handler of channel {@code insi}. It looks the workflow up at delivery time instead of referencing it: the
 * workflow needs the outbox and the outbox binds its handlers while it activates, so any DS reference from here to the
 * workflow (even optional) is a cycle that leaves the workflow unactivated.
 */
@Component(service = OutboxHandler.class, property = OutboxHandler.PROPERTY_CHANNEL + "=" + InsQualification.CHANNEL)
public final class InsiOutboxHandler implements OutboxHandler {

    private final BundleContext context;

    @Activate
    public InsiOutboxHandler(BundleContext context) {
        this.context = context;
    }

    @Override
    public void deliver(OutboxItem item) throws Exception {
        ServiceReference<InsQualification> ref = context.getServiceReference(InsQualification.class);
        InsQualification service = ref == null ? null : context.getService(ref);
        try {
            if (!(service instanceof QualificationComponent q)) {
                throw new RetryableException(Messages.get("qual.outbox.notReady"));
            }
            q.deliver(item);
        } finally {
            if (service != null) {
                context.ungetService(ref);
            }
        }
    }
}
