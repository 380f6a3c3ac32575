package org.caducee.xds;

import java.util.List;

/** One {@code IHE_XDM/SUBSETnn} folder: its METADATA.XML (raw and read) and its documents. */
public record XdmSubset(String folder, byte[] metadataXml, SubmissionMetadata metadata, List<XdmDocument> documents) {

    public XdmSubset {
        documents = List.copyOf(documents);
    }
}
