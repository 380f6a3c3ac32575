package org.caducee.core.document;

/** Sharing channels of a document. */
public enum Channel {
    DMP, MSSANTE
}
