package org.caducee.xds.internal;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import org.caducee.cda.CdaHeader;
import org.caducee.cda.CdaHeaderReader;
import org.caducee.cda.CdaLevel;
import org.caducee.cda.CdaPatient;
import org.caducee.cda.CdaReadException;
import org.caducee.cda.CdaRelatedDocument;
import org.caducee.cda.validation.CdaKitException;
import org.caducee.cda.validation.CdaValidator;
import org.caducee.cda.validation.Finding;
import org.caducee.cda.validation.ValidationReport;
import org.caducee.core.audit.AuditTrail;
import org.caducee.core.document.DocumentFormat;
import org.caducee.core.document.DuplicateDocumentException;
import org.caducee.core.document.HealthDocument;
import org.caducee.core.document.Provenance;
import org.caducee.core.identity.BirthTraits;
import org.caducee.core.identity.Identity;
import org.caducee.core.identity.IdentityStatus;
import org.caducee.core.identity.Ins;
import org.caducee.core.installation.Installation;
import org.caducee.core.patient.Patient;
import org.caducee.core.patient.PatientRepository;
import org.caducee.core.text.Names;
import org.caducee.security.xml.SecureXml;
import org.caducee.security.xml.XmlRejectedException;
import org.caducee.security.zip.ZipEntryData;
import org.caducee.xds.DocumentEntry;
import org.caducee.xds.DocumentImport;
import org.caducee.xds.DocumentVersions;
import org.caducee.xds.ImportOutcome;
import org.caducee.xds.ImportOutcome.Status;
import org.caducee.xds.StoredVersion;
import org.caducee.xds.Worklist;
import org.caducee.xds.WorklistItem;
import org.caducee.xds.WorklistReason;
import org.caducee.xds.XdmArchives;
import org.caducee.xds.XdmContent;
import org.caducee.xds.XdmDocument;
import org.caducee.xds.XdsException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Import of received files. Setting {@value #SETTING_VALIDATE}: {@code structure} (default) — the document must be
 * well-formed and valid against the kit's {@code CDA_extended.xsd}; {@code full} — the whole official validation
 * (XSD + schematrons of the type) must pass; {@code off}. A document that fails goes to the worklist.
 */
@Component(service = DocumentImport.class)
public final class DocumentImportImpl implements DocumentImport {

    public static final String SETTING_VALIDATE = "xds.import.validate";

    private final XdmArchives archives;
    private final CdaHeaderReader reader;
    private final CdaValidator validator;
    private final PatientRepository patients;
    private final DocumentVersions versions;
    private final Worklist worklist;
    private final Installation installation;
    private final StructureCheck structure;
    private volatile AuditTrail audit;

    @Activate
    public DocumentImportImpl(@Reference XdmArchives archives, @Reference CdaHeaderReader reader, @Reference CdaValidator validator,
            @Reference PatientRepository patients, @Reference DocumentVersions versions, @Reference Worklist worklist,
            @Reference Installation installation) {
        this.archives = archives;
        this.reader = reader;
        this.validator = validator;
        this.patients = patients;
        this.versions = versions;
        this.worklist = worklist;
        this.installation = installation;
        this.structure = new StructureCheck(validator.kitDirectory());
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY,
            policy = org.osgi.service.component.annotations.ReferencePolicy.DYNAMIC)
    void setAudit(AuditTrail trail) {
        this.audit = trail;
    }

    void unsetAudit(AuditTrail trail) {
        if (this.audit == trail) {
            this.audit = null;
        }
    }

    @Override
    public List<ImportOutcome> importFile(String fileName, byte[] content, String origin, Provenance provenance, UUID patientId) {
        return prepareFile(fileName, content, origin, provenance, patientId).apply();
    }

    @Override
    public Prepared prepareFile(String fileName, byte[] content, String origin, Provenance provenance, UUID patientId) {
        return prepareFile(fileName, content, null, origin, provenance, patientId);
    }

    @Override
    public Prepared prepareFile(String fileName, byte[] content, List<ZipEntryData> entries, String origin, Provenance provenance, UUID patientId) {
        Objects.requireNonNull(content, "content");
        Provenance p = provenance == null ? Provenance.IMPORTED_FILE : provenance;
        List<Supplier<ImportOutcome>> steps = new ArrayList<>();
        if (isZip(content)) {
            XdmContent xdm;
            try {
                xdm = entries == null ? archives.read(content) : archives.read(content, entries);
            } catch (XdsException e) {
                steps.add(() -> toWorklist(WorklistReason.INVALID_DOCUMENT, e.getMessage(), origin, fileName, content, null, null, null, null));
                return applyOnce(steps);
            }
            for (XdmDocument doc : xdm.documents()) {
                steps.add(prepareDocument(fileName + "/" + doc.path(), doc.content(), doc.header(), doc.entry(), origin, p, patientId));
            }
            return applyOnce(steps);
        }
        steps.add(prepareDocument(fileName, content, null, null, origin, p, patientId));
        return applyOnce(steps);
    }

    /** The filing steps of a prepared file, in document order, run at most once. */
    private static Prepared applyOnce(List<Supplier<ImportOutcome>> steps) {
        AtomicBoolean applied = new AtomicBoolean();
        return () -> {
            if (applied.getAndSet(true)) {
                throw new IllegalStateException("import already applied");
            }
            List<ImportOutcome> out = new ArrayList<>();
            for (Supplier<ImportOutcome> step : steps) {
                out.add(step.get());
            }
            return out;
        };
    }

    @Override
    public List<ImportOutcome> resolve(UUID worklistId, UUID patientId) {
        WorklistItem item = worklist.find(worklistId)
                .orElseThrow(() -> new IllegalArgumentException(Messages.get("import.noItem", worklistId)));
        byte[] content = worklist.content(worklistId).orElseThrow();
        List<ImportOutcome> outcomes = importFile(item.fileName() == null ? "document" : item.fileName(), content,
                Messages.get("import.fromWorklist", worklistId), Provenance.IMPORTED_FILE, Objects.requireNonNull(patientId, "patientId"));
        boolean filed = true;
        for (ImportOutcome o : outcomes) {
            if (o.status() == Status.WORKLIST) {
                filed = false;
                worklist.close(o.worklistId());
            }
        }
        if (filed) {
            worklist.close(worklistId);
            record("document.worklist.resolved", patientId.toString(), worklistId.toString());
        }
        return outcomes;
    }

    static boolean isZip(byte[] b) {
        return b.length >= 2 && b[0] == 'P' && b[1] == 'K';
    }

    /**
     * Reads and checks one document without any effect ({@code header}: the header the archive reader already read
     * from these bytes, else {@code null}: read here); the returned step files it or opens its worklist item.
     */
    private Supplier<ImportOutcome> prepareDocument(String name, byte[] cda, CdaHeader header, DocumentEntry entry, String origin,
            Provenance provenance, UUID chosen) {
        CdaHeader h;
        try {
            h = header != null ? header : reader.read(cda);
        } catch (CdaReadException | XmlRejectedException e) {
            return () -> toWorklist(WorklistReason.INVALID_DOCUMENT, Messages.get("import.unreadable", e.getMessage()), origin, name, cda, null, null,
                    null, null);
        }
        String uniqueId = h.id() == null ? null : h.id().value();
        String setId = h.setId() != null ? h.setId().value() : uniqueId;
        Integer version = h.versionNumber() != null ? h.versionNumber() : 1;
        String patientText = describe(h.patient());
        if (uniqueId == null) {
            return () -> toWorklist(WorklistReason.INVALID_DOCUMENT, Messages.get("import.noId"), origin, name, cda, null, null, null, patientText);
        }
        if (version < 1) {
            return () -> toWorklist(WorklistReason.INVALID_DOCUMENT, Messages.get("import.badVersion", version), origin, name, cda, uniqueId, setId,
                    version, patientText);
        }
        String invalid = validate(cda);
        if (invalid != null) {
            return () -> toWorklist(WorklistReason.INVALID_DOCUMENT, invalid, origin, name, cda, uniqueId, setId, version, patientText);
        }
        // the archive reader refused any document whose SHA-1 differs from its metadata's: that one is the hash
        String hash = entry != null && entry.hash() != null ? entry.hash().trim().toUpperCase(Locale.ROOT) : Hl7.sha1(cda);
        return () -> fileDocument(name, cda, hash, h, entry, origin, provenance, chosen, uniqueId, setId, version, patientText);
    }

    /** Patient matching, versioning rules, storage (or the worklist) of a document read and checked. */
    private ImportOutcome fileDocument(String name, byte[] cda, String hash, CdaHeader h, DocumentEntry entry, String origin, Provenance provenance,
            UUID chosen, String uniqueId, String setId, Integer version, String patientText) {
        Patient patient;
        if (chosen != null) {
            Optional<Patient> found = patients.find(chosen);
            if (found.isEmpty()) {
                return toWorklist(WorklistReason.UNKNOWN_PATIENT, Messages.get("import.chosenUnknown", chosen), origin, name, cda, uniqueId, setId,
                        version, patientText);
            }
            patient = found.get();
        } else {
            Match match = match(h.patient());
            if (match.patient == null) {
                return toWorklist(match.reason, match.detail, origin, name, cda, uniqueId, setId, version, patientText);
            }
            patient = match.patient;
        }
        Optional<DocumentVersions.Refusal> refusal = versions.check(uniqueId, setId, version, hash);
        if (refusal.isPresent() && refusal.get() == DocumentVersions.Refusal.ALREADY_STORED) {
            StoredVersion v = versions.find(uniqueId).orElseThrow();
            return new ImportOutcome(Status.ALREADY_STORED, uniqueId, setId, version, v.patientId(), v.documentId(), null, null,
                    Messages.get("import.already", uniqueId));
        }
        if (refusal.isPresent()) {
            return toWorklist(WorklistReason.VERSION_CONFLICT, refusal.get() == DocumentVersions.Refusal.SAME_ID
                    ? Messages.get("versions.sameId", uniqueId) : Messages.get("versions.sameVersion", setId, version), origin, name, cda, uniqueId,
                    setId, version, patientText);
        }
        HealthDocument record = new HealthDocument(UUID.randomUUID(), patient.id(), uniqueId, setId, version,
                h.code() == null ? null : h.code().code(), h.code() == null ? null : h.code().displayName(), h.title(),
                h.serviceStart() != null ? h.serviceStart() : h.effectiveTime(), h.authors().isEmpty() ? null : h.authors().get(0).displayName(),
                h.level() == CdaLevel.N1 ? DocumentFormat.CDA_N1 : DocumentFormat.CDA_N3, provenance, null,
                h.confidentiality() == null ? null : h.confidentiality().code(), null);
        StoredVersion stored;
        try {
            stored = versions.store(record, cda, "text/xml", entry != null ? "XDM" : "CDA", origin == null ? name : origin + " — " + name);
        } catch (DuplicateDocumentException e) {
            return toWorklist(WorklistReason.VERSION_CONFLICT, e.getMessage(), origin, name, cda, uniqueId, setId, version, patientText);
        }
        record("document.import", patient.id().toString(), uniqueId + " v" + version);
        if (entry != null && entry.deletionRequest()) {
            Optional<CdaRelatedDocument> replaced = h.replaced();
            if (replaced.isPresent() && replaced.get().parentId() != null) {
                String target = replaced.get().parentId().value();
                Optional<StoredVersion> deleted = versions.markDeleted(target, uniqueId);
                versions.markDeleted(uniqueId, uniqueId);
                record("document.delete", patient.id().toString(), target);
                return new ImportOutcome(Status.DELETION_APPLIED, uniqueId, setId, version, patient.id(), stored.documentId(), null, null,
                        deleted.isPresent() ? Messages.get("import.deleted", target) : Messages.get("import.deleteUnknown", target));
            }
        }
        return new ImportOutcome(Status.STORED, uniqueId, setId, version, patient.id(), stored.documentId(), null, null,
                Messages.get("import.stored", uniqueId, version, patient.identity().displayName() + " " + patient.identity().displayFirstName()));
    }

    private void record(String action, String subject, String detail) {
        AuditTrail trail = audit;
        if (trail != null) {
            try {
                trail.record("xds", action, subject, detail);
            } catch (RuntimeException e) {
                // the audit trail failing must not lose the received document
            }
        }
    }

    /** A French explanation when the validation of {@value #SETTING_VALIDATE} refuses the document, else {@code null}. */
    private String validate(byte[] cda) {
        String mode = installation.setting(SETTING_VALIDATE).map(String::trim).map(v -> v.toLowerCase(Locale.ROOT)).orElse("structure");
        if (mode.equals("off") || mode.equals("false")) {
            // no validation, but a document is well-formed XML (its header may have been read alone)
            try {
                SecureXml.parse(new ByteArrayInputStream(cda), new DefaultHandler());
                return null;
            } catch (XmlRejectedException | SAXException e) {
                return Messages.get("import.unreadable", e.getMessage());
            }
        }
        if (!mode.equals("full")) {
            List<String> errors = structure.errors(cda, 3);
            if (errors.isEmpty()) {
                return null;
            }
            StringBuilder s = new StringBuilder(Messages.get("import.invalidStructure"));
            errors.forEach(e -> s.append("\n • ").append(e));
            return s.toString();
        }
        ValidationReport report;
        try {
            report = validator.validate(cda);
        } catch (CdaKitException e) {
            return Messages.get("import.noKit", e.getMessage());
        }
        if (report.valid()) {
            return null;
        }
        StringBuilder s = new StringBuilder(Messages.get("import.invalid", report.errors().size()));
        for (Finding f : report.errors().stream().limit(3).toList()) {
            s.append("\n • ").append(f.message());
        }
        return s.toString();
    }

    private record Match(Patient patient, WorklistReason reason, String detail) {
    }

    /** A qualified INS held by exactly one local patient whose identity is qualifiée and whose traits match exactly. */
    private Match match(CdaPatient p) {
        if (p == null || p.ins() == null) {
            return new Match(null, WorklistReason.NO_INS, Messages.get("import.noIns"));
        }
        Ins ins = p.ins();
        List<Patient> holders = patients.findByIns(ins.number());
        if (holders.isEmpty()) {
            return new Match(null, WorklistReason.UNKNOWN_PATIENT, Messages.get("import.unknownPatient", ins.value()));
        }
        if (holders.size() > 1) {
            return new Match(null, WorklistReason.INS_MISMATCH, Messages.get("import.severalHolders", ins.value(), holders.size()));
        }
        Patient candidate = holders.get(0);
        Identity identity = candidate.identity();
        if (identity.status() != IdentityStatus.QUALIFIEE || identity.ins() == null) {
            return new Match(null, WorklistReason.INS_MISMATCH, Messages.get("import.notQualified", ins.value(),
                    identity.status().name().toLowerCase(Locale.ROOT)));
        }
        if (!identity.ins().value().equals(ins.value()) || !identity.ins().oid().equals(ins.oid())) {
            return new Match(null, WorklistReason.INS_MISMATCH, Messages.get("import.insDiffers", ins.value() + " (" + ins.oid() + ")",
                    identity.ins().value() + " (" + identity.ins().oid() + ")"));
        }
        List<String> differences = differences(identity.traits(), p);
        if (!differences.isEmpty()) {
            return new Match(null, WorklistReason.INS_MISMATCH, Messages.get("import.traitsDiffer", ins.value(), String.join(", ", differences)));
        }
        return new Match(candidate, null, null);
    }

    /** The INS traits that differ between the local identity and the document (names compared normalised). */
    static List<String> differences(BirthTraits local, CdaPatient doc) {
        List<String> out = new ArrayList<>();
        if (!Names.normalize(nullToEmpty(doc.birthName())).equals(local.birthName())) {
            out.add(Messages.get("trait.birthName"));
        }
        String docFirstNames = Names.normalize(nullToEmpty(doc.birthGivenNames() != null ? doc.birthGivenNames() : doc.firstBirthGivenName()));
        if (!docFirstNames.equals(String.join(" ", local.birthFirstNames()))) {
            out.add(Messages.get("trait.firstNames"));
        }
        if (doc.sex() != local.sex()) {
            out.add(Messages.get("trait.sex"));
        }
        if (!Objects.equals(doc.birthDate(), local.birthDate())) {
            out.add(Messages.get("trait.birthDate"));
        }
        if (doc.birthPlaceCode() != null && local.birthplaceCode() != null
                && !doc.birthPlaceCode().equalsIgnoreCase(local.birthplaceCode())) {
            out.add(Messages.get("trait.birthplace"));
        }
        return out;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private static String describe(CdaPatient p) {
        if (p == null) {
            return null;
        }
        String ins = p.ins() == null ? Messages.get("import.patient.noIns") : "INS " + p.ins().value();
        return (nullToEmpty(p.birthName()) + " " + nullToEmpty(p.birthGivenNames() != null ? p.birthGivenNames() : p.firstBirthGivenName())).trim()
                + (p.birthDate() == null ? "" : " (" + p.birthDate() + ")") + " — " + ins;
    }

    private ImportOutcome toWorklist(WorklistReason reason, String detail, String origin, String name, byte[] content, String uniqueId,
            String setId, Integer version, String patient) {
        WorklistItem item = worklist.add(reason, detail, origin, name, content, uniqueId, setId, version, patient);
        record("document.worklist", uniqueId == null ? name : uniqueId, reason.name());
        return new ImportOutcome(Status.WORKLIST, uniqueId, setId, version, null, null, item.id(), reason, detail);
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
