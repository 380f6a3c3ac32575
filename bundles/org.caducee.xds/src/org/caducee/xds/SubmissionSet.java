package org.caducee.xds;

import java.util.List;

/**
 * An XDS SubmissionSet (ebRIM RegistryPackage classified {@value #CLASSIFICATION_NODE}).
 *
 * @param submissionTime   HL7 DTM in UTC
 * @param contentTypeCode  the CI-SIS puts the healthcare facility type here
 */
public record SubmissionSet(String entryUuid, String uniqueId, String sourceId, String submissionTime, String title, String patientId,
        List<XdsAuthor> authors, XdsCode contentTypeCode) {

    public static final String CLASSIFICATION_NODE = "urn:uuid:a54d6aa5-d40d-43f9-88c5-b4633d873bdd";

    public SubmissionSet {
        authors = authors == null ? List.of() : List.copyOf(authors);
    }
}
