package org.caducee.sandbox.dmp.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import org.caducee.xds.DocumentEntry;
import org.caducee.xds.EbrimCodec;
import org.caducee.xds.SubmissionMetadata;
import org.caducee.xds.SubmissionSet;
import org.caducee.xds.Visibility;
import org.caducee.xds.XdsCode;

/**
 * The registry and repository of the local DMP, persisted under {@code documents/} of the simulator's work
 * directory: per registry entry its ebRIM metadata ({@code <n>.xml}, written by the XDS codec) and its registry
 * state ({@code <n>.properties}: patient, status, submitter, replaced entry); the bytes by SHA-1
 * ({@code content/<sha1>}); the submission sets in {@code sets.properties}. Every change is written before the answer
 * leaves, so a restarted simulator knows what it acknowledged.
 */
final class DocumentStore {

    /** One registry entry (one metadata version of a document). */
    record Stored(int number, String ins, DocumentEntry entry, String status, String submitter, String submissionSet,
            Instant registeredAt, String replaces) {

        Stored withStatus(String newStatus) {
            return new Stored(number, ins, entry, newStatus, submitter, submissionSet, registeredAt, replaces);
        }
    }

    private static final String NOTICES = "notices.properties";

    private final Path dir;
    private final EbrimCodec codec;
    private final List<Stored> entries = new ArrayList<>();
    private final Properties sets = new Properties();
    /** The patients told that a document invisible to them awaits an announcement: {@code <ins>.<uniqueId>} → instant. */
    private final Properties notices = new Properties();
    private int next = 1;

    DocumentStore(Path dir, EbrimCodec codec) throws IOException {
        this.dir = dir;
        this.codec = codec;
        Files.createDirectories(dir.resolve("content"));
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.properties")) {
            for (Path f : files) {
                if (f.getFileName().toString().equals("sets.properties") || f.getFileName().toString().equals(NOTICES)) {
                    continue;
                }
                Properties p = load(f);
                int number = Integer.parseInt(p.getProperty("number"));
                DocumentEntry entry = codec.read(Files.readAllBytes(dir.resolve(number + ".xml"))).documents().get(0);
                entries.add(new Stored(number, p.getProperty("ins"), entry, p.getProperty("status"), p.getProperty("submitter"),
                        p.getProperty("submissionSet", ""), Instant.parse(p.getProperty("registeredAt")), p.getProperty("replaces", "")));
                next = Math.max(next, number + 1);
            }
        }
        entries.sort(Comparator.comparingInt(Stored::number));
        Path setsFile = dir.resolve("sets.properties");
        if (Files.exists(setsFile)) {
            sets.putAll(load(setsFile));
        }
        Path noticesFile = dir.resolve(NOTICES);
        if (Files.exists(noticesFile)) {
            notices.putAll(load(noticesFile));
        }
    }

    synchronized boolean isEmpty() {
        return entries.isEmpty();
    }

    synchronized List<Stored> forPatient(String ins) {
        return entries.stream().filter(s -> s.ins().equals(ins)).toList();
    }

    synchronized Optional<Stored> byEntryUuid(String entryUuid) {
        return entries.stream().filter(s -> s.entry().entryUuid().equals(entryUuid)).findFirst();
    }

    synchronized List<Stored> byUniqueId(String uniqueId) {
        return entries.stream().filter(s -> s.entry().uniqueId().equals(uniqueId)).toList();
    }

    synchronized Optional<byte[]> content(DocumentEntry entry) throws IOException {
        Path f = dir.resolve("content").resolve(entry.hash().toUpperCase());
        return Files.exists(f) ? Optional.of(Files.readAllBytes(f)) : Optional.empty();
    }

    /** Registers the entries of one submission (atomic for the caller: all checks were done before). */
    synchronized List<Stored> register(String ins, SubmissionSet set, List<DocumentEntry> documents, Map<String, byte[]> contentByEntryUuid,
            String submitter, Map<String, String> replaces, Instant now) throws IOException {
        List<Stored> added = new ArrayList<>();
        for (DocumentEntry e : documents) {
            byte[] bytes = contentByEntryUuid.get(e.entryUuid());
            if (bytes != null) {
                write(dir.resolve("content").resolve(e.hash().toUpperCase()), bytes);
            }
            Stored s = new Stored(next++, ins, e, org.caducee.dmp.DocumentStatus.APPROVED.urn(), submitter, set.entryUuid(), now,
                    replaces.getOrDefault(e.entryUuid(), ""));
            save(s);
            entries.add(s);
            added.add(s);
        }
        String key = set.entryUuid();
        sets.setProperty(key + ".uniqueId", set.uniqueId());
        sets.setProperty(key + ".sourceId", set.sourceId() == null ? "" : set.sourceId());
        sets.setProperty(key + ".time", set.submissionTime() == null ? "" : set.submissionTime());
        sets.setProperty(key + ".ins", ins);
        store(dir.resolve("sets.properties"), sets);
        return added;
    }

    synchronized Stored setStatus(Stored s, String status) throws IOException {
        Stored changed = s.withStatus(status);
        save(changed);
        entries.set(entries.indexOf(s), changed);
        return changed;
    }

    /**
     * Automatic re-visibility (DSR §3.2.3): every approved entry of the patient still invisible to the patient and
     * registered at or before {@code sentBefore} loses its {@code INVISIBLE_PATIENT} code, in place (it is the same
     * document, now shown to the patient). Returns the entries changed.
     */
    synchronized List<Stored> revealToPatient(String ins, Instant sentBefore) throws IOException {
        List<Stored> changed = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            Stored s = entries.get(i);
            if (!s.ins().equals(ins) || !org.caducee.dmp.DocumentStatus.APPROVED.urn().equals(s.status())
                    || s.registeredAt().isAfter(sentBefore)) {
                continue;
            }
            List<XdsCode> codes = s.entry().confidentialityCodes();
            List<XdsCode> kept = codes.stream().filter(c -> !(Visibility.INVISIBLE_PATIENT.name().equals(c.code())
                    && Visibility.CODING_SCHEME.equals(c.codingScheme()))).toList();
            if (kept.size() == codes.size()) {
                continue;
            }
            DocumentEntry e = s.entry();
            Stored revealed = new Stored(s.number(), s.ins(), new DocumentEntry(e.entryUuid(), e.uniqueId(), e.mimeType(), e.title(),
                    e.hash(), e.size(), e.uri(), e.creationTime(), e.serviceStartTime(), e.serviceStopTime(), e.languageCode(),
                    e.patientId(), e.sourcePatientId(), e.sourcePatientInfo(), e.legalAuthenticator(), e.authors(), e.classCode(),
                    e.typeCode(), e.formatCode(), e.healthcareFacilityTypeCode(), e.practiceSettingCode(), kept, e.eventCodes(),
                    e.extraSlots()), s.status(), s.submitter(), s.submissionSet(), s.registeredAt(), s.replaces());
            save(revealed);
            entries.set(i, revealed);
            changed.add(revealed);
        }
        return changed;
    }

    /**
     * The patient's notice (DSR §3.2.3): every approved entry of the patient still invisible to the patient and
     * registered at or before {@code sentBefore} is recorded, once per document, as told to the patient at {@code now}.
     * Returns the uniqueIds told now.
     */
    synchronized List<String> tellPatient(String ins, Instant sentBefore, Instant now) throws IOException {
        List<String> told = new ArrayList<>();
        for (Stored s : entries) {
            String key = ins + "." + s.entry().uniqueId();
            if (s.ins().equals(ins) && org.caducee.dmp.DocumentStatus.APPROVED.urn().equals(s.status()) && !s.registeredAt().isAfter(sentBefore)
                    && new org.caducee.dmp.DmpDocument(s.entry(), org.caducee.dmp.DocumentStatus.APPROVED).invisibleToPatient()
                    && !notices.containsKey(key)) {
                notices.setProperty(key, now.toString());
                told.add(s.entry().uniqueId());
            }
        }
        if (!told.isEmpty()) {
            store(dir.resolve(NOTICES), notices);
        }
        return told;
    }

    /** When the patient was told about each document invisible to him or her (uniqueId → instant). */
    synchronized Map<String, Instant> notices(String ins) {
        Map<String, Instant> found = new LinkedHashMap<>();
        for (String key : notices.stringPropertyNames()) {
            if (key.startsWith(ins + ".")) {
                found.put(key.substring(ins.length() + 1), Instant.parse(notices.getProperty(key)));
            }
        }
        return found;
    }

    /** The submission sets of a patient (entryUUID, uniqueId, sourceId, submissionTime). */
    synchronized List<SubmissionSet> sets(String ins) {
        Map<String, SubmissionSet> found = new LinkedHashMap<>();
        for (String name : sets.stringPropertyNames()) {
            if (name.endsWith(".ins") && ins.equals(sets.getProperty(name))) {
                String key = name.substring(0, name.length() - 4);
                found.put(key, new SubmissionSet(key, sets.getProperty(key + ".uniqueId"), sets.getProperty(key + ".sourceId"),
                        sets.getProperty(key + ".time"), null, null, List.of(), null));
            }
        }
        return List.copyOf(found.values());
    }

    private void save(Stored s) throws IOException {
        SubmissionSet synthetic = new SubmissionSet("urn:uuid:00000000-0000-0000-0000-000000000000", "0", "0", null, null,
                s.entry().patientId(), List.of(), null);
        write(dir.resolve(s.number() + ".xml"), codec.write(new SubmissionMetadata(synthetic, List.of(s.entry()))));
        Properties p = new Properties();
        p.setProperty("number", Integer.toString(s.number()));
        p.setProperty("ins", s.ins());
        p.setProperty("status", s.status());
        p.setProperty("submitter", s.submitter());
        p.setProperty("submissionSet", s.submissionSet());
        p.setProperty("registeredAt", s.registeredAt().toString());
        p.setProperty("replaces", s.replaces());
        store(dir.resolve(s.number() + ".properties"), p);
    }

    private static Properties load(Path f) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(f)) {
            p.load(in);
        }
        return p;
    }

    private static void store(Path f, Properties p) throws IOException {
        Path tmp = f.resolveSibling(f.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            p.store(out, null);
        }
        Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void write(Path f, byte[] bytes) throws IOException {
        Path tmp = f.resolveSibling(f.getFileName() + ".tmp");
        Files.write(tmp, bytes);
        Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
