package org.caducee.mss.internal;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

import org.caducee.core.audit.AuditTrail;
import org.caducee.core.document.Channel;
import org.caducee.core.document.DocumentRepository;
import org.caducee.core.document.HealthDocument;
import org.caducee.core.document.SharingState;
import org.caducee.core.event.CaduceeTopics;
import org.caducee.mss.MssSender;
import org.caducee.outbox.OutboxItem;
import org.caducee.outbox.OutboxService;
import org.caducee.store.Database;
import org.caducee.store.SchemaReady;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

/**
 * Keeps the MSSanté state of a sent document in step with its outbox item when the change does not come from a
 * delivery: given up after the last attempt ("échec"), cancelled ("annulé"), held ("suspendu"), released or retried
 * ("en attente"). The reason (the outbox's last error) goes to the audit trail under the document; the sent folder
 * shows it next to the message.
 */
@Component(service = EventHandler.class, property = { EventConstants.EVENT_TOPIC + "=" + CaduceeTopics.OUTBOX_CHANGED,
        EventConstants.EVENT_FILTER + "=(" + CaduceeTopics.PROP_CHANNEL + "=" + MssSender.CHANNEL + ")" })
public class SendStateFollower implements EventHandler {

    private final OutgoingMessages store;
    private final OutboxService outbox;
    private final DocumentRepository documents;
    private final AuditTrail audit;

    @Activate
    public SendStateFollower(@Reference Database db, @Reference(target = "(module=mss)") SchemaReady schema, @Reference OutboxService outbox,
            @Reference DocumentRepository documents, @Reference AuditTrail audit) {
        this(new OutgoingMessages(db, Clock.systemUTC()), outbox, documents, audit);
    }

    public SendStateFollower(OutgoingMessages store, OutboxService outbox, DocumentRepository documents, AuditTrail audit) {
        this.store = store;
        this.outbox = outbox;
        this.documents = documents;
        this.audit = audit;
    }

    @Override
    public void handleEvent(Event event) {
        Object id = event.getProperty("id");
        if (id == null) {
            return;
        }
        try {
            follow(UUID.fromString(id.toString()));
        } catch (RuntimeException e) {
            System.getLogger(SendStateFollower.class.getName()).log(System.Logger.Level.WARNING, "mss: état d’envoi non reporté sur le document", e);
        }
    }

    /**
     * Applies the current state of the outbox item (read again: events arrive late and may be out of order) to the
     * document its message carries. Returns the state given to the document, if any.
     */
    public Optional<SharingState> follow(UUID outboxId) {
        Optional<OutboxItem> found = outbox.find(outboxId);
        if (found.isEmpty() || !MssSender.CHANNEL.equals(found.get().channel())) {
            return Optional.empty();
        }
        OutboxItem item = found.get();
        SharingState target = switch (item.state()) {
        case FAILED -> SharingState.FAILED;
        case CANCELLED -> SharingState.CANCELLED;
        case HELD -> SharingState.HELD;
        case PENDING -> SharingState.PENDING;
        default -> null;
        };
        if (target == null) {
            return Optional.empty();
        }
        Optional<UUID> documentId = store.documentOf(item.payload());
        if (documentId.isEmpty()) {
            return Optional.empty();
        }
        Optional<HealthDocument> document = documents.find(documentId.get());
        if (document.isEmpty()) {
            return Optional.empty();
        }
        SharingState now = document.get().sharing(Channel.MSSANTE);
        if (now == target || now == SharingState.DELETED || (target == SharingState.PENDING && now == SharingState.SENT)) {
            return Optional.empty();
        }
        documents.updateSharing(documentId.get(), Channel.MSSANTE, target);
        String reason = switch (target) {
        case FAILED -> Messages.get("send.failedReason", item.lastError() == null ? "" : item.lastError());
        case CANCELLED -> Messages.get("send.cancelled");
        case HELD -> Messages.get("send.held");
        default -> Messages.get("send.pendingAgain");
        };
        audit.record("mss", "mss.send." + target.name().toLowerCase(java.util.Locale.ROOT), documentId.get().toString(),
                "Message-ID " + item.payload() + " : " + reason);
        return Optional.of(target);
    }
}
