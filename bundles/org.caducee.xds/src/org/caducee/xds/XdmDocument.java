package org.caducee.xds;

/** One document of an archive: its path in the archive, its metadata and its bytes (verified against the metadata). */
public record XdmDocument(String path, DocumentEntry entry, byte[] content) {
}
