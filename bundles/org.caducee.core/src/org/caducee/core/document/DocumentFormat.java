package org.caducee.core.document;

/** How a health document is held: CDA R2 level 1 (PDF inside), CDA R2 level 3 (structured), or a bare PDF. */
public enum DocumentFormat {
    CDA_N1, CDA_N3, PDF
}
