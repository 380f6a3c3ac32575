package org.caducee.xds;

import java.util.UUID;

/**
 * What happened to one received document.
 *
 * @param documentId the stored core record when {@link Status#STORED}, {@link Status#DELETION_APPLIED} or
 *                   {@link Status#ALREADY_STORED}
 * @param worklistId the worklist item when {@link Status#WORKLIST}
 * @param message    French, for the user
 */
public record ImportOutcome(Status status, String uniqueId, String setId, Integer versionNumber, UUID patientId, UUID documentId,
        UUID worklistId, WorklistReason reason, String message) {

    public enum Status {
        /** Filed into the patient's record. */
        STORED,
        /** A deletion request: the version it replaces is marked deleted (kept), the request itself stored. */
        DELETION_APPLIED,
        /** The very same document was already filed: nothing changed. */
        ALREADY_STORED,
        /** Kept in the worklist with its reason. */
        WORKLIST
    }
}
