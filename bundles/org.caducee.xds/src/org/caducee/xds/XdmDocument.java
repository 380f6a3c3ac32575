package org.caducee.xds;

import org.caducee.cda.CdaHeader;

/**
 * One document of an archive: its path in the archive, its metadata and its bytes (verified against the metadata).
 * {@code header} is the CDA header the reader read from these very bytes while checking the patient (so that the
 * import does not parse the document again), {@code null} for a document that is not XML.
 */
public record XdmDocument(String path, DocumentEntry entry, byte[] content, CdaHeader header) {

    /** A document whose header has not been read. */
    public XdmDocument(String path, DocumentEntry entry, byte[] content) {
        this(path, entry, content, null);
    }
}
