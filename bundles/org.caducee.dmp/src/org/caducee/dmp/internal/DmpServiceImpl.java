package org.caducee.dmp.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.caducee.core.audit.AuditTrail;
import org.caducee.core.care.CareEpisode;
import org.caducee.core.care.CareRepository;
import org.caducee.core.care.Consent;
import org.caducee.core.document.Channel;
import org.caducee.core.document.DocumentRepository;
import org.caducee.core.document.HealthDocument;
import org.caducee.core.document.SharingState;
import org.caducee.core.identity.Identity;
import org.caducee.core.installation.Installation;
import org.caducee.dmp.FeedTiming;
import org.caducee.dmp.GateDecision;
import org.caducee.outbox.OutboxState;
import org.caducee.xds.DocumentVersions;
import org.caducee.xds.DocumentImport;
import org.caducee.xds.ImportOutcome;
import org.caducee.core.document.Provenance;
import org.caducee.dmp.DmpAnnouncement;
import org.caducee.dmp.DmpDocument;
import org.caducee.dmp.DmpSummary;
import org.caducee.dmp.DocumentQuery;
import org.caducee.dmp.DocumentStatus;
import org.caducee.dmp.RetrievedDocument;
import org.caducee.xds.Visibility;
import java.util.Set;
import org.caducee.core.identity.IdentityStatus;
import org.caducee.core.patient.Patient;
import org.caducee.core.patient.PatientRepository;
import org.caducee.dmp.AccessMode;
import org.caducee.dmp.AuthorizationSchedule;
import org.caducee.dmp.ConsentGate;
import org.caducee.dmp.Dica;
import org.caducee.dmp.DicaFacts;
import org.caducee.dmp.DmpAccess;
import org.caducee.dmp.DmpCaller;
import org.caducee.dmp.DmpCallerSource;
import org.caducee.dmp.DmpClient;
import org.caducee.dmp.DmpException;
import org.caducee.dmp.DmpRequest;
import org.caducee.dmp.DmpService;
import org.caducee.dmp.DmpState;
import org.caducee.dmp.DmpTransaction;
import org.caducee.dmp.InformationNotice;
import org.caducee.outbox.OutboxItem;
import org.caducee.outbox.OutboxService;
import org.caducee.store.Database;
import org.caducee.store.SchemaReady;
import org.caducee.security.AccountService;
import org.caducee.security.UserAccount;
import org.caducee.dmp.vihf.AuthenticationMode;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * The DMP service: DICA with the existence test, consent per episode, authorisations through the outbox (delivered
 * by {@link DmpAuthorizationHandler}), feeding (delivered by {@link DmpFeedHandler}), consultation, the information
 * notice. The handlers are separate components: the outbox tracks them, and this one uses the outbox.
 * Every DMP call and every choice is traced in the audit trail.
 */
@Component(service = DmpService.class)
public final class DmpServiceImpl implements DmpService {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private final PatientRepository patients;
    private final CareRepository care;
    private final DmpClient client;
    private final OutboxService outbox;
    private final AuditTrail audit;
    private final DmpJournal journal;
    private final DocumentRepository documents;
    private final DocumentVersions versions;
    private final Installation installation;
    private final DocumentImport imports;
    private final AccountService accounts;
    private final Clock clock = Clock.systemUTC();
    private final AuthorizationSchedule schedule = new AuthorizationSchedule(AuthorizationSchedule.DEFAULT_VALIDITY, PARIS);
    private final InformationNotice notice = new InformationNotice(InformationNotice.DEFAULT_PERIOD);
    private final ConsentGate gate = new ConsentGate();
    private final org.caducee.dmp.Revisibility revisibility = new org.caducee.dmp.Revisibility(PARIS);
    private final DmpCallers callers = new DmpCallers();

    @Activate
    public DmpServiceImpl(@Reference PatientRepository patients, @Reference CareRepository care, @Reference DmpClient client,
            @Reference OutboxService outbox, @Reference AuditTrail audit, @Reference Database database,
            @Reference DocumentRepository documents, @Reference DocumentVersions versions, @Reference Installation installation,
            @Reference DocumentImport imports, @Reference AccountService accounts,
            @Reference(target = "(module=" + DmpSchema.MODULE + ")") SchemaReady schema) {
        this.patients = patients;
        this.care = care;
        this.client = client;
        this.outbox = outbox;
        this.audit = audit;
        this.journal = new DmpJournal(database);
        this.documents = documents;
        this.versions = versions;
        this.installation = installation;
        this.imports = imports;
        this.accounts = accounts;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addCallerSource(DmpCallerSource source, Map<String, Object> properties) {
        callers.add(source, properties);
    }

    void removeCallerSource(DmpCallerSource source, Map<String, Object> properties) {
        callers.remove(properties);
    }

    /** The caller for feeding: the highest-ranked source that answers, the structure certificate included. */
    private Optional<DmpCaller> caller() {
        return callers.first(false);
    }

    /** The caller for consulting and updating: a personal credential only (the structure certificate feeds only). */
    private Optional<DmpCaller> personalCaller() {
        return callers.first(true);
    }

    @Override
    public Dica dica(UUID patientId, AccessMode mode) {
        Patient patient = patients.find(patientId).orElseThrow(() -> new IllegalArgumentException("patient " + patientId));
        Identity identity = patient.identity();
        Optional<CareEpisode> episode = currentEpisode(patientId);
        Optional<Consent> consent = episode.flatMap(e -> care.consent(e.id()));
        Optional<DmpCaller> caller = personalCaller();
        DmpState state = DmpState.UNKNOWN;
        if (identity.status() == IdentityStatus.QUALIFIEE && identity.ins() != null && caller.isPresent()) {
            DmpRequest request = request(identity, caller.get(), mode, consent);
            try {
                DmpAccess access = client.existence(request);
                state = access.state();
                trace(caller.get(), patientId, DmpTransaction.TD0_2_EXISTENCE, mode, state.name());
                if (access.state() == DmpState.OPEN && episode.isPresent() && !access.authorized()
                        && schedule.authorizationDue(episode.get(), consent,
                                journal.lastAuthorization(patientId, caller.get().professional().nationalId()), clock.instant())) {
                    queueAuthorization(patientId, episode.get().id(), caller.get());
                }
            } catch (DmpException e) {
                state = e.kind() == DmpException.Kind.NOT_CONFIGURED ? DmpState.UNKNOWN : DmpState.UNREACHABLE;
                trace(caller.get(), patientId, DmpTransaction.TD0_2_EXISTENCE, mode, e.getMessage());
            }
        }
        return Dica.of(new DicaFacts(state, identity.status(), consent, mode, caller.isPresent()));
    }

    @Override
    public Optional<Consent> consent(UUID patientId) {
        return currentEpisode(patientId).flatMap(e -> care.consent(e.id()));
    }

    @Override
    public Consent recordConsent(UUID patientId, boolean informed, boolean feedingOpposed, boolean consultationAllowed,
            String recordedBy) {
        CareEpisode episode = currentEpisode(patientId).orElseGet(() -> care.save(new CareEpisode(UUID.randomUUID(),
                patientId, Messages.get("service.defaultEpisode"), LocalDate.ofInstant(clock.instant(), PARIS), null)));
        UUID episodeId = episode.id();
        Consent consent = care.save(new Consent(episodeId, informed, feedingOpposed, consultationAllowed, recordedBy, clock.instant()));
        audit.record(recordedBy, "dmp.consentement", patientId.toString(), Messages.get("trace.consent", episode.label(),
                yesNo(informed), yesNo(!feedingOpposed), yesNo(consultationAllowed)));
        Optional<DmpCaller> caller = personalCaller();
        if (consultationAllowed && caller.isPresent() && schedule.authorizationDue(episode, Optional.of(consent),
                journal.lastAuthorization(patientId, caller.get().professional().nationalId()), clock.instant())) {
            queueAuthorization(patientId, episodeId, caller.get());
        }
        return consent;
    }

    private void queueAuthorization(UUID patientId, UUID episodeId, DmpCaller caller) {
        String key = "habilitation:" + patientId + ":" + caller.professional().nationalId() + ":"
                + LocalDate.ofInstant(clock.instant(), PARIS);
        outbox.enqueue(AUTHORIZATION_CHANNEL, key, Messages.get("outbox.authorization", caller.professional().displayName()),
                new AuthorizationOrder(patientId, episodeId, caller).toPayload(), clock.instant());
    }

    @Override
    public OutboxItem share(UUID documentId, Set<Visibility> visibility, FeedTiming timing, String requestedBy) {
        HealthDocument document = documents.find(documentId)
                .orElseThrow(() -> new IllegalStateException(Messages.get("feed.unknownDocument")));
        Optional<OutboxItem> existing = feed(documentId);
        if (existing.isPresent() && existing.get().state() != OutboxState.CANCELLED) {
            return existing.get();
        }
        Patient patient = patients.find(document.patientId())
                .orElseThrow(() -> new IllegalStateException(Messages.get("service.unknownPatient")));
        if (patient.identity().status() != IdentityStatus.QUALIFIEE || patient.identity().ins() == null) {
            throw new IllegalStateException(Messages.get("service.insNotQualified"));
        }
        if (versions.content(documentId).isEmpty()) {
            throw new IllegalStateException(Messages.get("feed.noContent"));
        }
        GateDecision decision = gate.check(DmpTransaction.TD2_1_FEED, consent(document.patientId()), AccessMode.NORMAL);
        if (!decision.allowed()) {
            throw new IllegalStateException(decision.refusal().orElseThrow());
        }
        DmpCaller caller = caller().or(() -> author(requestedBy))
                .orElseThrow(() -> new IllegalStateException(Messages.get("feed.notAuthenticated")));
        Instant notBefore = notBefore(timing);
        OutboxItem item = existing.isPresent() ? outbox.retry(existing.get().id()) : outbox.enqueue(FEED_CHANNEL, document.uniqueId(),
                Messages.get("outbox.feed", document.title() == null ? document.uniqueId() : document.title()),
                new FeedOrder(documentId, document.patientId(), visibility, caller).toPayload(), notBefore);
        documents.updateSharing(documentId, Channel.DMP, SharingState.PENDING);
        audit.record(requestedBy, "dmp.alimentation", document.patientId().toString(),
                Messages.get("trace.feedQueued", document.uniqueId(), timing.name(), notBefore));
        return item;
    }

    /**
     * The professional who asks for the feed, when nobody is authenticated for the DMP on this workstation: the order
     * names him or her and waits for a workstation holding his or her credentials ({@link DmpFeedHandler}).
     */
    private Optional<DmpCaller> author(String login) {
        return Optional.ofNullable(login).flatMap(accounts::find).filter(UserAccount::active)
                .filter(a -> a.rpps() != null && !a.rpps().isBlank())
                .map(a -> new DmpCaller(a.login(), new DmpRequest.Professional("8" + a.rpps().trim(), a.displayName(), "10",
                        Optional.empty()), AuthenticationMode.INDIRECTE));
    }

    private Instant notBefore(FeedTiming timing) {
        Instant now = clock.instant();
        return switch (timing) {
            case NOW -> now;
            case DELAYED -> now.plus(java.time.Duration.ofMinutes(installation.setting("dmp.alimentation.delai.minutes")
                    .filter(v -> v.matches("\\d{1,4}")).map(Long::parseLong).orElse(15L)));
            case EVENING -> {
                java.time.LocalTime at = installation.setting("dmp.alimentation.soir").map(v -> {
                    try {
                        return java.time.LocalTime.parse(v);
                    } catch (java.time.format.DateTimeParseException e) {
                        return null;
                    }
                }).orElse(java.time.LocalTime.of(19, 0));
                Instant evening = LocalDate.ofInstant(now, PARIS).atTime(at).atZone(PARIS).toInstant();
                yield evening.isAfter(now) ? evening : now;
            }
        };
    }

    @Override
    public FeedTiming defaultTiming() {
        return installation.setting("dmp.alimentation.envoi").map(v -> {
            try {
                return FeedTiming.valueOf(v.toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                return null;
            }
        }).orElse(FeedTiming.DELAYED);
    }

    @Override
    public Optional<OutboxItem> feed(UUID documentId) {
        return documents.find(documentId).flatMap(d -> outbox.list(null, 10_000).stream()
                .filter(i -> FEED_CHANNEL.equals(i.channel()) && d.uniqueId().equals(i.idempotencyKey())).findFirst());
    }

    @Override
    public Optional<Instant> sentToDmp(UUID documentId) {
        return journal.fedAt(documentId);
    }

    @Override
    public OutboxItem holdFeed(UUID documentId) {
        return feedChange(documentId, outbox::hold, SharingState.HELD);
    }

    @Override
    public OutboxItem releaseFeed(UUID documentId) {
        return feedChange(documentId, outbox::release, SharingState.PENDING);
    }

    @Override
    public OutboxItem cancelFeed(UUID documentId) {
        return feedChange(documentId, outbox::cancel, SharingState.CANCELLED);
    }

    private OutboxItem feedChange(UUID documentId, java.util.function.Function<UUID, OutboxItem> change, SharingState state) {
        OutboxItem item = feed(documentId).orElseThrow(() -> new IllegalStateException(Messages.get("feed.notQueued")));
        OutboxItem changed = change.apply(item.id());
        documents.updateSharing(documentId, Channel.DMP, state);
        return changed;
    }

    /** Who asks and for whom, for a consultation or an update of the patient's DMP. */
    private record Consultation(DmpCaller caller, DmpRequest request) {
    }

    private Consultation consultation(UUID patientId, AccessMode mode) throws DmpException {
        Patient patient = patients.find(patientId).orElseThrow(() -> new IllegalStateException(Messages.get("service.unknownPatient")));
        DmpCaller caller = personalCaller().orElseThrow(() -> new DmpException(DmpException.Kind.NOT_CONFIGURED,
                Messages.get(caller().isPresent() ? "consult.structureOnly" : "feed.notAuthenticated")));
        return new Consultation(caller, request(patient.identity(), caller, mode, consent(patientId)));
    }

    private <T> T traced(UUID patientId, AccessMode mode, DmpTransaction transaction, String what, DmpCall<T> call) throws DmpException {
        Consultation c = consultation(patientId, mode);
        try {
            T result = call.run(c);
            trace(c.caller(), patientId, transaction, mode, what + " OK");
            return result;
        } catch (DmpException | RuntimeException e) {
            trace(c.caller(), patientId, transaction, mode, what + " " + e.getMessage());
            throw e;
        }
    }

    @FunctionalInterface
    private interface DmpCall<T> {
        T run(Consultation c) throws DmpException;
    }

    @Override
    public DmpSummary open(UUID patientId, AccessMode mode) throws DmpException {
        return traced(patientId, mode, DmpTransaction.TD3_1_LIST, "ouverture", c -> {
            List<DmpDocument> all = client.findDocuments(c.request(), new DocumentQuery(
                    Set.of(DocumentStatus.APPROVED, DocumentStatus.DEPRECATED, DocumentStatus.DELETED), Optional.empty(), List.of()));
            List<DmpDocument> current = all.stream().filter(d -> d.status() == DocumentStatus.APPROVED).toList();
            // new = never listed to this professional (a document created long ago but sent yesterday is new); a visit
            // recorded before the listings were remembered falls back on the creation time
            DmpJournal.Visit visit = journal.visit(patientId, c.caller().professional().nationalId(), clock.instant(),
                    current.stream().map(DmpDocument::uniqueId).toList());
            String since = visit.previous().map(XdsDocuments::dtm).orElse("");
            List<DmpDocument> fresh = current.stream().filter(d -> visit.seen().map(seen -> !seen.contains(d.uniqueId()))
                    .orElseGet(() -> d.entry().creationTime() != null && d.entry().creationTime().compareTo(since) >= 0)).toList();
            Map<String, LocalDate> visibleOn;
            try {
                visibleOn = visibleOn(c, current);
            } catch (DmpException e) {
                trace(c.caller(), patientId, DmpTransaction.TD3_1_LIST, mode, "dates de visibilité " + e.getMessage());
                visibleOn = Map.of();
            }
            List<DmpAnnouncement> announcements = new java.util.ArrayList<>();
            for (HealthDocument local : documents.forPatient(patientId)) {
                List<DmpDocument> copies = all.stream().filter(d -> d.uniqueId().equals(local.uniqueId())).toList();
                if (copies.isEmpty() || copies.stream().anyMatch(d -> d.status() == DocumentStatus.APPROVED)) {
                    continue;
                }
                if (copies.stream().anyMatch(d -> d.status() == DocumentStatus.DELETED)) {
                    announcements.add(new DmpAnnouncement(local.id(), local.uniqueId(), local.title(), DmpAnnouncement.Kind.DELETED,
                            Optional.empty()));
                } else {
                    Optional<DmpDocument> latest = client.relatedDocuments(c.request(), copies.get(0).entryUuid()).stream()
                            .filter(d -> d.status() == DocumentStatus.APPROVED).findFirst();
                    announcements.add(new DmpAnnouncement(local.id(), local.uniqueId(), local.title(), DmpAnnouncement.Kind.NEW_VERSION,
                            latest));
                }
            }
            return new DmpSummary(current, fresh.size(), (int) fresh.stream().filter(DmpDocument::invisibleToPatient).count(),
                    announcements, visit.previous(), visibleOn);
        });
    }

    /** GetSubmissionSets for the documents invisible to the patient: the day each becomes visible, by uniqueId. */
    private Map<String, LocalDate> visibleOn(Consultation c, List<DmpDocument> listed) throws DmpException {
        List<DmpDocument> invisible = listed.stream().filter(DmpDocument::invisibleToPatient).toList();
        if (invisible.isEmpty()) {
            return Map.of();
        }
        Map<String, org.caducee.dmp.DmpSubmissionSet> sets = client.submissionSetsOf(c.request(),
                invisible.stream().map(DmpDocument::entryUuid).toList());
        Map<String, LocalDate> days = new java.util.HashMap<>();
        for (DmpDocument d : invisible) {
            Optional.ofNullable(sets.get(d.entryUuid())).flatMap(set -> XdsDocuments.instant(set.submissionTime()))
                    .ifPresent(sent -> days.put(d.uniqueId(), revisibility.visibleOn(sent)));
        }
        return days;
    }

    @Override
    public Map<String, LocalDate> patientVisibleOn(UUID patientId, AccessMode mode, List<DmpDocument> listed) throws DmpException {
        if (listed.stream().noneMatch(DmpDocument::invisibleToPatient)) {
            return Map.of();
        }
        return traced(patientId, mode, DmpTransaction.TD3_1_LIST, "dates de visibilité", c -> visibleOn(c, listed));
    }

    @Override
    public List<DmpDocument> documents(UUID patientId, AccessMode mode, DocumentQuery query) throws DmpException {
        return traced(patientId, mode, DmpTransaction.TD3_1_LIST, "liste", c -> client.findDocuments(c.request(), query));
    }

    @Override
    public Optional<DmpDocument> document(UUID patientId, AccessMode mode, String uniqueId) throws DmpException {
        return traced(patientId, mode, DmpTransaction.TD3_1_LIST, uniqueId, c -> {
            List<DmpDocument> entries = client.getDocuments(c.request(), uniqueId);
            return entries.stream().filter(d -> d.status() == DocumentStatus.APPROVED).findFirst()
                    .or(() -> entries.isEmpty() ? Optional.empty() : Optional.of(entries.get(entries.size() - 1)));
        });
    }

    @Override
    public List<DmpDocument> versions(UUID patientId, AccessMode mode, DmpDocument document) throws DmpException {
        return traced(patientId, mode, DmpTransaction.TD3_1_LIST, document.uniqueId(),
                c -> client.relatedDocuments(c.request(), document.entryUuid()));
    }

    @Override
    public RetrievedDocument retrieve(UUID patientId, AccessMode mode, DmpDocument document) throws DmpException {
        return traced(patientId, mode, DmpTransaction.TD3_2_RETRIEVE, document.uniqueId(), c -> client.retrieve(c.request(), document));
    }

    @Override
    public ImportOutcome integrate(UUID patientId, AccessMode mode, DmpDocument document) throws DmpException {
        RetrievedDocument retrieved = retrieve(patientId, mode, document);
        List<ImportOutcome> outcomes = imports.importFile(document.uniqueId() + ".xml", retrieved.content(), "DMP " + document.uniqueId(),
                Provenance.IMPORTED_DMP, patientId);
        return outcomes.get(0);
    }

    @Override
    public DmpDocument changeVisibility(UUID patientId, DmpDocument document, Set<Visibility> visibility) throws DmpException {
        return traced(patientId, AccessMode.NORMAL, DmpTransaction.TD3_3_VISIBILITY, document.uniqueId() + " " + visibility,
                c -> client.updateVisibility(c.request(), document, visibility));
    }

    @Override
    public void changeStatus(UUID patientId, DmpDocument document, DocumentStatus status) throws DmpException {
        traced(patientId, AccessMode.NORMAL, DmpTransaction.TD3_3_STATUS, document.uniqueId() + " " + status, c -> {
            client.updateStatus(c.request(), document, status);
            if (status == DocumentStatus.DELETED) {
                documents.findByUniqueId(document.uniqueId()).ifPresent(d -> documents.updateSharing(d.id(), Channel.DMP, SharingState.DELETED));
            }
            return null;
        });
    }

    @Override
    public boolean informationNoticeDue(String login) {
        return notice.due(journal.noticeAcknowledged(login), clock.instant());
    }

    @Override
    public void acknowledgeInformationNotice(String login) {
        Instant now = clock.instant();
        journal.acknowledge(login, now);
        audit.record(login, "dmp.information", login, Messages.get("trace.notice"));
    }

    private Optional<CareEpisode> currentEpisode(UUID patientId) {
        return currentEpisode(care, patientId, clock.instant());
    }

    static Optional<CareEpisode> currentEpisode(CareRepository care, UUID patientId, Instant now) {
        LocalDate today = LocalDate.ofInstant(now, PARIS);
        return care.episodes(patientId).stream().filter(e -> e.isOpen(today))
                .max(Comparator.comparing(CareEpisode::start));
    }

    static DmpRequest request(Identity identity, DmpCaller caller, AccessMode mode, Optional<Consent> consent) {
        if (identity.ins() == null || identity.status() != IdentityStatus.QUALIFIEE) {
            throw new IllegalStateException(Messages.get("service.insNotQualified"));
        }
        return new DmpRequest(identity.ins().value(), identity.ins().oid(), caller.professional(), mode, consent,
                caller.authentication(), caller.context());
    }

    private void trace(DmpCaller caller, UUID patientId, DmpTransaction transaction, AccessMode mode, String outcome) {
        trace(audit, caller, patientId, transaction, mode, outcome);
    }

    /** Traces one DMP call in the audit trail. */
    static void trace(AuditTrail audit, DmpCaller caller, UUID patientId, DmpTransaction transaction, AccessMode mode, String outcome) {
        audit.record(caller.login(), "dmp." + transaction.name(), patientId.toString(),
                Messages.get("trace.call", caller.professional().nationalId(), mode.code(), outcome));
    }

    private static String yesNo(boolean value) {
        return Messages.get(value ? "yes" : "no");
    }
}
