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
import java.util.concurrent.ConcurrentSkipListMap;

import org.caducee.core.audit.AuditTrail;
import org.caducee.core.care.CareEpisode;
import org.caducee.core.care.CareRepository;
import org.caducee.core.care.Consent;
import org.caducee.core.identity.Identity;
import org.caducee.core.identity.IdentityStatus;
import org.caducee.core.patient.Patient;
import org.caducee.core.patient.PatientRepository;
import org.caducee.dmp.AccessMode;
import org.caducee.dmp.AuthorizationSchedule;
import org.caducee.dmp.ConsentGate;
import org.caducee.dmp.ConsentRequiredException;
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
import org.caducee.outbox.OutboxHandler;
import org.caducee.outbox.OutboxItem;
import org.caducee.outbox.OutboxService;
import org.caducee.outbox.RetryableException;
import org.caducee.store.Database;
import org.caducee.store.SchemaReady;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * The DMP service: DICA with the existence test, consent per episode, authorisations through the outbox (this
 * component is also the outbox handler of channel {@value DmpService#AUTHORIZATION_CHANNEL}), the information notice.
 * Every DMP call and every choice is traced in the audit trail.
 */
@Component(service = { DmpService.class, OutboxHandler.class },
        property = OutboxHandler.PROPERTY_CHANNEL + "=" + DmpService.AUTHORIZATION_CHANNEL)
public final class DmpServiceImpl implements DmpService, OutboxHandler {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private final PatientRepository patients;
    private final CareRepository care;
    private final DmpClient client;
    private final OutboxService outbox;
    private final AuditTrail audit;
    private final DmpJournal journal;
    private final Clock clock = Clock.systemUTC();
    private final AuthorizationSchedule schedule = new AuthorizationSchedule(AuthorizationSchedule.DEFAULT_VALIDITY, PARIS);
    private final InformationNotice notice = new InformationNotice(InformationNotice.DEFAULT_PERIOD);
    private final ConsentGate gate = new ConsentGate();
    private final Map<Key, DmpCallerSource> callers = new ConcurrentSkipListMap<>();

    private record Key(int ranking, long id) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            int byRanking = Integer.compare(o.ranking, ranking);
            return byRanking != 0 ? byRanking : Long.compare(id, o.id);
        }
    }

    @Activate
    public DmpServiceImpl(@Reference PatientRepository patients, @Reference CareRepository care, @Reference DmpClient client,
            @Reference OutboxService outbox, @Reference AuditTrail audit, @Reference Database database,
            @Reference(target = "(module=" + DmpSchema.MODULE + ")") SchemaReady schema) {
        this.patients = patients;
        this.care = care;
        this.client = client;
        this.outbox = outbox;
        this.audit = audit;
        this.journal = new DmpJournal(database);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addCallerSource(DmpCallerSource source, Map<String, Object> properties) {
        callers.put(key(properties), source);
    }

    void removeCallerSource(DmpCallerSource source, Map<String, Object> properties) {
        callers.remove(key(properties));
    }

    private static Key key(Map<String, Object> properties) {
        Object ranking = properties.get(Constants.SERVICE_RANKING);
        return new Key(ranking instanceof Integer i ? i : 0, (Long) properties.get(Constants.SERVICE_ID));
    }

    private Optional<DmpCaller> caller() {
        for (DmpCallerSource source : List.copyOf(callers.values())) {
            Optional<DmpCaller> caller = source.current();
            if (caller.isPresent()) {
                return caller;
            }
        }
        return Optional.empty();
    }

    @Override
    public Dica dica(UUID patientId, AccessMode mode) {
        Patient patient = patients.find(patientId).orElseThrow(() -> new IllegalArgumentException("patient " + patientId));
        Identity identity = patient.identity();
        Optional<CareEpisode> episode = currentEpisode(patientId);
        Optional<Consent> consent = episode.flatMap(e -> care.consent(e.id()));
        Optional<DmpCaller> caller = caller();
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
        Optional<DmpCaller> caller = caller();
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
    public void deliver(OutboxItem item) throws Exception {
        AuthorizationOrder order = AuthorizationOrder.parse(item.payload());
        Patient patient = patients.find(order.patientId()).orElseThrow(() -> new IllegalStateException(Messages.get("service.unknownPatient")));
        Optional<Consent> consent = care.consent(order.episodeId());
        DmpRequest request = request(patient.identity(), order.caller(), AccessMode.NORMAL, consent);
        try {
            gate.require(DmpTransaction.TD0_3_AUTHORIZE, consent, AccessMode.NORMAL);
            client.authorize(request);
        } catch (ConsentRequiredException e) {
            trace(order.caller(), order.patientId(), DmpTransaction.TD0_3_AUTHORIZE, AccessMode.NORMAL, e.getMessage());
            throw e;
        } catch (DmpException e) {
            trace(order.caller(), order.patientId(), DmpTransaction.TD0_3_AUTHORIZE, AccessMode.NORMAL, e.getMessage());
            if (e.kind() == DmpException.Kind.UNREACHABLE) {
                throw new RetryableException(e.getMessage(), e);
            }
            throw e;
        }
        journal.authorized(order.patientId(), order.caller().professional().nationalId(), clock.instant());
        trace(order.caller(), order.patientId(), DmpTransaction.TD0_3_AUTHORIZE, AccessMode.NORMAL, "OK");
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
        LocalDate today = LocalDate.ofInstant(clock.instant(), PARIS);
        return care.episodes(patientId).stream().filter(e -> e.isOpen(today))
                .max(Comparator.comparing(CareEpisode::start));
    }

    private static DmpRequest request(Identity identity, DmpCaller caller, AccessMode mode, Optional<Consent> consent) {
        if (identity.ins() == null || identity.status() != IdentityStatus.QUALIFIEE) {
            throw new IllegalStateException(Messages.get("service.insNotQualified"));
        }
        return new DmpRequest(identity.ins().value(), identity.ins().oid(), caller.professional(), mode, consent,
                caller.authentication());
    }

    private void trace(DmpCaller caller, UUID patientId, DmpTransaction transaction, AccessMode mode, String outcome) {
        audit.record(caller.login(), "dmp." + transaction.name(), patientId.toString(),
                Messages.get("trace.call", caller.professional().nationalId(), mode.code(), outcome));
    }

    private static String yesNo(boolean value) {
        return Messages.get(value ? "yes" : "no");
    }
}
