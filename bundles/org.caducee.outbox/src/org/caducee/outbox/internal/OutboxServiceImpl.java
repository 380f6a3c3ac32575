package org.caducee.outbox.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.caducee.core.event.CaduceeTopics;
import org.caducee.outbox.OutboxHandler;
import org.caducee.outbox.OutboxItem;
import org.caducee.outbox.OutboxService;
import org.caducee.outbox.OutboxState;
import org.caducee.outbox.NotHereException;
import org.caducee.outbox.RetryableException;
import org.caducee.store.Database;
import org.caducee.store.SchemaReady;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/**
 * The durable outbox over table {@code caducee_outbox}.
 * <p>
 * One {@link ChannelWorker} per channel that has an {@link OutboxHandler} (whiteboard, property {@code channel}).
 * A worker claims a due PENDING item with {@code UPDATE ... SET state='IN_PROGRESS' WHERE id=? AND state='PENDING'}
 * (so two workstations never take the same item), calls the handler outside any transaction, then marks it DONE,
 * back to PENDING with exponential back-off on {@link RetryableException}, back to PENDING for another workstation
 * on {@link NotHereException} (due at once for the others, no attempt counted; this workstation skips it for a poll
 * interval, in memory), or FAILED. At activation, items left
 * IN_PROGRESS by this workstation (a crash mid-delivery), or by any workstation for longer than the stale delay, go
 * back to PENDING: handlers are idempotent on the key, so a crash at any point leads to exactly one delivery.
 * Every state change is posted on {@link CaduceeTopics#OUTBOX_CHANGED} with properties {@code channel}, {@code id}
 * and {@code state}.
 */
@Component(service = OutboxService.class, configurationPid = "org.caducee.outbox")
public class OutboxServiceImpl implements OutboxService {

    private static final System.Logger LOG = System.getLogger(OutboxServiceImpl.class.getName());
    private static final String COLUMNS = "id, channel, idempotency_key, description, payload, state, not_before, attempts, last_error,"
            + " created_at, updated_at";
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private final Database database;
    private final OutboxSettings settings;
    private final Clock clock;
    private final Map<String, ChannelWorker> workers = new ConcurrentHashMap<>();
    private final Map<OutboxHandler, String> handlers = new ConcurrentHashMap<>();
    /** Items declined here ({@link NotHereException}), until when this workstation leaves them to the others. */
    private final Map<UUID, Instant> declined = new ConcurrentHashMap<>();
    private volatile EventAdmin eventAdmin;
    private volatile boolean closed;

    @Activate
    public OutboxServiceImpl(@Reference Database database, @Reference(target = "(module=outbox)") SchemaReady schema,
            OutboxConfig config) {
        this(database, OutboxSettings.of(config), Clock.systemUTC());
    }

    /** For tests and headless use: recovers the items of a previous crash at once. */
    /** An outbox on {@code database} with explicit settings and clock (tests); DS uses the constructor above. */
    public static OutboxServiceImpl create(Database database, OutboxSettings settings, Clock clock) {
        return new OutboxServiceImpl(database, settings, clock);
    }

    // not public: Felix SCR inspects every public constructor of the component's arity and logs the others as errors
    private OutboxServiceImpl(Database database, OutboxSettings settings, Clock clock) {
        this.database = database;
        this.settings = settings;
        this.clock = clock;
        int recovered = recover(true);
        if (recovered > 0) {
            LOG.log(System.Logger.Level.INFO, "outbox: " + recovered + " envoi(s) interrompu(s) remis en attente");
        }
    }

    // ---------------------------------------------------------------- whiteboard and EventAdmin

    @Reference(service = OutboxHandler.class, cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            unbind = "removeHandler")
    public void addHandler(OutboxHandler handler, Map<String, Object> properties) {
        String channel = channelOf(properties);
        if (channel == null || closed) {
            if (channel == null) {
                LOG.log(System.Logger.Level.WARNING, "outbox: handler " + handler + " sans propriété channel, ignoré");
            }
            return;
        }
        handlers.put(handler, channel);
        ChannelWorker worker = workers.compute(channel, (c, existing) -> {
            if (existing != null && !existing.stopped()) {
                existing.handler(handler);
                return existing;
            }
            return new ChannelWorker(c, handler, settings.pollInterval(), this::drain);
        });
        worker.wake();
    }

    public void removeHandler(OutboxHandler handler, Map<String, Object> properties) {
        String channel = handlers.remove(handler);
        if (channel == null) {
            return;
        }
        Optional<OutboxHandler> other = handlers.entrySet().stream().filter(e -> e.getValue().equals(channel)).map(Map.Entry::getKey)
                .findFirst();
        ChannelWorker worker = workers.get(channel);
        if (worker == null || worker.handler() != handler) {
            return;
        }
        if (other.isPresent()) {
            worker.handler(other.get());
        } else {
            workers.remove(channel, worker);
            worker.stop(STOP_GRACE);
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, unbind = "unsetEventAdmin")
    public void setEventAdmin(EventAdmin eventAdmin) {
        this.eventAdmin = eventAdmin;
    }

    public void unsetEventAdmin(EventAdmin eventAdmin) {
        if (this.eventAdmin == eventAdmin) {
            this.eventAdmin = null;
        }
    }

    @Deactivate
    public void close() {
        closed = true;
        List<ChannelWorker> all = new ArrayList<>(workers.values());
        workers.clear();
        all.forEach(w -> w.stop(STOP_GRACE));
    }

    private static String channelOf(Map<String, Object> properties) {
        Object value = properties == null ? null : properties.get(OutboxHandler.PROPERTY_CHANNEL);
        if (value instanceof String[] array && array.length > 0) {
            value = array[0];
        }
        return value instanceof String s && !s.isBlank() ? s : null;
    }

    // ---------------------------------------------------------------- API

    @Override
    public OutboxItem enqueue(String channel, String idempotencyKey, String description, String payload, Instant notBefore) {
        if (channel == null || channel.isBlank() || channel.length() > 64) {
            throw new IllegalArgumentException(Messages.get("outbox.channel"));
        }
        if (idempotencyKey == null || idempotencyKey.isBlank() || idempotencyKey.length() > 512) {
            throw new IllegalArgumentException(Messages.get("outbox.key"));
        }
        Optional<OutboxItem> existing = findByKey(channel, idempotencyKey);
        if (existing.isPresent()) {
            return existing.get();
        }
        Instant now = now();
        Instant due = notBefore == null ? now : notBefore.truncatedTo(ChronoUnit.MILLIS);
        UUID id = UUID.randomUUID();
        String desc = cut(description == null || description.isBlank() ? channel + " " + idempotencyKey : description, 1000);
        boolean inserted = database.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO caducee_outbox (" + COLUMNS
                    + ", claimed_by) VALUES (?, ?, ?, ?, ?, 'PENDING', ?, 0, NULL, ?, ?, NULL)")) {
                ps.setObject(1, id);
                ps.setString(2, channel);
                ps.setString(3, idempotencyKey);
                ps.setString(4, desc);
                ps.setString(5, payload);
                ps.setObject(6, odt(due));
                ps.setObject(7, odt(now));
                ps.setObject(8, odt(now));
                ps.executeUpdate();
                return true;
            } catch (SQLException e) {
                if ("23505".equals(e.getSQLState())) {
                    return false; // enqueued at the same moment by another thread or workstation
                }
                throw e;
            }
        });
        OutboxItem item = findByKey(channel, idempotencyKey).orElseThrow();
        if (inserted) {
            database.makeDurable(); // the caller tells the user "queued": a killed process must not lose it
            changed(item);
            ChannelWorker worker = workers.get(channel);
            if (worker != null) {
                worker.schedule(Duration.between(now, due));
            }
        }
        return item;
    }

    @Override
    public Optional<OutboxItem> find(UUID id) {
        return database.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM caducee_outbox WHERE id = ?")) {
                ps.setObject(1, id);
                return one(ps);
            }
        });
    }

    private Optional<OutboxItem> findByKey(String channel, String key) {
        return database.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM caducee_outbox WHERE channel = ? AND idempotency_key = ?")) {
                ps.setString(1, channel);
                ps.setString(2, key);
                return one(ps);
            }
        });
    }

    @Override
    public List<OutboxItem> list(OutboxState state, int max) {
        if (max <= 0) {
            return List.of();
        }
        return database.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM caducee_outbox"
                    + (state == null ? "" : " WHERE state = ?") + " ORDER BY created_at DESC, id")) {
                if (state != null) {
                    ps.setString(1, state.name());
                }
                ps.setMaxRows(max);
                List<OutboxItem> items = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        items.add(item(rs));
                    }
                }
                return items;
            }
        });
    }

    @Override
    public OutboxItem hold(UUID id) {
        return transition(id, EnumSet.of(OutboxState.PENDING), OutboxState.HELD, false, "outbox.hold");
    }

    @Override
    public OutboxItem release(UUID id) {
        return transition(id, EnumSet.of(OutboxState.HELD), OutboxState.PENDING, false, "outbox.release");
    }

    @Override
    public OutboxItem cancel(UUID id) {
        return transition(id, EnumSet.of(OutboxState.PENDING, OutboxState.HELD), OutboxState.CANCELLED, false, "outbox.cancel");
    }

    @Override
    public OutboxItem retry(UUID id) {
        return transition(id, EnumSet.of(OutboxState.FAILED, OutboxState.CANCELLED), OutboxState.PENDING, true, "outbox.retry");
    }

    @Override
    public Map<OutboxState, Long> counts() {
        Map<OutboxState, Long> counts = new EnumMap<>(OutboxState.class);
        for (OutboxState s : OutboxState.values()) {
            counts.put(s, 0L);
        }
        database.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT state, COUNT(*) FROM caducee_outbox GROUP BY state");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    counts.put(OutboxState.valueOf(rs.getString(1)), rs.getLong(2));
                }
            }
            return null;
        });
        return counts;
    }

    private OutboxItem transition(UUID id, Set<OutboxState> from, OutboxState to, boolean reset, String refusal) {
        Instant now = now();
        String states = from.stream().map(s -> "'" + s.name() + "'").collect(Collectors.joining(", "));
        int updated = database.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE caducee_outbox SET state = ?, updated_at = ?"
                    + (reset ? ", attempts = 0, last_error = NULL, not_before = ?" : "") + " WHERE id = ? AND state IN (" + states + ")")) {
                int i = 1;
                ps.setString(i++, to.name());
                ps.setObject(i++, odt(now));
                if (reset) {
                    ps.setObject(i++, odt(now));
                }
                ps.setObject(i, id);
                return ps.executeUpdate();
            }
        });
        OutboxItem item = find(id).orElseThrow(() -> new IllegalArgumentException(Messages.get("outbox.notFound", id)));
        if (updated == 0) {
            throw new IllegalStateException(Messages.get(refusal, item.description(), Messages.state(item.state())));
        }
        changed(item);
        if (to == OutboxState.PENDING) {
            ChannelWorker worker = workers.get(item.channel());
            if (worker != null) {
                worker.schedule(Duration.between(now, item.notBefore()));
            }
        }
        return item;
    }

    // ---------------------------------------------------------------- delivery

    /** Drains the due items of the worker's channel; returns the delay until the next run. */
    private Duration drain(ChannelWorker worker) {
        String channel = worker.channel();
        recoverStale(channel);
        while (!closed && !worker.stopped()) {
            OutboxHandler handler = worker.handler();
            if (handler == null) {
                break;
            }
            Optional<OutboxItem> claimed = claimNext(channel);
            if (claimed.isEmpty()) {
                break;
            }
            deliver(claimed.get(), handler);
        }
        List<UUID> skipped = declinedHere(now());
        Instant due = database.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT MIN(not_before) FROM caducee_outbox WHERE channel = ? AND state = 'PENDING'" + notIn(skipped))) {
                ps.setString(1, channel);
                for (int i = 0; i < skipped.size(); i++) {
                    ps.setObject(i + 2, skipped.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    OffsetDateTime t = rs.next() ? rs.getObject(1, OffsetDateTime.class) : null;
                    return t == null ? null : t.toInstant();
                }
            }
        });
        Instant next = skipped.stream().map(declined::get).filter(java.util.Objects::nonNull)
                .reduce(due, (a, b) -> a == null || b.isBefore(a) ? b : a);
        Duration poll = settings.pollInterval();
        if (next == null) {
            return poll;
        }
        Duration untilNext = Duration.between(now(), next);
        if (untilNext.isNegative()) {
            return Duration.ZERO;
        }
        return untilNext.compareTo(poll) < 0 ? untilNext : poll;
    }

    private Optional<OutboxItem> claimNext(String channel) {
        while (true) {
            Instant now = now();
            List<UUID> skipped = declinedHere(now);
            List<UUID> candidates = database.withConnection(c -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT id FROM caducee_outbox WHERE channel = ? AND state = 'PENDING'"
                        + " AND not_before <= ?" + notIn(skipped) + " ORDER BY not_before, created_at")) {
                    ps.setString(1, channel);
                    ps.setObject(2, odt(now));
                    for (int i = 0; i < skipped.size(); i++) {
                        ps.setObject(i + 3, skipped.get(i));
                    }
                    ps.setMaxRows(10);
                    List<UUID> ids = new ArrayList<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            ids.add(rs.getObject(1, UUID.class));
                        }
                    }
                    return ids;
                }
            });
            if (candidates.isEmpty()) {
                return Optional.empty();
            }
            for (UUID id : candidates) {
                int claimed = database.withConnection(c -> {
                    try (PreparedStatement ps = c.prepareStatement("UPDATE caducee_outbox SET state = 'IN_PROGRESS', claimed_by = ?,"
                            + " updated_at = ? WHERE id = ? AND state = 'PENDING'")) {
                        ps.setString(1, settings.workstation());
                        ps.setObject(2, odt(now));
                        ps.setObject(3, id);
                        return ps.executeUpdate();
                    }
                });
                if (claimed == 1) {
                    Optional<OutboxItem> item = find(id);
                    item.ifPresent(this::changed);
                    return item;
                }
            }
        }
    }

    private void deliver(OutboxItem item, OutboxHandler handler) {
        int attempts = item.attempts() + 1;
        try {
            handler.deliver(item);
        } catch (RetryableException e) {
            if (attempts >= settings.maxAttempts()) {
                finish(item, OutboxState.FAILED, attempts, Messages.get("outbox.gaveUp", attempts, reason(e)), item.notBefore());
            } else {
                Instant due = now().plus(settings.backoff(attempts));
                finish(item, OutboxState.PENDING, attempts, Messages.get("outbox.retryLater", attempts, reason(e)), due);
            }
            return;
        } catch (NotHereException e) {
            // due at once for the other workstations; this one offers it to its handler again after a poll interval
            Instant now = now();
            declined.put(item.id(), now.plus(settings.pollInterval()));
            finish(item, OutboxState.PENDING, item.attempts(), Messages.get("outbox.notHere", reason(e)), now);
            return;
        } catch (Exception | LinkageError | AssertionError e) {
            finish(item, OutboxState.FAILED, attempts, Messages.get("outbox.refused", reason(e)), item.notBefore());
            return;
        }
        finish(item, OutboxState.DONE, attempts, null, item.notBefore());
        database.makeDurable(); // the peer accepted it: a killed process would hand it again (duplicate) until this is on disk
    }

    /** The items this workstation declined ({@link NotHereException}) and does not take again yet; forgets the others. */
    private List<UUID> declinedHere(Instant now) {
        declined.values().removeIf(until -> !until.isAfter(now));
        return List.copyOf(declined.keySet());
    }

    private static String notIn(List<UUID> ids) {
        return ids.isEmpty() ? "" : " AND id NOT IN (" + ids.stream().map(id -> "?").collect(Collectors.joining(", ")) + ")";
    }

    private void finish(OutboxItem item, OutboxState state, int attempts, String error, Instant notBefore) {
        Instant now = now();
        int updated = database.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE caducee_outbox SET state = ?, attempts = ?, last_error = ?, not_before = ?,"
                    + " claimed_by = NULL, updated_at = ? WHERE id = ? AND state = 'IN_PROGRESS' AND claimed_by = ?")) {
                ps.setString(1, state.name());
                ps.setInt(2, attempts);
                ps.setString(3, error == null ? null : cut(error, 4000));
                ps.setObject(4, odt(notBefore));
                ps.setObject(5, odt(now));
                ps.setObject(6, item.id());
                ps.setString(7, settings.workstation());
                return ps.executeUpdate();
            }
        });
        if (updated == 1) {
            find(item.id()).ifPresent(this::changed);
        } else {
            LOG.log(System.Logger.Level.WARNING, "outbox: l'envoi " + item.id() + " a été repris par un autre poste pendant sa livraison");
        }
    }

    private static String reason(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    /**
     * Puts back to PENDING the items left IN_PROGRESS: at start-up those of this workstation (it crashed) and those
     * without owner; at any time those whose claim is older than the stale delay (another workstation died).
     */
    private int recover(boolean startup) {
        Instant now = now();
        Instant staleBefore = now.minus(settings.staleAfter());
        return database.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE caducee_outbox SET state = 'PENDING', claimed_by = NULL, updated_at = ?"
                    + " WHERE state = 'IN_PROGRESS' AND (updated_at < ?" + (startup ? " OR claimed_by IS NULL OR claimed_by = ?" : "") + ")")) {
                ps.setObject(1, odt(now));
                ps.setObject(2, odt(staleBefore));
                if (startup) {
                    ps.setString(3, settings.workstation());
                }
                return ps.executeUpdate();
            }
        });
    }

    private void recoverStale(String channel) {
        Instant now = now();
        database.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE caducee_outbox SET state = 'PENDING', claimed_by = NULL, updated_at = ?"
                    + " WHERE channel = ? AND state = 'IN_PROGRESS' AND updated_at < ?")) {
                ps.setObject(1, odt(now));
                ps.setString(2, channel);
                ps.setObject(3, odt(now.minus(settings.staleAfter())));
                return ps.executeUpdate();
            }
        });
    }

    private void changed(OutboxItem item) {
        EventAdmin admin = eventAdmin;
        if (admin == null) {
            return;
        }
        Map<String, Object> properties = new HashMap<>();
        properties.put(CaduceeTopics.PROP_CHANNEL, item.channel());
        properties.put("id", item.id().toString());
        properties.put("state", item.state().name());
        try {
            admin.postEvent(new Event(CaduceeTopics.OUTBOX_CHANGED, properties));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "outbox: EventAdmin indisponible", e);
        }
    }

    // ---------------------------------------------------------------- rows

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static OffsetDateTime odt(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static String cut(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max);
    }

    private static Optional<OutboxItem> one(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(item(rs)) : Optional.empty();
        }
    }

    private static OutboxItem item(ResultSet rs) throws SQLException {
        return new OutboxItem(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                OutboxState.valueOf(rs.getString(6)), instant(rs, 7), rs.getInt(8), rs.getString(9), instant(rs, 10), instant(rs, 11));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

}
