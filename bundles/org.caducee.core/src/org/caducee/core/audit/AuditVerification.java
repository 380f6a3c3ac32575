package org.caducee.core.audit;

/** Result of checking the audit chain: the number of entries checked and, when broken, the first bad one and why. */
public record AuditVerification(long checked, long firstBrokenSequence, String reason) {

    public static AuditVerification ok(long checked) {
        return new AuditVerification(checked, -1, null);
    }

    public boolean intact() {
        return firstBrokenSequence < 0;
    }
}
