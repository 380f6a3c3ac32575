package org.caducee.core.audit;

import java.util.List;

/**
 * The append-only, tamper-evident trail of security-relevant actions (logins, identity changes, INSi calls,
 * sends, document accesses). Entries are never updated or deleted.
 */
public interface AuditTrail {

    /** Appends an entry and returns it with its sequence number. */
    AuditEvent record(String actor, String action, String subject, String detail);

    /** The most recent entries, newest first. */
    List<AuditEvent> latest(int max);

    /** Entries about one subject (e.g. a patient id), oldest first. */
    List<AuditEvent> forSubject(String subject);

    /**
     * The entries matching {@code query}, oldest first. The default reads the whole trail; the database trail asks the
     * database.
     */
    default List<AuditEvent> search(AuditQuery query) {
        List<AuditEvent> newestFirst = latest(Integer.MAX_VALUE);
        List<AuditEvent> found = new java.util.ArrayList<>();
        for (int i = newestFirst.size() - 1; i >= 0; i--) {
            if (query.matches(newestFirst.get(i))) {
                found.add(newestFirst.get(i));
            }
        }
        return found;
    }

    /** Recomputes the chain and reports the first broken link. */
    AuditVerification verify();
}
