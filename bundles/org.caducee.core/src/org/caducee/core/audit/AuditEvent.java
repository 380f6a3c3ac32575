package org.caducee.core.audit;

import java.time.Instant;
import java.util.Objects;

/** One entry of the audit trail: who did what on which subject, when. */
public record AuditEvent(long sequence, Instant at, String actor, String action, String subject, String detail) {

    public AuditEvent {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(action, "action");
        actor = actor == null ? "system" : actor;
        subject = subject == null ? "" : subject;
        detail = detail == null ? "" : detail;
    }
}
