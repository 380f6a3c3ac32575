package org.caducee.mss.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.caducee.core.audit.AuditTrail;
import org.caducee.mss.MssErrorCode;
import org.caducee.mss.MssException;
import org.caducee.mss.MssException.Kind;
import org.caducee.mss.MssReception;
import org.caducee.mss.MssSubject;
import org.caducee.mss.PatientMailbox;
import org.caducee.mss.ReceivedDocumentImport;
import org.caducee.mss.ReceivedDocumentImport.Origin;
import org.caducee.mss.ReceivedDocumentImport.Outcome;
import org.caducee.security.zip.SafeZip;
import org.caducee.security.zip.ZipEntryData;
import org.caducee.security.zip.ZipLimits;
import org.caducee.security.zip.ZipRejectedException;
import org.caducee.store.Database;
import org.caducee.store.SchemaReady;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.search.FlagTerm;

/**
 * The reception pipeline (see {@link MssReception}). The local table is the memory of what was received: a message
 * whose Message-ID is already stored is a duplicate and is ignored. The result is stored before the IMAP message is
 * flagged; messages that could not be analysed (malformed, too large, hostile archive) are kept in the worklist and
 * left untouched in the mailbox.
 */
@Component(service = MssReception.class)
public class ReceptionPipeline implements MssReception {

    private final ReceivedMessages store;
    private final MssConnections connections;
    private final MssSenderImpl sender;
    private final AuditTrail audit;
    private final Clock clock;
    private volatile ReceivedDocumentImport importer;

    @Activate
    public ReceptionPipeline(@Reference Database db, @Reference(target = "(module=mss)") SchemaReady schema, @Reference MssConnections connections,
            @Reference MssSenderImpl sender, @Reference AuditTrail audit) {
        this(new ReceivedMessages(db, Clock.systemUTC()), connections, sender, audit, Clock.systemUTC());
    }

    public ReceptionPipeline(ReceivedMessages store, MssConnections connections, MssSenderImpl sender, AuditTrail audit, Clock clock) {
        this.store = store;
        this.connections = connections;
        this.sender = sender;
        this.audit = audit;
        this.clock = clock;
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    public void setImporter(ReceivedDocumentImport importer) {
        this.importer = importer;
    }

    public void unsetImporter(ReceivedDocumentImport importer) {
        if (this.importer == importer) {
            this.importer = null;
        }
    }

    @Override
    public synchronized PollReport poll() throws MssException {
        MailConnector connector = connections.connector();
        int fetched = 0;
        int integrated = 0;
        int worklist = 0;
        int duplicates = 0;
        int errors = 0;
        List<String> notes = new ArrayList<>();
        try (IMAPStore imap = connector.openStore()) {
            IMAPFolder inbox = (IMAPFolder) imap.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            try {
                Message[] messages = inbox.search(new FlagTerm(new Flags(PROCESSED_KEYWORD), false));
                // one FETCH for the envelopes, sizes and UIDs of all new messages, instead of round trips per message
                FetchProfile headers = new FetchProfile();
                headers.add(FetchProfile.Item.ENVELOPE);
                headers.add(FetchProfile.Item.SIZE);
                headers.add(UIDFolder.FetchProfileItem.UID);
                inbox.fetch(messages, headers);
                fetched = messages.length;
                Tally total = processAll(inbox, messages);
                integrated = total.integrated;
                worklist = total.worklist;
                duplicates = total.duplicates;
                errors = total.errors;
                notes.addAll(total.notes);
            } finally {
                inbox.close(false);
            }
        } catch (MssException e) {
            throw e;
        } catch (MessagingException e) {
            throw connector.translate(e, "IMAP", connector.account().imapHost(), connector.account().imapPort(), null);
        }
        audit.record("mss", "mss.poll", connector.account().address(),
                fetched + " message(s), " + integrated + " intégré(s), " + worklist + " à intégrer, " + duplicates + " doublon(s), " + errors + " erreur(s)");
        return new PollReport(fetched, integrated, worklist, duplicates, errors, List.copyOf(notes));
    }

    /** Counts of a poll. */
    private static final class Tally {
        int integrated;
        int worklist;
        int duplicates;
        int errors;
        final List<String> notes = new ArrayList<>();
    }

    /** One new message of the mailbox, in arrival order, with what the envelope FETCH told. */
    record Arrival(Message message, long uid, int size, String messageId, String subject) {
    }

    /** A message committed: its UID and what became of it. */
    private record Committed(Message message, Result result) {
    }

    /**
     * The reception of the new messages, in three stages that overlap: this thread fetches the message bodies from
     * the server in batches ({@code UID FETCH} of up to {@value ImapBatches#BATCH_MESSAGES} messages) and flags the
     * stored ones in batches; {@code mss.reception.threads} workers read and check the messages (MIME, archive,
     * the documents engine's reading and validation: no effect); one committer applies them in the order of arrival
     * (duplicate check on the Message-ID, versioning rules and storage of the documents, storage of the message,
     * reports). A message is flagged only once its result is stored; the messages in memory are bounded. An
     * {@link Error} (the process dying) ends the poll as it would have without threads: what was not stored stays
     * unflagged and is fetched again by the next poll.
     */
    private Tally processAll(IMAPFolder inbox, Message[] messages) throws MessagingException {
        List<Arrival> arrivals = new ArrayList<>(messages.length);
        for (Message m : messages) {
            String id;
            String subject;
            try {
                id = MailConnector.withMailLoader(((MimeMessage) m)::getMessageID);
                subject = MailConnector.withMailLoader(m::getSubject);
            } catch (MessagingException e) {
                throw e;
            } catch (Exception e) {
                id = null;
                subject = null;
            }
            arrivals.add(new Arrival(m, inbox.getUID(m), m.getSize(), id, subject));
        }
        Tally total = new Tally();
        if (arrivals.isEmpty()) {
            return total;
        }
        long max = connections.maxMessageSize();
        ExecutorService workers = Executors.newFixedThreadPool(Math.max(1, connections.receptionThreads()), daemon("caducee-mss-reception"));
        ExecutorService committer = Executors.newSingleThreadExecutor(daemon("caducee-mss-commit"));
        ArrayDeque<Future<Committed>> pending = new ArrayDeque<>();
        AtomicLong pendingBytes = new AtomicLong();
        AtomicReference<Error> fatal = new AtomicReference<>();
        List<Message> stored = new ArrayList<>();
        try {
            int next = 0;
            while (next < arrivals.size()) {
                List<Arrival> batch = ImapBatches.nextBatch(arrivals, next, max);
                next += batch.size();
                // bounded memory: the oldest messages are committed before more are fetched
                while (!pending.isEmpty() && (pending.size() >= ImapBatches.MAX_PENDING || pendingBytes.get() > ImapBatches.MAX_PENDING_BYTES)) {
                    collect(pending.removeFirst(), total, stored);
                }
                while (!pending.isEmpty() && pending.peekFirst().isDone()) {
                    collect(pending.removeFirst(), total, stored);
                }
                flag(inbox, stored);
                Map<Long, byte[]> bodies = ImapBatches.fetchBodies(inbox, batch.stream().filter(a -> a.size() <= max).mapToLong(Arrival::uid).toArray());
                for (Arrival arrival : batch) {
                    Future<Plan> plan;
                    long weight;
                    if (arrival.size() > max) {
                        plan = tooBig(arrival, max);
                        weight = 0;
                    } else {
                        byte[] raw = bodies.get(arrival.uid());
                        weight = raw == null ? 0 : raw.length;
                        plan = workers.submit(() -> prepare(arrival, raw, max));
                    }
                    pendingBytes.addAndGet(weight);
                    pending.add(committer.submit(() -> {
                        try {
                            if (fatal.get() != null) {
                                // the process is dying: nothing after the failed message is applied (arrival order)
                                throw fatal.get();
                            }
                            return new Committed(arrival.message(), commit(done(plan)));
                        } catch (Error e) {
                            fatal.compareAndSet(null, e);
                            throw e;
                        } finally {
                            pendingBytes.addAndGet(-weight);
                        }
                    }));
                }
            }
            while (!pending.isEmpty()) {
                collect(pending.removeFirst(), total, stored);
            }
            flag(inbox, stored);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MessagingException(e.getMessage(), e);
        } finally {
            // on a failure: what was not started is dropped, what runs ends normally (no interrupt in the middle of a
            // database write), and the poll returns only once nothing of it can still store a message
            // (the workers' queued readings have no effect: they end on their own, at most a few batches)
            pending.forEach(f -> f.cancel(false));
            workers.shutdown();
            committer.shutdown();
            try {
                committer.awaitTermination(connections.timeoutMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return total;
    }

    private static ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    /** The result of a stage; an {@link Error} is thrown as is (the poll ends), other failures as exceptions. */
    private static <T> T done(Future<T> future) throws Exception {
        try {
            return future.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e.getCause() instanceof Exception x ? x : e;
        }
    }

    /** Counts one committed message; a stored message that may be flagged joins {@code stored}. */
    private static void collect(Future<Committed> future, Tally t, List<Message> stored) throws InterruptedException {
        try {
            Committed c = done(future);
            switch (c.result().status()) {
            case INTEGRATED -> t.integrated++;
            case WORKLIST -> t.worklist++;
            case DUPLICATE -> t.duplicates++;
            default -> {
            }
            }
            if (c.result().flag()) {
                stored.add(c.message());
            }
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            t.errors++;
            t.notes.add(String.valueOf(e.getMessage()));
        }
    }

    /** Flags the stored messages ({@value MssReception#PROCESSED_KEYWORD} and seen) in one STORE, once the store has made them durable, then forgets them. */
    private void flag(IMAPFolder inbox, List<Message> stored) throws MessagingException {
        if (stored.isEmpty()) {
            return;
        }
        Message[] batch = stored.toArray(Message[]::new);
        stored.clear();
        store.makeDurable(); // the stored results must outlive a kill before the mailbox says "handled" (ADR 0016)
        try {
            MailConnector.withMailLoader(() -> {
                Flags flags = new Flags(PROCESSED_KEYWORD);
                flags.add(Flags.Flag.SEEN);
                inbox.setFlags(batch, flags, true);
                return null;
            });
        } catch (MessagingException e) {
            throw e;
        } catch (Exception e) {
            throw new MessagingException(e.getMessage(), e);
        }
    }

    /** What became of one message and whether the IMAP message may now be flagged. */
    record Result(Status status, boolean flag) {
    }

    /**
     * What the reading of a message decided, before anything is stored: its local id, what to store, and either the
     * documents engine's prepared import or the worklist reason. {@code flagDuplicate}: whether a duplicate of it may
     * be flagged.
     */
    private record Plan(String id, String sender, boolean fromPatient, String subject, List<String> names, byte[] raw, MimeAnalysis.Content content,
            ReceivedDocumentImport.Prepared engine, MssErrorCode code, String reason, boolean report, boolean flag, boolean flagDuplicate,
            String auditDetail) {

        static Plan worklist(String id, String subject, byte[] raw, String reason, boolean flagDuplicate) {
            return new Plan(id, null, false, subject, List.of(), raw, null, null, MssErrorCode.OTHER, reason, false, false, flagDuplicate, reason);
        }
    }

    /** A message over the size limit: only its header is fetched (here, on the IMAP thread) and kept. */
    private static Future<Plan> tooBig(Arrival arrival, long max) {
        try {
            byte[] headers = headersOnly((MimeMessage) arrival.message());
            String id = arrival.messageId() != null ? arrival.messageId() : "<sha1-" + sha1(headers) + "@caducee>";
            return CompletableFuture.completedFuture(Plan.worklist(id, arrival.subject(), headers, Messages.get("recv.tooBig", arrival.size(), max), false));
        } catch (Exception e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** The reading of one message (any thread, no effect): MIME, attachments, archive check, the engine's reading. */
    Plan prepare(Arrival arrival, byte[] raw, long max) throws Exception {
        if (raw == null) {
            throw new MessagingException(Messages.get("recv.vanished", arrival.uid()));
        }
        String id = arrival.messageId() != null ? arrival.messageId() : "<sha1-" + sha1(raw) + "@caducee>";
        String subject = arrival.subject();
        MimeAnalysis.Content content;
        try {
            content = MimeAnalysis.analyse(raw, max);
        } catch (MimeAnalysis.TooLargeException e) {
            return Plan.worklist(id, subject, raw, Messages.get("recv.tooBig", raw.length, max), true);
        } catch (MessagingException | IOException | RuntimeException e) {
            return Plan.worklist(id, subject, raw, Messages.get("recv.malformed", String.valueOf(e.getMessage())), true);
        }
        boolean fromPatient = PatientMailbox.isPatient(content.sender());
        List<MimeAnalysis.Attachment> xdm = content.xdm();
        String reason;
        MssErrorCode code = null;
        boolean report = false;
        boolean flag = true;
        ReceivedDocumentImport.Prepared prepared = null;
        if (fromPatient) {
            reason = Messages.get("recv.fromPatient");
        } else if (xdm.isEmpty()) {
            reason = content.attachments().stream().anyMatch(MimeAnalysis.Attachment::isPdf) ? Messages.get("recv.pdfOnly") : Messages.get("recv.noAttachment");
        } else if (xdm.size() > 1) {
            reason = Messages.get("recv.severalXdm");
            code = MssErrorCode.OTHER;
            report = true;
        } else {
            byte[] zip = xdm.get(0).content();
            ZipRejectedException rejected = null;
            List<ZipEntryData> entries = null;
            try {
                entries = SafeZip.read(zip, ZipLimits.defaults());
            } catch (ZipRejectedException e) {
                rejected = e;
            }
            ReceivedDocumentImport engine = importer;
            if (rejected != null) {
                reason = rejected.getMessage();
                code = MssErrorCode.OTHER;
                report = true;
                flag = false;
            } else if (engine == null) {
                reason = Messages.get("recv.noImporter");
            } else {
                reason = null;
                Origin origin = new Origin(id, content.sender(), false, clock.instant());
                try {
                    prepared = engine.prepareXdm(zip, entries, origin);
                } catch (RuntimeException e) {
                    reason = Messages.get("recv.importFailed", String.valueOf(e.getMessage()));
                    code = MssErrorCode.OTHER;
                    report = true;
                }
            }
        }
        String detail = reason == null ? null : "de " + content.sender() + (code == null ? "" : " [" + code.code() + "]") + " : " + reason;
        return new Plan(id, content.sender(), fromPatient, content.subject(), content.names(), raw, content, prepared, code, reason, report, flag, true,
                detail);
    }

    /**
     * The effects of one message, in the order of arrival (one thread): duplicate check, the engine's integration,
     * the report to the sender (queued first, idempotent), storage of the message and its audit record; then whether it may
     * be flagged.
     */
    Result commit(Plan plan) throws Exception {
        if (store.contains(plan.id())) {
            return new Result(Status.DUPLICATE, plan.flagDuplicate());
        }
        MssErrorCode code = plan.code();
        String reason = plan.reason();
        boolean report = plan.report();
        String detail = plan.auditDetail();
        if (plan.engine() != null) {
            Outcome outcome;
            try {
                outcome = plan.engine().apply();
            } catch (RuntimeException e) {
                outcome = Outcome.refused(MssErrorCode.OTHER, Messages.get("recv.importFailed", String.valueOf(e.getMessage())));
            }
            if (outcome.integrated()) {
                // the report first (its Message-ID derives from the original's): a crash before the message is stored
                // reads the message again and finds the same report queued, never a stored message without its report
                if (plan.content().dispositionNotificationTo() != null) {
                    queueReport(plan.content(), plan.raw(), null, null);
                }
                store.insertIntegrated(plan.id(), plan.sender(), plan.subject(), plan.names(), plan.raw(), outcome.patientId(), outcome.documentIds(),
                        notice(outcome));
                audit.record("mss", "mss.received.integrated", plan.id(), "de " + plan.sender() + " : documents " + outcome.documentIds()
                        + (outcome.notices().isEmpty() ? "" : " ; " + String.join(" ; ", outcome.notices())));
                return new Result(Status.INTEGRATED, true);
            }
            code = outcome.code() == null ? MssErrorCode.OTHER : outcome.code();
            reason = outcome.reason();
            report = true;
            detail = "de " + plan.sender() + " [" + code.code() + "] : " + reason;
        }
        if (report && plan.content() != null) {
            queueReport(plan.content(), plan.raw(), code, reason);
        }
        store.insert(plan.id(), plan.sender(), plan.fromPatient(), plan.subject(), Status.WORKLIST, code, reason, plan.names(), plan.raw());
        audit.record("mss", "mss.received.worklist", plan.id(), detail);
        return new Result(Status.WORKLIST, plan.flag());
    }

    private void queueReport(MimeAnalysis.Content content, byte[] raw, MssErrorCode code, String reason) throws Exception {
        String from = connections.configuredAccount().address();
        ReportComposer reports = new ReportComposer(from);
        if (content.dispositionNotificationTo() != null) {
            MimeMessage mdn = reports.mdn(content, raw, content.dispositionNotificationTo(), code, reason);
            sender.queueRaw(mdn, Messages.get("recv.mdnDescription", content.dispositionNotificationTo()), "mss", content.messageId());
        } else if (code != null) {
            var box = connections.errorMailbox();
            if (box.isPresent()) {
                MimeMessage mail = reports.errorMail(content, raw, box.get(), code, reason);
                sender.queueRaw(mail, Messages.get("recv.errorDescription", code.code(), box.get()), "mss", content.messageId());
            }
        }
    }

    private static byte[] headersOnly(MimeMessage m) throws Exception {
        return MailConnector.withMailLoader(() -> {
            StringBuilder sb = new StringBuilder();
            var lines = m.getAllHeaderLines();
            while (lines.hasMoreElements()) {
                sb.append(lines.nextElement()).append("\r\n");
            }
            sb.append("\r\n");
            return sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        });
    }

    private static String sha1(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(b));
    }

    @Override
    public List<ReceivedItem> worklist() {
        return store.worklist();
    }

    @Override
    public List<ReceivedItem> received(int max) {
        return store.latest(max);
    }

    @Override
    public ReceivedItem integrate(UUID itemId, UUID patientId, String actor) throws MssException {
        ReceivedItem item = store.find(itemId).orElseThrow(() -> new MssException(Kind.INVALID, Messages.get("recv.itemUnknown", itemId)));
        if (item.status() != Status.WORKLIST) {
            throw new MssException(Kind.INVALID, Messages.get("recv.itemDone"));
        }
        ReceivedDocumentImport engine = importer;
        if (engine == null) {
            throw new MssException(Kind.CONFIGURATION, Messages.get("recv.noImporter"));
        }
        MimeAnalysis.Content content;
        try {
            content = MimeAnalysis.analyse(store.raw(itemId), connections.maxMessageSize());
        } catch (Exception e) {
            throw new MssException(Kind.INVALID, Messages.get("recv.malformed", String.valueOf(e.getMessage())), e);
        }
        Origin origin = new Origin(item.messageId(), item.sender(), item.fromPatient(), Instant.now(clock));
        Outcome outcome;
        if (content.xdm().size() == 1) {
            outcome = engine.importXdmFor(content.xdm().get(0).content(), patientId, origin);
        } else if (content.xdm().isEmpty()) {
            outcome = importPdfs(engine, content, patientId, origin);
        } else {
            throw new MssException(Kind.INVALID, Messages.get("recv.severalXdm"));
        }
        if (!outcome.integrated()) {
            throw new MssException(Kind.REFUSED, Messages.get("recv.refusedManual", outcome.reason()));
        }
        store.updateStatus(itemId, Status.MANUALLY_INTEGRATED, null, null);
        store.recordFiling(itemId, outcome.patientId() != null ? outcome.patientId() : patientId, outcome.documentIds(), notice(outcome));
        audit.record(actor, "mss.received.manual", patientId.toString(), "message " + item.messageId() + " : documents " + outcome.documentIds());
        return store.find(itemId).orElseThrow();
    }

    @Override
    public ReceivedItem markHandled(UUID itemId, String note, String actor) throws MssException {
        ReceivedItem item = store.find(itemId).orElseThrow(() -> new MssException(Kind.INVALID, Messages.get("recv.itemUnknown", itemId)));
        if (item.status() != Status.WORKLIST) {
            throw new MssException(Kind.INVALID, Messages.get("recv.itemDone"));
        }
        if (!item.nothingToIntegrate()) {
            throw new MssException(Kind.INVALID, Messages.get("recv.handledHasDocuments", String.join(", ", item.attachmentNames())));
        }
        String who = actor == null || actor.isBlank() ? "?" : actor;
        String text = note == null || note.isBlank() ? Messages.get("recv.handled", who) : Messages.get("recv.handledNote", who, note.strip());
        store.updateStatus(itemId, Status.HANDLED, null, text);
        audit.record(who, "mss.received.handled", item.messageId(), "de " + item.sender() + " : " + text);
        return store.find(itemId).orElseThrow();
    }

    /** Every PDF of a message without IHE_XDM.zip, each as a document of the chosen patient. */
    private static Outcome importPdfs(ReceivedDocumentImport engine, MimeAnalysis.Content content, UUID patientId, Origin origin) throws MssException {
        List<MimeAnalysis.Attachment> pdfs = content.attachments().stream().filter(MimeAnalysis.Attachment::isPdf).toList();
        if (pdfs.isEmpty()) {
            throw new MssException(Kind.INVALID, Messages.get("recv.noAttachment"));
        }
        List<String> ids = new ArrayList<>();
        for (MimeAnalysis.Attachment pdf : pdfs) {
            Outcome one = engine.importPdf(pdf.content(), pdf.name(), pdfTitle(content.subject(), pdf.name(), pdfs.size()), patientId, origin);
            if (!one.integrated()) {
                return one;
            }
            ids.addAll(one.documentIds());
        }
        return Outcome.integrated(ids, patientId, List.of());
    }

    /** The document title of a PDF received alone: the label of an MSSanté subject, else the file name. */
    static String pdfTitle(String subject, String fileName, int count) {
        String label = MssSubject.label(subject).orElse(null);
        if (label != null && count == 1) {
            return label;
        }
        String name = fileName == null || fileName.isBlank() ? "document.pdf" : fileName;
        return name.toLowerCase(java.util.Locale.ROOT).endsWith(".pdf") ? name.substring(0, name.length() - 4) : name;
    }

    private static String notice(Outcome outcome) {
        return outcome.notices().isEmpty() ? null : String.join("\n", outcome.notices());
    }

    @Override
    public List<ReceivedItem> receivedFor(UUID patientId) {
        return store.forPatient(patientId);
    }
}
