package org.caducee.xds.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.caducee.cda.CdaHeader;
import org.caducee.cda.CdaHeaderReader;
import org.caducee.cda.CdaReadException;
import org.caducee.security.xml.XmlRejectedException;
import org.caducee.security.zip.SafeZip;
import org.caducee.security.zip.ZipEntryData;
import org.caducee.security.zip.ZipLimits;
import org.caducee.security.zip.ZipRejectedException;
import org.caducee.xds.DocumentEntry;
import org.caducee.xds.EbrimCodec;
import org.caducee.xds.SubmissionMetadata;
import org.caducee.xds.SubmissionSet;
import org.caducee.xds.Visibility;
import org.caducee.xds.XdmArchives;
import org.caducee.xds.XdmContent;
import org.caducee.xds.XdmDocument;
import org.caducee.xds.XdmSender;
import org.caducee.xds.XdmSubset;
import org.caducee.xds.XdsException;
import org.caducee.xds.XdsException.Reason;
import org.caducee.xds.XdsMetadataFactory;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** IHE_XDM.zip writer and tolerant, verifying reader. */
@Component(service = XdmArchives.class)
public final class XdmArchivesImpl implements XdmArchives {

    private static final Pattern METADATA = Pattern.compile("(?i)^(?:(.*)/)?METADATA\\.XML$");
    private static final Pattern SUBSET = Pattern.compile("(?i)^(?:.*/)?IHE_XDM/([^/]+)$");
    private static final Pattern DOC_NAME = Pattern.compile("(?i)^DOC(\\d+)\\.[A-Z0-9]+$");

    private final XdsMetadataFactory factory;
    private final EbrimCodec codec;
    private final CdaHeaderReader reader;
    private final ZipLimits limits;

    @Activate
    public XdmArchivesImpl(@Reference XdsMetadataFactory factory, @Reference EbrimCodec codec, @Reference CdaHeaderReader reader) {
        this(factory, codec, reader, ZipLimits.defaults());
    }

    XdmArchivesImpl(XdsMetadataFactory factory, EbrimCodec codec, CdaHeaderReader reader, ZipLimits limits) {
        this.factory = factory;
        this.codec = codec;
        this.reader = reader;
        this.limits = limits;
    }

    // ---------------------------------------------------------------- writing

    @Override
    public byte[] pack(List<byte[]> cdaDocuments, XdmSender sender, Set<Visibility> visibility) {
        if (cdaDocuments.isEmpty()) {
            throw new XdsException(Reason.MISSING_DOCUMENT, Messages.get("xdm.pack.empty"));
        }
        List<DocumentEntry> entries = new ArrayList<>();
        for (int i = 0; i < cdaDocuments.size(); i++) {
            DocumentEntry e = factory.documentEntry(cdaDocuments.get(i), docName(i + 1), visibility);
            if (!entries.isEmpty() && !samePatient(entries.get(0).patientId(), e.patientId())) {
                throw new XdsException(Reason.PATIENT_MISMATCH, Messages.get("xdm.pack.patients", entries.get(0).patientId(), e.patientId()));
            }
            entries.add(e);
        }
        SubmissionSet ss = factory.submissionSet(entries, null);
        byte[] metadata = codec.write(new SubmissionMetadata(ss, entries));
        XdmSender s = sender == null ? new XdmSender(null, null, null, null, null, null, null, null) : sender;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
            put(zip, "INDEX.HTM", index(s).getBytes(StandardCharsets.UTF_8));
            put(zip, "README.TXT", readme(s, entries.size()).getBytes(StandardCharsets.UTF_8));
            put(zip, "IHE_XDM/", null);
            put(zip, "IHE_XDM/SUBSET01/", null);
            for (int i = 0; i < cdaDocuments.size(); i++) {
                put(zip, "IHE_XDM/SUBSET01/" + docName(i + 1), cdaDocuments.get(i));
            }
            put(zip, "IHE_XDM/SUBSET01/METADATA.XML", metadata);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }

    static String docName(int n) {
        return String.format(Locale.ROOT, "DOC%04d.XML", n);
    }

    private static void put(ZipOutputStream zip, String name, byte[] content) throws IOException {
        ZipEntry e = new ZipEntry(name);
        zip.putNextEntry(e);
        if (content != null) {
            zip.write(content);
        }
        zip.closeEntry();
    }

    private static String v(String s) {
        return s == null ? "" : s;
    }

    private static String readme(XdmSender s, int documents) {
        StringBuilder tree = new StringBuilder();
        for (int i = 1; i <= documents; i++) {
            tree.append("                ").append(docName(i)).append("\r\n");
        }
        return Messages.get("xdm.readme", v(s.name()), v(s.organization()), v(s.organizationId()), v(s.address()), v(s.telephone()),
                v(s.application()), v(s.applicationVersion()), v(s.vendor()), tree.toString()).replace("\n", "\r\n").replace("\r\r\n", "\r\n");
    }

    private static String index(XdmSender s) {
        String org = escape(v(s.organization())) + (s.organizationId() == null ? "" : " (" + escape(s.organizationId()) + ")");
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n<html xmlns=\"http://www.w3.org/1999/xhtml\"><head><title>IHE_XDM</title>"
                + "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=UTF-8\"/></head><body>\r\n"
                + escape(Messages.get("xdm.index.sender")) + " " + org + "<br/>\r\n"
                + escape(Messages.get("xdm.index.readme")) + " <a href=\"README.TXT\">README.TXT</a>\r\n</body></html>\r\n";
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    // ---------------------------------------------------------------- reading

    @Override
    public XdmContent read(byte[] archive) {
        return read(archive, null);
    }

    @Override
    public XdmContent read(byte[] archive, List<ZipEntryData> alreadyRead) {
        if (!complete(archive)) {
            throw new XdsException(Reason.ARCHIVE, Messages.get("xdm.truncated"));
        }
        List<ZipEntryData> entries;
        if (alreadyRead != null && limits.equals(ZipLimits.defaults())) {
            entries = alreadyRead;
        } else {
            try {
                entries = SafeZip.read(archive, limits);
            } catch (ZipRejectedException e) {
                throw new XdsException(Reason.ARCHIVE, Messages.get("xdm.archive", e.getMessage()), e);
            }
        }
        if (entries.isEmpty()) {
            throw new XdsException(Reason.ARCHIVE, Messages.get("xdm.notZip"));
        }
        Map<String, ZipEntryData> byUpperName = new LinkedHashMap<>();
        for (ZipEntryData e : entries) {
            if (!e.directory()) {
                byUpperName.put(e.name().toUpperCase(Locale.ROOT), e);
            }
        }
        List<String> notes = new ArrayList<>();
        ZipEntryData readme = byUpperName.get("README.TXT");
        if (readme == null) {
            notes.add(Messages.get("xdm.note.noReadme"));
        }
        if (!byUpperName.containsKey("INDEX.HTM")) {
            notes.add(Messages.get("xdm.note.noIndex"));
        }
        TreeMap<String, ZipEntryData> metadataByFolder = new TreeMap<>();
        for (ZipEntryData e : byUpperName.values()) {
            Matcher m = METADATA.matcher(e.name());
            if (m.matches()) {
                metadataByFolder.put(m.group(1) == null ? "" : m.group(1), e);
            }
        }
        if (metadataByFolder.isEmpty()) {
            throw new XdsException(Reason.METADATA, Messages.get("xdm.noMetadata"));
        }
        if (metadataByFolder.size() > 1) {
            notes.add(Messages.get("xdm.note.subsets", metadataByFolder.size()));
        }
        if (entries.stream().anyMatch(e -> !e.name().equals(e.name().toUpperCase(Locale.ROOT)))) {
            notes.add(Messages.get("xdm.note.case"));
        }
        List<XdmSubset> subsets = new ArrayList<>();
        String patient = null;
        for (Map.Entry<String, ZipEntryData> m : metadataByFolder.entrySet()) {
            String folder = m.getKey();
            if (!folder.isEmpty() && !SUBSET.matcher(folder).matches()) {
                notes.add(Messages.get("xdm.note.folder", folder));
            }
            SubmissionMetadata metadata;
            try {
                metadata = codec.read(m.getValue().content());
            } catch (XdsException e) {
                throw new XdsException(e.reason(), Messages.get("xdm.inSubset", m.getValue().name(), e.getMessage()), e);
            }
            List<XdmDocument> docs = new ArrayList<>();
            for (DocumentEntry entry : metadata.documents()) {
                XdmDocument doc = document(folder, entry, byUpperName, notes, alreadyRead != null);
                docs.add(doc);
                if (patient != null && !samePatient(patient, entry.patientId())) {
                    throw new XdsException(Reason.PATIENT_MISMATCH, Messages.get("xdm.severalPatients", patient, entry.patientId()));
                }
                patient = entry.patientId();
            }
            subsets.add(new XdmSubset(folder, m.getValue().content(), metadata, docs));
        }
        return new XdmContent(subsets, readme == null ? null : text(readme.content()), notes);
    }

    /**
     * A complete ZIP ends with its end-of-central-directory record (signature {@code PK\5\6}, within the last
     * 65,557 bytes, its comment length reaching exactly the end): a truncated download or attachment has none.
     */
    static boolean complete(byte[] zip) {
        int min = Math.max(0, zip.length - 65_557);
        for (int i = zip.length - 22; i >= min; i--) {
            if (zip[i] == 'P' && zip[i + 1] == 'K' && zip[i + 2] == 5 && zip[i + 3] == 6) {
                int commentLength = (zip[i + 20] & 0xff) | (zip[i + 21] & 0xff) << 8;
                if (i + 22 + commentLength == zip.length) {
                    return true;
                }
            }
        }
        return false;
    }

    /** {@code headerOnly}: the CDA is read up to its body only (the caller validates the whole document). */
    private XdmDocument document(String folder, DocumentEntry entry, Map<String, ZipEntryData> files, List<String> notes, boolean headerOnly) {
        String uri = entry.uri();
        if (uri == null || uri.isBlank()) {
            throw new XdsException(Reason.MISSING_DOCUMENT, Messages.get("xdm.noUri", entry.uniqueId()));
        }
        if (uri.contains("..") || uri.startsWith("/") || uri.contains("\\") || uri.contains(":")) {
            throw new XdsException(Reason.MISSING_DOCUMENT, Messages.get("xdm.badUri", uri));
        }
        String path = (folder.isEmpty() ? "" : folder + "/") + uri;
        ZipEntryData file = files.get(path.toUpperCase(Locale.ROOT));
        if (file == null) {
            throw new XdsException(Reason.MISSING_DOCUMENT, Messages.get("xdm.missingDocument", path, entry.uniqueId()));
        }
        Matcher dm = DOC_NAME.matcher(uri);
        if (dm.matches() && dm.group(1).length() != 4) {
            notes.add(Messages.get("xdm.note.numbering", uri));
        }
        byte[] content = file.content();
        if (entry.size() >= 0 && entry.size() != content.length) {
            throw new XdsException(Reason.INTEGRITY, Messages.get("xdm.size", file.name(), entry.size(), content.length));
        }
        String hash = Hl7.sha1(content);
        if (entry.hash() == null) {
            notes.add(Messages.get("xdm.note.noHash", file.name()));
        } else if (!hash.equalsIgnoreCase(entry.hash().trim())) {
            throw new XdsException(Reason.INTEGRITY, Messages.get("xdm.hash", file.name(), entry.hash(), hash));
        }
        CdaHeader header = null;
        if (entry.mimeType() == null || entry.mimeType().toLowerCase(Locale.ROOT).contains("xml")) {
            header = checkPatient(file.name(), entry, content, headerOnly);
        }
        return new XdmDocument(file.name(), entry, content, header);
    }

    /** The CDA's INS (or first identifier) must be the metadata's patientId; returns the header read. */
    private CdaHeader checkPatient(String name, DocumentEntry entry, byte[] content, boolean headerOnly) {
        CdaHeader h;
        try {
            h = headerOnly ? reader.readHeader(content) : reader.read(content);
        } catch (CdaReadException | XmlRejectedException e) {
            throw new XdsException(Reason.DOCUMENT, Messages.get("xdm.cdaUnreadable", name, e.getMessage()), e);
        }
        String cdaPatient = XdsMetadataFactoryImpl.patientId(h.patient());
        if (cdaPatient == null || entry.patientId() == null) {
            return h;
        }
        if (!samePatient(cdaPatient, entry.patientId())
                && h.patient().otherIds().stream().noneMatch(id -> samePatient(Hl7.cx(id, "PI"), entry.patientId()))) {
            throw new XdsException(Reason.PATIENT_MISMATCH, Messages.get("xdm.patientMismatch", name, entry.patientId(), cdaPatient));
        }
        return h;
    }

    /** Same identifier value and authority OID (type codes and spaces ignored). */
    static boolean samePatient(String cx1, String cx2) {
        String[] a = Hl7.cxParts(cx1);
        String[] b = Hl7.cxParts(cx2);
        return a[0] != null && a[0].equals(b[0]) && (a[1] == null || b[1] == null || a[1].equals(b[1]));
    }

    /** README text: UTF-8 when valid, else ISO-8859-1 (older senders). */
    static String text(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }

    @Override
    public List<Path> extract(byte[] archive, Path folder) throws IOException {
        read(archive);
        Files.createDirectories(folder);
        try (var listing = Files.list(folder)) {
            if (listing.findAny().isPresent()) {
                throw new IOException(Messages.get("xdm.extract.notEmpty", folder));
            }
        }
        try {
            return SafeZip.extract(new ByteArrayInputStream(archive), folder, limits);
        } catch (ZipRejectedException e) {
            throw new XdsException(Reason.ARCHIVE, Messages.get("xdm.archive", e.getMessage()), e);
        }
    }
}
