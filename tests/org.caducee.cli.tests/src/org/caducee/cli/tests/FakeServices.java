package org.caducee.cli.tests;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.caducee.cli.CliCommand;
import org.caducee.cli.internal.ServiceSource;
import org.caducee.core.audit.AuditEvent;
import org.caducee.core.audit.AuditTrail;
import org.caducee.core.audit.AuditVerification;
import org.caducee.outbox.OutboxItem;
import org.caducee.outbox.OutboxService;
import org.caducee.outbox.OutboxState;
import org.caducee.testing.InMemoryPatientRepository;

/** In-memory stand-ins for the store, outbox and audit implementations (developed in other branches). */
final class FakeServices implements ServiceSource {

    final Map<Class<?>, Object> services = new LinkedHashMap<>();
    final List<CliCommand> commands = new ArrayList<>();

    <S> FakeServices with(Class<S> type, S service) {
        services.put(type, service);
        return this;
    }

    @Override
    public <S> Optional<S> get(Class<S> type, Duration timeout) {
        return Optional.ofNullable(type.cast(services.get(type)));
    }

    @Override
    public List<CliCommand> commands() {
        return commands;
    }

    static class Patients extends InMemoryPatientRepository {
    }

    static final class Outbox implements OutboxService {
        final Map<UUID, OutboxItem> items = new LinkedHashMap<>();

        OutboxItem add(String channel, String key, String description, OutboxState state, String lastError) {
            Instant now = Instant.parse("2026-11-20T10:00:00Z");
            OutboxItem item = new OutboxItem(UUID.randomUUID(), channel, key, description, "{}", state, now, state == OutboxState.FAILED ? 5 : 0,
                    lastError, now, now);
            items.put(item.id(), item);
            return item;
        }

        private OutboxItem with(UUID id, OutboxState from1, OutboxState from2, OutboxState to) {
            OutboxItem i = items.get(id);
            if (i.state() != from1 && i.state() != from2) {
                throw new IllegalStateException("Transition impossible depuis l’état " + i.state());
            }
            OutboxItem next = new OutboxItem(i.id(), i.channel(), i.idempotencyKey(), i.description(), i.payload(), to, i.notBefore(),
                    to == OutboxState.PENDING ? 0 : i.attempts(), to == OutboxState.PENDING ? null : i.lastError(), i.createdAt(), Instant.now());
            items.put(id, next);
            return next;
        }

        @Override
        public OutboxItem enqueue(String channel, String idempotencyKey, String description, String payload, Instant notBefore) {
            return add(channel, idempotencyKey, description, OutboxState.PENDING, null);
        }

        @Override
        public Optional<OutboxItem> find(UUID id) {
            return Optional.ofNullable(items.get(id));
        }

        @Override
        public List<OutboxItem> list(OutboxState state, int max) {
            return items.values().stream().filter(i -> state == null || i.state() == state).limit(max).toList();
        }

        @Override
        public OutboxItem hold(UUID id) {
            return with(id, OutboxState.PENDING, OutboxState.PENDING, OutboxState.HELD);
        }

        @Override
        public OutboxItem release(UUID id) {
            return with(id, OutboxState.HELD, OutboxState.HELD, OutboxState.PENDING);
        }

        @Override
        public OutboxItem cancel(UUID id) {
            return with(id, OutboxState.PENDING, OutboxState.HELD, OutboxState.CANCELLED);
        }

        @Override
        public OutboxItem retry(UUID id) {
            return with(id, OutboxState.FAILED, OutboxState.CANCELLED, OutboxState.PENDING);
        }

        @Override
        public Map<OutboxState, Long> counts() {
            Map<OutboxState, Long> counts = new EnumMap<>(OutboxState.class);
            items.values().forEach(i -> counts.merge(i.state(), 1L, Long::sum));
            return counts;
        }
    }

    /** An audit trail whose verification result is set by the test. */
    static final class Audit implements AuditTrail {
        AuditVerification verification = AuditVerification.ok(0);

        @Override
        public AuditEvent record(String actor, String action, String subject, String detail) {
            return new AuditEvent(1, Instant.now(), actor, action, subject, detail);
        }

        @Override
        public List<AuditEvent> latest(int max) {
            return List.of();
        }

        @Override
        public List<AuditEvent> forSubject(String subject) {
            return List.of();
        }

        @Override
        public AuditVerification verify() {
            return verification;
        }
    }
}
