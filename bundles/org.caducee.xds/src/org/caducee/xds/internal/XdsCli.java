package org.caducee.xds.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;

import org.caducee.cli.CliContext;
import org.caducee.cli.CliException;
import org.caducee.core.document.Provenance;
import org.caducee.core.patient.Patient;
import org.caducee.core.patient.PatientRepository;
import org.caducee.xds.DocumentEntry;
import org.caducee.xds.DocumentImport;
import org.caducee.xds.DocumentVersions;
import org.caducee.xds.ImportOutcome;
import org.caducee.xds.StoredVersion;
import org.caducee.xds.Visibility;
import org.caducee.xds.Worklist;
import org.caducee.xds.WorklistItem;
import org.caducee.xds.XdmArchives;
import org.caducee.xds.XdmContent;
import org.caducee.xds.XdmDocument;
import org.caducee.xds.XdmSender;
import org.caducee.xds.XdsException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The command-line commands: {@code xdm pack|unpack|verify} and {@code doc import|versions|worklist}. Exit codes:
 * 0 success, 1 refused/failed (archive refused, document sent to the worklist), 2 usage, 3 service missing.
 */
final class XdsCli {

    private XdsCli() {
    }

    static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new CliException(CliException.FAILURE, Messages.get("cli.unreadable", file, e.getMessage()), e);
        }
    }

    @Command(name = "xdm", description = "Archives IHE_XDM (messagerie sécurisée) : création, vérification, extraction.",
            subcommands = {Pack.class, Verify.class, Unpack.class})
    static final class Xdm {
    }

    @Command(name = "doc", subcommands = {Import.class, Versions.class, WorklistCommand.class, Resolve.class})
    static final class Doc {
    }

    @Command(name = "pack", description = "Crée une archive IHE_XDM.zip avec des documents CDA d’un même patient.")
    static final class Pack implements Callable<Integer> {
        private final CliContext context;

        @Parameters(arity = "1..*", paramLabel = "CDA", description = "Les documents CDA (XML), dans l’ordre DOC0001, DOC0002…")
        List<Path> files;
        @Option(names = "--out", required = true, paramLabel = "ZIP", description = "L’archive à créer (IHE_XDM.zip).")
        Path out;
        @Option(names = "--masque-ps", description = "Masqué aux professionnels (MASQUE_PS).")
        boolean masquePs;
        @Option(names = "--invisible-patient", description = "Non visible par le patient (INVISIBLE_PATIENT).")
        boolean invisiblePatient;
        @Option(names = "--invisible-representants", description = "Non visible par les représentants légaux (INVISIBLE_REPRESENTANTS_LEGAUX).")
        boolean invisibleRepresentants;
        @Option(names = "--emetteur", paramLabel = "NOM", description = "Nom de l’émetteur écrit dans README.TXT.")
        String sender;
        @Option(names = "--organisme", paramLabel = "NOM", description = "Organisme émetteur écrit dans README.TXT et INDEX.HTM.")
        String organization;

        Pack(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            List<byte[]> docs = files.stream().map(XdsCli::read).toList();
            Set<Visibility> visibility = EnumSet.noneOf(Visibility.class);
            if (masquePs) {
                visibility.add(Visibility.MASQUE_PS);
            }
            if (invisiblePatient) {
                visibility.add(Visibility.INVISIBLE_PATIENT);
            }
            if (invisibleRepresentants) {
                visibility.add(Visibility.INVISIBLE_REPRESENTANTS_LEGAUX);
            }
            byte[] zip;
            try {
                zip = context.service(XdmArchives.class).pack(docs, new XdmSender(sender, organization, null, null, null, "Caducée",
                        "0.1", "Caducée"), visibility);
            } catch (XdsException e) {
                throw new CliException(CliException.FAILURE, e.getMessage(), e);
            }
            if (Files.exists(out)) {
                throw new CliException(CliException.USAGE, Messages.get("cli.exists", out));
            }
            try {
                Files.write(out, zip);
            } catch (IOException e) {
                throw new CliException(CliException.FAILURE, Messages.get("cli.unwritable", out, e.getMessage()), e);
            }
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("archive", out.toString());
            doc.put("documents", files.size());
            doc.put("bytes", zip.length);
            context.result(doc, Messages.get("cli.packed", out, files.size(), zip.length));
            return 0;
        }
    }

    private static Map<String, Object> describe(XdmContent content) {
        Map<String, Object> doc = new LinkedHashMap<>();
        List<Map<String, Object>> docs = new ArrayList<>();
        for (XdmDocument d : content.documents()) {
            DocumentEntry e = d.entry();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("path", d.path());
            m.put("uniqueId", e.uniqueId());
            m.put("title", e.title());
            m.put("patientId", e.patientId());
            m.put("typeCode", e.typeCode() == null ? null : e.typeCode().code());
            m.put("classCode", e.classCode() == null ? null : e.classCode().code());
            m.put("formatCode", e.formatCode() == null ? null : e.formatCode().code());
            m.put("confidentiality", e.confidentialityCodes().stream().map(c -> c.code()).toList());
            m.put("hash", e.hash());
            m.put("size", e.size());
            m.put("deletionRequest", e.deletionRequest());
            docs.add(m);
        }
        doc.put("subsets", content.subsets().size());
        doc.put("documents", docs);
        doc.put("notes", content.notes());
        return doc;
    }

    private static String text(XdmContent content) {
        StringBuilder s = new StringBuilder();
        for (XdmDocument d : content.documents()) {
            s.append(d.path()).append(" : ").append(d.entry().title()).append(" — ").append(d.entry().uniqueId()).append(" — ")
                    .append(d.entry().patientId()).append('\n');
        }
        content.notes().forEach(n -> s.append(n).append('\n'));
        return s.toString();
    }

    @Command(name = "verify", description = "Vérifie une archive IHE_XDM (structure, empreintes, tailles, patient) sans rien écrire.")
    static final class Verify implements Callable<Integer> {
        private final CliContext context;

        @Parameters(index = "0", paramLabel = "ZIP", description = "L’archive IHE_XDM.zip.")
        Path file;

        Verify(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            XdmContent content;
            try {
                content = context.service(XdmArchives.class).read(read(file));
            } catch (XdsException e) {
                throw new CliException(CliException.FAILURE, e.getMessage(), e);
            }
            Map<String, Object> doc = describe(content);
            doc.put("archive", file.toString());
            doc.put("valid", true);
            context.result(doc, text(content) + Messages.get("cli.verified", file, content.documents().size()));
            return 0;
        }
    }

    @Command(name = "unpack", description = "Vérifie puis extrait une archive IHE_XDM dans un dossier vide (rien n’est écrit hors de ce dossier).")
    static final class Unpack implements Callable<Integer> {
        private final CliContext context;

        @Parameters(index = "0", paramLabel = "ZIP", description = "L’archive IHE_XDM.zip.")
        Path file;
        @Option(names = "--out", paramLabel = "DOSSIER", description = "Dossier de destination (par défaut : nom de l’archive sans .zip).")
        Path out;

        Unpack(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            byte[] zip = read(file);
            Path folder = out != null ? out : file.toAbsolutePath().resolveSibling(file.getFileName().toString().replaceAll("(?i)\\.zip$", ""));
            XdmArchives archives = context.service(XdmArchives.class);
            XdmContent content;
            List<Path> written;
            try {
                content = archives.read(zip);
                written = archives.extract(zip, folder);
            } catch (XdsException e) {
                throw new CliException(CliException.FAILURE, e.getMessage(), e);
            } catch (IOException e) {
                throw new CliException(CliException.FAILURE, e.getMessage(), e);
            }
            Map<String, Object> doc = describe(content);
            doc.put("archive", file.toString());
            doc.put("folder", folder.toString());
            doc.put("files", written.stream().map(Path::toString).toList());
            context.result(doc, text(content) + Messages.get("cli.unpacked", file, folder, written.size()));
            return 0;
        }
    }

    @Command(name = "import", description = "Importe une archive IHE_XDM ou un document CDA : rapprochement du patient sur l’INS qualifiée, "
            + "règles de version, sinon liste de travail ; code de sortie 1 si un document va en liste de travail.")
    static final class Import implements Callable<Integer> {
        private final CliContext context;

        @Parameters(index = "0", paramLabel = "FICHIER", description = "IHE_XDM.zip ou document CDA (XML).")
        Path file;
        @Option(names = "--patient", paramLabel = "PATIENT", description = "Identifiant local (UUID) ou matricule INS du patient choisi.")
        String patient;

        Import(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            UUID chosen = patient == null ? null : resolve(context, patient);
            List<ImportOutcome> outcomes = context.service(DocumentImport.class).importFile(file.getFileName().toString(), read(file),
                    file.toAbsolutePath().toString(), Provenance.IMPORTED_FILE, chosen);
            List<Map<String, Object>> list = new ArrayList<>();
            StringBuilder text = new StringBuilder();
            boolean worklist = false;
            for (ImportOutcome o : outcomes) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("status", o.status().name());
                m.put("uniqueId", o.uniqueId());
                m.put("setId", o.setId());
                m.put("versionNumber", o.versionNumber());
                m.put("patientId", o.patientId() == null ? null : o.patientId().toString());
                m.put("documentId", o.documentId() == null ? null : o.documentId().toString());
                m.put("worklistId", o.worklistId() == null ? null : o.worklistId().toString());
                m.put("reason", o.reason() == null ? null : o.reason().name());
                m.put("message", o.message());
                list.add(m);
                worklist |= o.status() == ImportOutcome.Status.WORKLIST;
                text.append(o.message()).append('\n');
            }
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("file", file.toString());
            doc.put("outcomes", list);
            context.result(doc, text.toString().stripTrailing());
            return worklist ? 1 : 0;
        }
    }

    static UUID resolve(CliContext context, String reference) {
        try {
            return UUID.fromString(reference);
        } catch (IllegalArgumentException e) {
            String number = reference.replace(" ", "");
            number = number.length() == 15 ? number.substring(0, 13) : number;
            List<Patient> found = context.service(PatientRepository.class).findByIns(number);
            if (found.size() != 1) {
                throw new CliException(CliException.USAGE, Messages.get("cli.patientUnknown", reference));
            }
            return found.get(0).id();
        }
    }

    @Command(name = "versions", description = "Liste les versions reçues d’un document (setId), la plus récente d’abord.")
    static final class Versions implements Callable<Integer> {
        private final CliContext context;

        @Parameters(index = "0", paramLabel = "SETID", description = "L’identifiant du lot de versions (setId, racine^extension).")
        String setId;

        Versions(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            List<StoredVersion> versions = context.service(DocumentVersions.class).versions(setId);
            if (versions.isEmpty()) {
                throw new CliException(CliException.FAILURE, Messages.get("cli.noVersions", setId));
            }
            List<Map<String, Object>> list = new ArrayList<>();
            StringBuilder text = new StringBuilder();
            for (StoredVersion v : versions) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("versionNumber", v.versionNumber());
                m.put("uniqueId", v.uniqueId());
                m.put("documentId", v.documentId().toString());
                m.put("patientId", v.patientId().toString());
                m.put("latest", v == versions.get(0));
                m.put("deleted", v.deleted());
                m.put("deletedAt", v.deletedAt() == null ? null : v.deletedAt().toString());
                m.put("hash", v.hash());
                m.put("size", v.size());
                m.put("source", v.source());
                m.put("importedAt", v.importedAt().toString());
                list.add(m);
                text.append(Messages.get("cli.version", v.versionNumber(), v.uniqueId(), v.importedAt(),
                        v == versions.get(0) ? Messages.get("cli.latest") : "", v.deleted() ? Messages.get("cli.deleted") : "").stripTrailing()).append('\n');
            }
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("setId", setId);
            doc.put("versions", list);
            context.result(doc, text.toString().stripTrailing());
            return 0;
        }
    }

    @Command(name = "resolve", description = "Classe un élément de la liste de travail dans le dossier du patient choisi ; "
            + "code de sortie 1 s’il ne peut pas l’être.")
    static final class Resolve implements Callable<Integer> {
        private final CliContext context;

        @Parameters(index = "0", paramLabel = "ELEMENT", description = "Identifiant de l’élément (voir doc worklist).")
        UUID item;
        @Option(names = "--patient", required = true, paramLabel = "PATIENT", description = "Identifiant local (UUID) ou matricule INS du patient.")
        String patient;

        Resolve(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            UUID chosen = resolve(context, patient);
            List<ImportOutcome> outcomes;
            try {
                outcomes = context.service(DocumentImport.class).resolve(item, chosen);
            } catch (IllegalArgumentException e) {
                throw new CliException(CliException.USAGE, e.getMessage(), e);
            }
            boolean filed = outcomes.stream().noneMatch(o -> o.status() == ImportOutcome.Status.WORKLIST);
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("item", item.toString());
            doc.put("filed", filed);
            doc.put("messages", outcomes.stream().map(ImportOutcome::message).toList());
            StringBuilder text = new StringBuilder();
            outcomes.forEach(o -> text.append(o.message()).append('\n'));
            text.append(Messages.get(filed ? "cli.resolved" : "cli.notResolved", item));
            context.result(doc, text.toString());
            return filed ? 0 : 1;
        }
    }

    @Command(name = "worklist", description = "Liste de travail : documents reçus non classés, avec leur motif.")
    static final class WorklistCommand implements Callable<Integer> {
        private final CliContext context;

        WorklistCommand(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            List<WorklistItem> items = context.service(Worklist.class).open();
            List<Map<String, Object>> list = new ArrayList<>();
            StringBuilder text = new StringBuilder();
            for (WorklistItem i : items) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("id", i.id().toString());
                m.put("receivedAt", i.receivedAt().toString());
                m.put("reason", i.reason().name());
                m.put("detail", i.detail());
                m.put("file", i.fileName());
                m.put("uniqueId", i.uniqueId());
                m.put("patient", i.patient());
                list.add(m);
                text.append(Messages.get("cli.worklistItem", i.receivedAt(), Messages.get("reason." + i.reason().name()), i.fileName(),
                        i.detail())).append('\n');
            }
            text.append(Messages.get("cli.worklistCount", items.size()));
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("count", items.size());
            doc.put("items", list);
            context.result(doc, text.toString());
            return 0;
        }
    }
}
