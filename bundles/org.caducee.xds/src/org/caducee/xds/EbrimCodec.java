package org.caducee.xds;

import org.caducee.xds.ebrim.lcm.SubmitObjectsRequest;

/**
 * ebRIM 3.0 form of XDS metadata (OSGi service), on the JAXB classes generated from the IHE schemas
 * ({@code org.caducee.xds.ebrim.*}, exported for the DMP transactions ITI-41/ITI-18). Reading is hardened (no DTD,
 * no external entity) and tolerant of the variants seen in real archives (classifications attached by nesting even
 * when {@code classifiedObject} is wrong, missing names).
 */
public interface EbrimCodec {

    SubmitObjectsRequest toRequest(SubmissionMetadata metadata);

    SubmissionMetadata fromRequest(SubmitObjectsRequest request);

    /** METADATA.XML bytes (UTF-8). */
    byte[] write(SubmissionMetadata metadata);

    /** @throws XdsException ({@link XdsException.Reason#METADATA}) when the bytes are not a readable SubmitObjectsRequest */
    SubmissionMetadata read(byte[] metadataXml);
}
