package org.caducee.dmp.internal;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.caducee.dmp.DmpDocument;
import org.caducee.dmp.DmpRequest;
import org.caducee.dmp.DmpSettings;
import org.caducee.dmp.DmpSubmission;
import org.caducee.dmp.DocumentStatus;
import org.caducee.dmp.wire.SubmissionSignature;
import org.caducee.dmp.wire.XdsMessages;
import org.caducee.xds.DocumentEntry;
import org.caducee.xds.EbrimCodec;
import org.caducee.xds.SubmissionMetadata;
import org.caducee.xds.SubmissionSet;
import org.caducee.xds.Visibility;
import org.caducee.xds.XdsAuthor;
import org.caducee.xds.XdsCode;
import org.w3c.dom.Element;

/** Builds the ebRIM content of the client's ITI-41 and ITI-57 requests. */
final class XdsDocuments {

    private static final DateTimeFormatter DTM = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);
    private static final String CONFIDENTIALITY_HL7 = "2.16.840.1.113883.5.25";

    /** The metadata of a submission and the bytes of each document by entryUUID (the signature included). */
    record Prepared(Element metadata, Map<String, byte[]> contents) {
    }

    private XdsDocuments() {
    }

    static String dtm(Instant instant) {
        return DTM.format(instant);
    }

    /** An XDS DTM (UTC, precision from the year to the second, e.g. {@code 20261207} or {@code 20261207224000}), if valid. */
    static java.util.Optional<Instant> instant(String dtm) {
        if (dtm == null || !dtm.matches("\\d{4,14}") || dtm.length() % 2 != 0) {
            return java.util.Optional.empty();
        }
        String full = dtm + "0101000000".substring(Math.max(0, dtm.length() - 4));
        try {
            return java.util.Optional.of(java.time.LocalDateTime.parse(full.substring(0, 14),
                    java.time.format.DateTimeFormatter.ofPattern("uuuuMMddHHmmss")).toInstant(java.time.ZoneOffset.UTC));
        } catch (java.time.format.DateTimeParseException e) {
            return java.util.Optional.empty();
        }
    }

    /** A fresh OID under 2.25 (UUID-derived), for submission sets and signatures. */
    static String newOid() {
        UUID u = UUID.randomUUID();
        return "2.25." + new BigInteger(1, HexFormat.of().parseHex(u.toString().replace("-", "")));
    }

    static String sha1(byte[] bytes) {
        try {
            return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static Prepared submission(EbrimCodec codec, DmpSubmission submission, DmpSettings settings, Instant now) {
        SubmissionSet set = submission.submissionSet();
        Map<String, byte[]> byUniqueId = new LinkedHashMap<>();
        Map<String, byte[]> contents = new LinkedHashMap<>();
        List<DocumentEntry> entries = new ArrayList<>();
        for (DmpSubmission.Document d : submission.documents()) {
            byUniqueId.put(d.entry().uniqueId(), d.content());
            contents.put(d.entry().entryUuid(), d.content());
            entries.add(d.entry());
        }
        String signatureId = newOid();
        byte[] signature = SubmissionSignature.sign("_" + signatureId, set.uniqueId(), byUniqueId, settings.signingKey(),
                settings.signingChain(), now);
        DocumentEntry first = entries.get(0);
        DocumentEntry signatureEntry = new DocumentEntry("urn:uuid:" + UUID.randomUUID(), signatureId, "text/xml", "Source",
                sha1(signature), signature.length, null, dtm(now), null, null, "fr-FR", first.patientId(), first.sourcePatientId(),
                first.sourcePatientInfo(), null, first.authors(),
                new XdsCode(SubmissionSignature.CLASS_CODE, "URN", "Digital Signature"),
                new XdsCode(SubmissionSignature.TYPE_CODE, "ASTM", "Full Document"),
                new XdsCode(SubmissionSignature.FORMAT, "URN", "Default Signature Style"), first.healthcareFacilityTypeCode(),
                first.practiceSettingCode(), List.of(new XdsCode("N", CONFIDENTIALITY_HL7, "Normal")),
                List.of(new XdsCode(SubmissionSignature.SOURCE_SIGNATURE, "1.2.840.10065.1.12", "Source")), Map.of());
        entries.add(signatureEntry);
        contents.put(signatureEntry.entryUuid(), signature);
        Element metadata = XdsMessages.ebrim(codec, new SubmissionMetadata(set, entries));
        Element list = XdsMessages.objectList(metadata).orElseThrow();
        for (DmpSubmission.Document d : submission.documents()) {
            d.replacesEntryUuid().ifPresent(old -> XdsMessages.addAssociation(list, "urn:uuid:" + UUID.randomUUID(), XdsMessages.RPLC,
                    d.entry().entryUuid(), old, Map.of()));
        }
        XdsMessages.addAssociation(list, "urn:uuid:" + UUID.randomUUID(), XdsMessages.SIGNS, signatureEntry.entryUuid(),
                set.entryUuid(), Map.of());
        return new Prepared(metadata, contents);
    }

    /** The document with new TRE_A07 flags (other confidentiality codes kept) and a new entryUUID. */
    static DocumentEntry withVisibility(DocumentEntry e, Set<Visibility> visibility) {
        List<XdsCode> codes = new ArrayList<>();
        for (XdsCode c : e.confidentialityCodes()) {
            if (!Visibility.CODING_SCHEME.equals(c.codingScheme())) {
                codes.add(c);
            }
        }
        for (Visibility v : Visibility.values()) {
            if (visibility.contains(v)) {
                codes.add(new XdsCode(v.name(), Visibility.CODING_SCHEME, null));
            }
        }
        return copy(e, "urn:uuid:" + UUID.randomUUID(), codes);
    }

    /** The document under another entryUUID. */
    static DocumentEntry withEntryUuid(DocumentEntry e, String entryUuid) {
        return copy(e, entryUuid, e.confidentialityCodes());
    }

    private static DocumentEntry copy(DocumentEntry e, String entryUuid, List<XdsCode> confidentiality) {
        return new DocumentEntry(entryUuid, e.uniqueId(), e.mimeType(), e.title(), e.hash(), e.size(), e.uri(),
                e.creationTime(), e.serviceStartTime(), e.serviceStopTime(), e.languageCode(), e.patientId(), e.sourcePatientId(),
                e.sourcePatientInfo(), e.legalAuthenticator(), e.authors(), e.classCode(), e.typeCode(), e.formatCode(),
                e.healthcareFacilityTypeCode(), e.practiceSettingCode(), confidentiality, e.eventCodes(), e.extraSlots());
    }

    /** The submission set of an ITI-57 update by the professional of {@code request}. */
    static SubmissionSet updateSet(DmpRequest request, DmpSettings settings, DocumentEntry about, Instant now) {
        DmpRequest.Professional p = request.professional();
        XdsAuthor author = new XdsAuthor(p.nationalId() + "^" + p.displayName() + "^^^^^^^&1.2.250.1.71.4.2.1&ISO^D^^^IDNPS",
                List.of(), List.of(), List.of());
        return new SubmissionSet("urn:uuid:" + UUID.randomUUID(), newOid(), settings.lpsId(), dtm(now), "Mise à jour",
                about.patientId(), List.of(author), about.healthcareFacilityTypeCode());
    }

    static Element update(EbrimCodec codec, SubmissionSet set, List<DocumentEntry> entries) {
        return XdsMessages.ebrim(codec, new SubmissionMetadata(set, entries));
    }

    /** Adds the availability status change of {@code document} to an ITI-57 request. */
    static void statusChange(Element update, SubmissionSet set, DmpDocument document, DocumentStatus newStatus) {
        Element list = XdsMessages.objectList(update).orElseThrow();
        String id = "urn:uuid:" + UUID.randomUUID();
        XdsMessages.addAssociation(list, id, XdsMessages.UPDATE_AVAILABILITY_STATUS, set.entryUuid(), document.entryUuid(),
                Map.of("OriginalStatus", document.status().urn(), "NewStatus", newStatus.urn()));
        XdsMessages.addAssociation(list, "urn:uuid:" + UUID.randomUUID(), XdsMessages.HAS_MEMBER, set.entryUuid(), id,
                Map.of("SubmissionSetStatus", "Original"));
    }
}
