package org.caducee.core.audit;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Which entries of the audit trail to read: about one subject (e.g. a patient id), of one category (the action's
 * prefix before the first dot, e.g. {@code dmp} for every DMP access), recorded from an instant (inclusive) and before
 * another (exclusive). Every filter is optional.
 */
public record AuditQuery(Optional<String> subject, Optional<String> category, Optional<Instant> from, Optional<Instant> to) {

    public AuditQuery {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
    }

    /** Every entry. */
    public static AuditQuery all() {
        return new AuditQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    public AuditQuery subject(String value) {
        return new AuditQuery(Optional.of(value), category, from, to);
    }

    public AuditQuery category(String value) {
        return new AuditQuery(subject, Optional.of(value), from, to);
    }

    public AuditQuery between(Optional<Instant> fromInclusive, Optional<Instant> toExclusive) {
        return new AuditQuery(subject, category, fromInclusive, toExclusive);
    }

    /** The action prefix of the category ({@code dmp.}). */
    public Optional<String> actionPrefix() {
        return category.map(c -> c + ".");
    }

    public boolean matches(AuditEvent event) {
        return subject.map(event.subject()::equals).orElse(true)
                && actionPrefix().map(p -> event.action().startsWith(p)).orElse(true)
                && from.map(f -> !event.at().isBefore(f)).orElse(true)
                && to.map(t -> event.at().isBefore(t)).orElse(true);
    }
}
