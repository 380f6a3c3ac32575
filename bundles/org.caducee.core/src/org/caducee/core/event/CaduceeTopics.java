package org.caducee.core.event;

/**
 * EventAdmin topics posted by Caducée services. Events carry the properties named by the {@code PROP_} constants.
 * Subscribe with a wildcard such as {@code org/caducee/patient/*}.
 */
public final class CaduceeTopics {

    public static final String PATIENT_CREATED = "org/caducee/patient/CREATED";
    public static final String PATIENT_UPDATED = "org/caducee/patient/UPDATED";
    public static final String IDENTITY_STATUS_CHANGED = "org/caducee/patient/IDENTITY_STATUS_CHANGED";
    public static final String DOCUMENT_ADDED = "org/caducee/document/ADDED";
    public static final String DOCUMENT_SHARING_CHANGED = "org/caducee/document/SHARING_CHANGED";
    /** A version was marked deleted at the request of its author (the copy is kept). */
    public static final String DOCUMENT_DELETED = "org/caducee/document/DELETED";
    public static final String OUTBOX_CHANGED = "org/caducee/outbox/CHANGED";
    public static final String USER_LOGGED_IN = "org/caducee/security/LOGGED_IN";
    public static final String USER_LOGGED_OUT = "org/caducee/security/LOGGED_OUT";
    /**
     * A user opened a patient's record in the workbench ({@link #PROP_PATIENT_ID}, {@link #PROP_USER}). Deliberately
     * outside {@code org/caducee/patient/*}: listeners of that wildcard reload the patient on data changes and must not
     * react to a mere opening.
     */
    public static final String PATIENT_OPENED = "org/caducee/record/OPENED";

    /** Patient id (String form of the UUID). */
    public static final String PROP_PATIENT_ID = "patientId";
    /** Document id (String form of the UUID). */
    public static final String PROP_DOCUMENT_ID = "documentId";
    /** Outbox channel name. */
    public static final String PROP_CHANNEL = "channel";
    /** Login of the user. */
    public static final String PROP_USER = "user";

    private CaduceeTopics() {
    }
}
