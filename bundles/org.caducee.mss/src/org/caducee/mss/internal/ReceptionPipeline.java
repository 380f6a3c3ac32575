package org.caducee.mss.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

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
                // one FETCH for the envelopes and sizes of all new messages, instead of round trips per message
                FetchProfile headers = new FetchProfile();
                headers.add(FetchProfile.Item.ENVELOPE);
                headers.add(FetchProfile.Item.SIZE);
                inbox.fetch(messages, headers);
                fetched = messages.length;
                Tally total = processAll(messages);
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

    /** Counts of one group of messages, then of the whole poll. */
    private static final class Tally {
        int integrated;
        int worklist;
        int duplicates;
        int errors;
        final List<String> notes = new ArrayList<>();

        void add(Tally t) {
            integrated += t.integrated;
            worklist += t.worklist;
            duplicates += t.duplicates;
            errors += t.errors;
            notes.addAll(t.notes);
        }
    }

    /**
     * Processes the messages on {@code mss.reception.threads} threads (default: the number of processors, at most 4),
     * so that the documents engine of one message works while the next one is fetched. Messages with the same
     * Message-ID form one group, processed in order by one thread, so the duplicate check stays exact. An
     * {@link Error} (the process dying) ends the poll as it would have without threads.
     */
    private Tally processAll(Message[] messages) throws MessagingException {
        Map<String, List<Message>> groups = new LinkedHashMap<>();
        int anonymous = 0;
        for (Message m : messages) {
            String id;
            try {
                id = MailConnector.withMailLoader(((MimeMessage) m)::getMessageID);
            } catch (MessagingException e) {
                throw e;
            } catch (Exception e) {
                id = null;
            }
            groups.computeIfAbsent(id != null ? id : "\u0000" + anonymous++, k -> new ArrayList<>()).add(m);
        }
        Tally total = new Tally();
        int threads = Math.min(connections.receptionThreads(), groups.size());
        if (threads <= 1) {
            groups.values().forEach(g -> total.add(processGroup(g)));
            return total;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "caducee-mss-reception");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Tally>> results = new ArrayList<>();
            for (List<Message> group : groups.values()) {
                results.add(pool.submit(() -> processGroup(group)));
            }
            for (Future<Tally> f : results) {
                try {
                    total.add(f.get());
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof Error error) {
                        throw error;
                    }
                    total.errors++;
                    total.notes.add(String.valueOf(e.getCause().getMessage()));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MessagingException(e.getMessage(), e);
        } finally {
            pool.shutdownNow();
        }
        return total;
    }

    /** Processes the messages of one Message-ID in order; stores each result, then flags the IMAP message. */
    private Tally processGroup(List<Message> group) {
        Tally t = new Tally();
        for (Message message : group) {
            try {
                Result r = process((MimeMessage) message);
                switch (r.status()) {
                case INTEGRATED -> t.integrated++;
                case WORKLIST -> t.worklist++;
                case DUPLICATE -> t.duplicates++;
                default -> {
                }
                }
                if (r.flag()) {
                    store.makeDurable(); // the stored result must outlive a kill before the mailbox says "handled"
                    MailConnector.withMailLoader(() -> {
                        Flags flags = new Flags(PROCESSED_KEYWORD);
                        flags.add(Flags.Flag.SEEN);
                        message.setFlags(flags, true);
                        return null;
                    });
                }
            } catch (Exception e) {
                t.errors++;
                t.notes.add(String.valueOf(e.getMessage()));
            }
        }
        return t;
    }

    /** What became of one message and whether the IMAP message may now be flagged. */
    record Result(Status status, boolean flag) {
    }

    Result process(MimeMessage message) throws Exception {
        long max = connections.maxMessageSize();
        int size = message.getSize();
        String messageId = MailConnector.withMailLoader(message::getMessageID);
        String subject = MailConnector.withMailLoader(message::getSubject);
        if (size > max) {
            byte[] headers = headersOnly(message);
            String id = messageId != null ? messageId : "<sha1-" + sha1(headers) + "@caducee>";
            if (store.contains(id)) {
                return new Result(Status.DUPLICATE, false);
            }
            store.insert(id, null, false, subject, Status.WORKLIST, MssErrorCode.OTHER, Messages.get("recv.tooBig", size, max), List.of(), headers);
            audit.record("mss", "mss.received.worklist", id, Messages.get("recv.tooBig", size, max));
            return new Result(Status.WORKLIST, false);
        }
        byte[] raw = MailConnector.withMailLoader(() -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            message.writeTo(out);
            return out.toByteArray();
        });
        String id = messageId != null ? messageId : "<sha1-" + sha1(raw) + "@caducee>";
        if (store.contains(id)) {
            return new Result(Status.DUPLICATE, true);
        }
        MimeAnalysis.Content content;
        try {
            content = MimeAnalysis.analyse(raw, max);
        } catch (MimeAnalysis.TooLargeException e) {
            store.insert(id, null, false, subject, Status.WORKLIST, MssErrorCode.OTHER, Messages.get("recv.tooBig", raw.length, max), List.of(), raw);
            audit.record("mss", "mss.received.worklist", id, Messages.get("recv.tooBig", raw.length, max));
            return new Result(Status.WORKLIST, false);
        } catch (MessagingException | IOException | RuntimeException e) {
            String reason = Messages.get("recv.malformed", String.valueOf(e.getMessage()));
            store.insert(id, null, false, subject, Status.WORKLIST, MssErrorCode.OTHER, reason, List.of(), raw);
            audit.record("mss", "mss.received.worklist", id, reason);
            return new Result(Status.WORKLIST, false);
        }
        boolean fromPatient = PatientMailbox.isPatient(content.sender());
        Origin origin = new Origin(id, content.sender(), fromPatient, clock.instant());
        List<MimeAnalysis.Attachment> xdm = content.xdm();
        String reason;
        MssErrorCode code = null;
        boolean report = false;
        boolean flag = true;
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
            try {
                SafeZip.read(zip, ZipLimits.defaults());
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
                Outcome outcome;
                try {
                    outcome = engine.importXdm(zip, origin);
                } catch (RuntimeException e) {
                    outcome = Outcome.refused(MssErrorCode.OTHER, Messages.get("recv.importFailed", String.valueOf(e.getMessage())));
                }
                if (outcome.integrated()) {
                    ReceivedItem stored = store.insert(id, content.sender(), false, content.subject(), Status.INTEGRATED, null, null, content.names(), raw);
                    store.recordFiling(stored.id(), outcome.patientId(), outcome.documentIds(), notice(outcome));
                    audit.record("mss", "mss.received.integrated", id, "de " + content.sender() + " : documents " + outcome.documentIds()
                            + (outcome.notices().isEmpty() ? "" : " ; " + String.join(" ; ", outcome.notices())));
                    if (content.dispositionNotificationTo() != null) {
                        queueReport(content, raw, null, null);
                    }
                    return new Result(Status.INTEGRATED, true);
                }
                code = outcome.code() == null ? MssErrorCode.OTHER : outcome.code();
                reason = outcome.reason();
                report = true;
            }
        }
        store.insert(id, content.sender(), fromPatient, content.subject(), Status.WORKLIST, code, reason, content.names(), raw);
        audit.record("mss", "mss.received.worklist", id, "de " + content.sender() + (code == null ? "" : " [" + code.code() + "]") + " : " + reason);
        if (report) {
            queueReport(content, raw, code, reason);
        }
        return new Result(Status.WORKLIST, flag);
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
