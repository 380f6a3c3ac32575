package org.caducee.xds;

/** Why a received document waits in the worklist for a person to decide. */
public enum WorklistReason {
    /** No local patient holds the INS of the document. */
    UNKNOWN_PATIENT,
    /** A local patient holds the INS but her identity is not qualified or her traits differ. */
    INS_MISMATCH,
    /** The document carries no INS. */
    NO_INS,
    /** The archive or the document was refused (validation, integrity, hostile content). */
    INVALID_DOCUMENT,
    /** The versioning rules refused the document (same id with other bytes, same setId and version). */
    VERSION_CONFLICT
}
