package org.caducee.mss.internal;

import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.caducee.core.audit.AuditTrail;
import org.caducee.core.document.Channel;
import org.caducee.core.document.DocumentRepository;
import org.caducee.core.document.SharingState;
import org.caducee.mss.MssAccount;
import org.caducee.mss.MssException;
import org.caducee.mss.MssSender;
import org.caducee.outbox.OutboxHandler;
import org.caducee.outbox.OutboxItem;
import org.caducee.outbox.RetryableException;
import org.caducee.store.Database;
import org.caducee.store.SchemaReady;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.MimeMessage;

/**
 * Delivers the outbox items of channel {@value MssSender#CHANNEL}: the stored message is submitted by SMTP exactly
 * as it was composed (same Message-ID). An item already marked sent is not submitted again; the window between the
 * server's acceptance and that mark is covered by receivers ignoring a Message-ID they already have. The SMTP session
 * is kept open {@value #KEEP_SECONDS} s for the next item and reopened automatically when it was dropped.
 */
@Component(service = OutboxHandler.class, property = OutboxHandler.PROPERTY_CHANNEL + "=" + MssSender.CHANNEL)
public class MssDeliveryHandler implements OutboxHandler {

    /** How long an SMTP session is kept open after a submission for the next item. */
    static final int KEEP_SECONDS = 30;
    private static final Duration KEEP = Duration.ofSeconds(KEEP_SECONDS);

    private final OutgoingMessages store;
    private final MssConnections connections;
    private final AuditTrail audit;
    private SMTPTransport transport;
    private MssAccount account;
    private Instant lastUse = Instant.EPOCH;

    @Activate
    public MssDeliveryHandler(@Reference Database db, @Reference(target = "(module=mss)") SchemaReady schema, @Reference MssConnections connections,
            @Reference AuditTrail audit) {
        this(new OutgoingMessages(db, Clock.systemUTC()), connections, audit);
    }

    public MssDeliveryHandler(OutgoingMessages store, MssConnections connections, AuditTrail audit) {
        this.store = store;
        this.connections = connections;
        this.audit = audit;
    }

    private volatile DocumentRepository documents;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    public void setDocuments(DocumentRepository documents) {
        this.documents = documents;
    }

    public void unsetDocuments(DocumentRepository documents) {
        if (this.documents == documents) {
            this.documents = null;
        }
    }

    @Override
    public void deliver(OutboxItem item) throws Exception {
        try {
            submit(item);
        } catch (RetryableException e) {
            throw e;
        } catch (Exception e) {
            sharing(item.payload(), SharingState.FAILED);
            throw e;
        }
        sharing(item.payload(), SharingState.SENT);
    }

    /** The MSSanté state of the document a message carries follows the message (shown on the document row). */
    private void sharing(String messageId, SharingState state) {
        DocumentRepository repo = documents;
        if (repo == null) {
            return;
        }
        try {
            store.documentOf(messageId).ifPresent(id -> repo.updateSharing(id, Channel.MSSANTE, state));
        } catch (RuntimeException e) {
            // the message is sent (or refused) whatever the display of the document says
        }
    }

    private void submit(OutboxItem item) throws Exception {
        String id = item.payload();
        var outgoing = store.find(id).orElseThrow(() -> new IllegalStateException(Messages.get("send.notFound", id)));
        if ("SENT".equals(outgoing.state())) {
            return;
        }
        MimeMessage message = MailConnector.parse(new ByteArrayInputStream(outgoing.raw()));
        MailConnector connector;
        try {
            connector = connections.connector();
        } catch (MssException e) {
            throw e.retryable() ? new RetryableException(e.getMessage(), e) : e;
        }
        try {
            submit(connector, message);
        } catch (MssException e) {
            if (e.retryable() || e.kind() == MssException.Kind.AUTHENTICATION) {
                throw new RetryableException(e.getMessage(), e);
            }
            throw e;
        } catch (SendFailedException e) {
            MssException refusal = connector.refusal(id, e);
            // a certificate of another structure than the mailbox: kept and retried once the settings are fixed
            throw refusal.kind() == MssException.Kind.REFUSED ? refusal : new RetryableException(refusal.getMessage(), refusal);
        } catch (MessagingException e) {
            // connection lost during the exchange: the operator did not take the message, try again later
            var account = connector.account();
            throw new RetryableException(connector.translate(e, "SMTP", account.smtpHost(), account.smtpPort(), null).getMessage(), e);
        }
        store.markSent(id);
        audit.record("mss", "mss.sent", id, "à " + outgoing.recipients() + " : " + outgoing.subject());
    }

    /**
     * Submits on the open session when there is one for the same account (the outbox hands items one after the
     * other), else on a new one. A kept session found dropped (server restart, idle timeout) is replaced by a new
     * session once; a refusal of the message itself is not retried here.
     */
    private synchronized void submit(MailConnector connector, MimeMessage message) throws Exception {
        SMTPTransport kept = transport;
        boolean reused = kept != null && connector.account().equals(account) && lastUse.plus(KEEP).isAfter(Instant.now());
        if (!reused) {
            closeTransport();
        }
        for (int attempt = 0;; attempt++) {
            SMTPTransport t = reused && attempt == 0 ? kept : connector.openTransport();
            transport = t;
            account = connector.account();
            try {
                MailConnector.withMailLoader(() -> {
                    t.sendMessage(message, message.getAllRecipients());
                    return null;
                });
                lastUse = Instant.now();
                return;
            } catch (SendFailedException e) {
                lastUse = Instant.now();
                throw e;
            } catch (MessagingException | IllegalStateException e) {
                // IllegalStateException: Angus' "Not connected" on a session the server already closed
                closeTransport();
                if (!(reused && attempt == 0)) {
                    throw e;
                }
            }
        }
    }

    private synchronized void closeTransport() {
        SMTPTransport t = transport;
        transport = null;
        if (t != null) {
            try {
                MailConnector.withMailLoader(() -> {
                    t.close();
                    return null;
                });
            } catch (Exception e) {
                // already gone
            }
        }
    }

    /** Ends the kept SMTP session cleanly (QUIT). */
    @Deactivate
    void stop() {
        closeTransport();
    }
}
