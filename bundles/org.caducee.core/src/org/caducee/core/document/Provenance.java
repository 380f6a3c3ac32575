package org.caducee.core.document;

/** Where a document record comes from. */
public enum Provenance {
    PRODUCED, IMPORTED_DMP, RECEIVED_MSSANTE,
    /** Imported by a user from a file (IHE_XDM archive or CDA document). */
    IMPORTED_FILE
}
