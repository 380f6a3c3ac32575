package org.caducee.cda;

/** CDA R2 level of a document's body. */
public enum CdaLevel {
    /** {@code nonXMLBody}: an embedded file (usually a PDF). */
    N1,
    /** {@code structuredBody}: sections and entries. */
    N3
}
