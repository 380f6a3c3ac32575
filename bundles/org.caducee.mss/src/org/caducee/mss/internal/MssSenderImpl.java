package org.caducee.mss.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;
import java.util.Locale;

import org.caducee.core.audit.AuditTrail;
import org.caducee.mss.MssException;
import org.caducee.mss.MssException.Kind;
import org.caducee.mss.MssSendRequest;
import org.caducee.mss.MssSender;
import org.caducee.mss.PatientMailbox;
import org.caducee.outbox.OutboxItem;
import org.caducee.outbox.OutboxService;
import org.caducee.outbox.OutboxState;
import org.caducee.store.Database;
import org.caducee.store.SchemaReady;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/**
 * Composes the messages of a send request, stores them and queues them in the outbox (the Message-ID is the
 * idempotency key). Recipients who asked for "PDF seulement" get their own message without the IHE_XDM.zip.
 */
@Component(service = { MssSender.class, MssSenderImpl.class })
public class MssSenderImpl implements MssSender {

    private final OutgoingMessages store;
    private final ReceivedMessages received;
    private final OutboxService outbox;
    private final AuditTrail audit;
    private final MssConnections connections;

    @Activate
    public MssSenderImpl(@Reference Database db, @Reference(target = "(module=mss)") SchemaReady schema, @Reference OutboxService outbox,
            @Reference AuditTrail audit, @Reference MssConnections connections) {
        this(new OutgoingMessages(db, Clock.systemUTC()), outbox, audit, connections, new ReceivedMessages(db, Clock.systemUTC()));
    }

    public MssSenderImpl(OutgoingMessages store, OutboxService outbox, AuditTrail audit, MssConnections connections) {
        this(store, outbox, audit, connections, null);
    }

    /** @param received the received messages (care team), or null */
    public MssSenderImpl(OutgoingMessages store, OutboxService outbox, AuditTrail audit, MssConnections connections, ReceivedMessages received) {
        this.received = received;
        this.store = store;
        this.outbox = outbox;
        this.audit = audit;
        this.connections = connections;
    }

    @Override
    public List<QueuedMessage> send(MssSendRequest request) throws MssException {
        if (request.to().isEmpty()) {
            throw new MssException(Kind.INVALID, Messages.get("send.noRecipient"));
        }
        List<String> cda = new ArrayList<>();
        List<String> pdfOnly = new ArrayList<>();
        for (String raw : request.to()) {
            String to = raw.strip();
            try {
                new InternetAddress(to, true).validate();
            } catch (AddressException e) {
                throw new MssException(Kind.INVALID, Messages.get("send.badRecipient", to));
            }
            if (to.indexOf('@') <= 0) {
                throw new MssException(Kind.INVALID, Messages.get("send.badRecipient", to));
            }
            if (PatientMailbox.isPatient(to) && !request.qualifiedIns()) {
                throw new MssException(Kind.INVALID, Messages.get("send.patientNotQualified", to));
            }
            if (request.xdmZip() == null || store.pdfOnly(to)) {
                pdfOnly.add(to.toLowerCase(Locale.ROOT));
            } else {
                cda.add(to.toLowerCase(Locale.ROOT));
            }
        }
        String from = connections.configuredAccount().address();
        MessageComposer composer = new MessageComposer(from, connections.displayName().orElse(null), connections.softwareNumber());
        List<QueuedMessage> queued = new ArrayList<>();
        if (!cda.isEmpty()) {
            queued.add(queue(composer, request, cda, true, from));
        }
        if (!pdfOnly.isEmpty()) {
            queued.add(queue(composer, request, pdfOnly, false, from));
        }
        return queued;
    }

    private QueuedMessage queue(MessageComposer composer, MssSendRequest request, List<String> to, boolean withXdm, String from) throws MssException {
        try {
            MimeMessage m = composer.compose(request, to, withXdm);
            String id = m.getMessageID();
            String recipients = String.join(", ", to);
            store.insert(id, recipients, m.getSubject(), MessageComposer.bytes(m), request.patientRef(), request.documentId());
            OutboxItem item = outbox.enqueue(CHANNEL, id, Messages.get("send.description", request.documentLabel(), recipients), id, null);
            store.attachOutboxItem(id, item.id());
            audit.record(request.actor() == null ? from : request.actor(), "mss.send.queued", request.patientRef() == null ? id : request.patientRef(),
                    "Message-ID " + id + " à " + recipients + (withXdm ? " (PDF + IHE_XDM.zip)" : " (PDF seulement)"));
            return new QueuedMessage(id, List.copyOf(to), withXdm, item.id().toString());
        } catch (Exception e) {
            throw new MssException(Kind.INVALID, e.getMessage(), e);
        }
    }

    /** Queues an already built message (error reports, MDNs); a message already queued under its Message-ID is left as is. */
    public String queueRaw(MimeMessage m, String description, String actor, String subjectRef) throws MssException {
        try {
            String id = m.getMessageID();
            StringBuilder to = new StringBuilder();
            for (var a : m.getAllRecipients()) {
                to.append(to.isEmpty() ? "" : ", ").append(((InternetAddress) a).getAddress());
            }
            if (store.find(id).isPresent()) {
                return id; // the same report queued before a crash: one outbox item, one send
            }
            store.insert(id, to.toString(), m.getSubject(), MessageComposer.bytes(m), subjectRef);
            store.attachOutboxItem(id, outbox.enqueue(CHANNEL, id, description, id, null).id());
            audit.record(actor, "mss.report.queued", subjectRef, "Message-ID " + id + " à " + to);
            return id;
        } catch (Exception e) {
            throw new MssException(Kind.INVALID, e.getMessage(), e);
        }
    }

    @Override
    public List<SentItem> sent(int max) {
        List<SentItem> out = new ArrayList<>();
        for (OutgoingMessages.Row row : store.latest(max)) {
            SendState state = "SENT".equals(row.state()) ? SendState.SENT : SendState.PENDING;
            String error = null;
            if (state != SendState.SENT && row.outboxId() != null) {
                var item = outbox.find(row.outboxId());
                if (item.isPresent()) {
                    switch (item.get().state()) {
                    case DONE -> state = SendState.SENT;
                    case FAILED, CANCELLED -> {
                        state = SendState.FAILED;
                        error = item.get().state() == OutboxState.CANCELLED ? Messages.get("send.cancelled") : item.get().lastError();
                    }
                    default -> error = item.get().lastError();
                    }
                }
            }
            out.add(new SentItem(row.messageId(), List.of(row.recipients().split(",\\s*")), row.subject(), state, error, row.patientRef(),
                    row.documentId(), row.createdAt(), row.sentAt()));
        }
        return out;
    }

    @Override
    public List<String> careTeam(UUID patientId) {
        LinkedHashSet<String> team = new LinkedHashSet<>();
        for (String recipients : store.recipientsFor(patientId.toString())) {
            for (String a : recipients.split(",")) {
                String address = OutgoingMessages.normalise(a);
                if (!address.isEmpty() && !PatientMailbox.isPatient(address)) {
                    team.add(address);
                }
            }
        }
        for (String sender : received == null ? List.<String>of() : received.sendersFor(patientId)) {
            if (!PatientMailbox.isPatient(sender)) {
                team.add(OutgoingMessages.normalise(sender));
            }
        }
        return List.copyOf(team);
    }

    @Override
    public boolean pdfOnly(String address) {
        return store.pdfOnly(address);
    }

    @Override
    public void setPdfOnly(String address, boolean pdfOnly) {
        store.setPdfOnly(address, pdfOnly);
        audit.record("mss", "mss.correspondent.pdfOnly", OutgoingMessages.normalise(address), pdfOnly ? "PDF seulement" : "PDF + IHE_XDM.zip");
    }
}
