package org.caducee.sandbox.dmp.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.caducee.dmp.DmpDocument;
import org.caducee.xds.DocumentEntry;
import org.caducee.xds.EbrimCodec;
import org.caducee.xds.SubmissionMetadata;
import org.caducee.xds.Visibility;
import org.caducee.xds.XdsCode;

/**
 * Fills an empty local DMP with the official ANS XDM examples (their METADATA.XML and documents, read from the shared
 * folder at start): the DMPs of the demo patients PAT-TROIS Dominique and DECOURCY Ruth then hold documents of
 * several authors, one added by the patient herself and one still invisible to her.
 */
final class DemoDmps {

    private DemoDmps() {
    }

    /** The examples folder next to the CDA kit ({@code …/ans/xdm-examples}), if present. */
    static Path examples(Path kitDirectory) {
        return kitDirectory.getParent().resolve("xdm-examples");
    }

    static int seed(DocumentStore store, EbrimCodec codec, Path examples, Instant now) throws IOException {
        if (!store.isEmpty() || !Files.isDirectory(examples)) {
            return 0;
        }
        List<Path> metadataFiles;
        try (Stream<Path> files = Files.walk(examples)) {
            metadataFiles = files.filter(f -> f.getFileName().toString().equals("METADATA.XML")).sorted().toList();
        }
        int seeded = 0;
        int submissions = 0;
        for (Path metadataFile : metadataFiles) {
            SubmissionMetadata metadata;
            try {
                metadata = codec.read(Files.readAllBytes(metadataFile));
            } catch (RuntimeException unreadable) {
                continue;
            }
            List<DocumentEntry> entries = new ArrayList<>();
            Map<String, byte[]> contents = new LinkedHashMap<>();
            for (DocumentEntry e : metadata.documents()) {
                Path file = metadataFile.resolveSibling(e.uri() == null ? "DOC0001.XML" : e.uri());
                if (!Files.exists(file)) {
                    continue;
                }
                byte[] bytes = Files.readAllBytes(file);
                Map<String, List<String>> slots = new LinkedHashMap<>(e.extraSlots());
                slots.put(DmpDocument.REPOSITORY_SLOT, List.of(DocumentServices.REPOSITORY_ID));
                List<XdsCode> confidentiality = new ArrayList<>(e.confidentialityCodes());
                if (seeded % 4 == 1) {
                    confidentiality.add(new XdsCode(Visibility.INVISIBLE_PATIENT.name(), Visibility.CODING_SCHEME, null));
                }
                if (seeded % 4 == 3) {
                    slots.put(DmpDocument.PATIENT_ADDED_SLOT, List.of("true"));
                }
                DocumentEntry stored = new DocumentEntry("urn:uuid:" + UUID.randomUUID(), e.uniqueId(), e.mimeType(), e.title(),
                        DocumentServices.sha1(bytes), bytes.length, e.uri(), e.creationTime(), e.serviceStartTime(), e.serviceStopTime(),
                        e.languageCode(), e.patientId(), e.sourcePatientId(), e.sourcePatientInfo(), e.legalAuthenticator(), e.authors(),
                        e.classCode(), e.typeCode(), e.formatCode(), e.healthcareFacilityTypeCode(), e.practiceSettingCode(), confidentiality,
                        e.eventCodes(), slots);
                entries.add(stored);
                contents.put(stored.entryUuid(), bytes);
                seeded++;
            }
            if (entries.isEmpty() || metadata.submissionSet() == null) {
                continue;
            }
            String ins = entries.get(0).patientId().split("\\^", 2)[0];
            String author = new DmpDocument(entries.get(0), org.caducee.dmp.DocumentStatus.APPROVED).authorNationalId().orElse("");
            // submissions a week apart, the latest now: the demo shows documents invisible to the patient at several stages
            // of the automatic re-visibility (just sent; patient told after a month; visible in less than a month)
            store.register(ins, metadata.submissionSet(), entries, contents, author, Map.of(),
                    now.minus(java.time.Duration.ofDays(7L * (metadataFiles.size() - 1 - submissions++))));
        }
        return seeded;
    }
}
