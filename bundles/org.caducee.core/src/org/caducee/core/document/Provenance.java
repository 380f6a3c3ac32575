package org.caducee.core.document;

/** Where a document record comes from. */
public enum Provenance {
    PRODUCED, IMPORTED_DMP, RECEIVED_MSSANTE
}
