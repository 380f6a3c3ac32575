package org.caducee.xds;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An XDS DocumentEntry (ebRIM ExtrinsicObject of type {@value #OBJECT_TYPE}), in the form the CI-SIS uses. Times
 * are HL7 DTM strings in UTC ({@code yyyyMMddHHmmss}); {@code patientId} and {@code sourcePatientId} are CX values;
 * {@code sourcePatientInfo} holds the {@code PID-x|…} lines. {@code extraSlots} keeps every other slot (e.g.
 * {@value #DELETION_SLOT}).
 */
public record DocumentEntry(String entryUuid, String uniqueId, String mimeType, String title, String hash, long size, String uri,
        String creationTime, String serviceStartTime, String serviceStopTime, String languageCode, String patientId,
        String sourcePatientId, List<String> sourcePatientInfo, String legalAuthenticator, List<XdsAuthor> authors,
        XdsCode classCode, XdsCode typeCode, XdsCode formatCode, XdsCode healthcareFacilityTypeCode, XdsCode practiceSettingCode,
        List<XdsCode> confidentialityCodes, List<XdsCode> eventCodes, Map<String, List<String>> extraSlots) {

    /** objectType of a stable DocumentEntry. */
    public static final String OBJECT_TYPE = "urn:uuid:7edca82f-054d-47f2-a032-9b2a5b5186c1";
    /** CI-SIS slot carrying a deletion request ({@code D}) on a document that replaces ({@code RPLC}) the one to delete. */
    public static final String DELETION_SLOT = "urn:action:extraMetadataSlot";

    public DocumentEntry {
        sourcePatientInfo = sourcePatientInfo == null ? List.of() : List.copyOf(sourcePatientInfo);
        authors = authors == null ? List.of() : List.copyOf(authors);
        confidentialityCodes = confidentialityCodes == null ? List.of() : List.copyOf(confidentialityCodes);
        eventCodes = eventCodes == null ? List.of() : List.copyOf(eventCodes);
        extraSlots = extraSlots == null ? Map.of() : Map.copyOf(extraSlots);
    }

    /** The document asks the receiver to delete the version it replaces (slot {@value #DELETION_SLOT} = {@code D}). */
    public boolean deletionRequest() {
        return extraSlots.getOrDefault(DELETION_SLOT, List.of()).stream().anyMatch(v -> "D".equalsIgnoreCase(v.trim()));
    }

    /** The first value of a slot kept in {@link #extraSlots}. */
    public Optional<String> extraSlot(String name) {
        return extraSlots.getOrDefault(name, List.of()).stream().findFirst();
    }

    public DocumentEntry withUri(String newUri) {
        return new DocumentEntry(entryUuid, uniqueId, mimeType, title, hash, size, newUri, creationTime, serviceStartTime, serviceStopTime,
                languageCode, patientId, sourcePatientId, sourcePatientInfo, legalAuthenticator, authors, classCode, typeCode, formatCode,
                healthcareFacilityTypeCode, practiceSettingCode, confidentialityCodes, eventCodes, extraSlots);
    }
}
