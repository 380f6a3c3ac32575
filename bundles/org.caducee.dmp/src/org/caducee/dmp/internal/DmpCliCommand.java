package org.caducee.dmp.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;

import org.caducee.cli.CliCommand;
import org.caducee.cli.CliContext;
import org.caducee.cli.CliException;
import org.caducee.core.care.Consent;
import org.caducee.core.patient.Patient;
import org.caducee.core.patient.PatientRepository;
import org.caducee.dmp.AccessMode;
import org.caducee.dmp.Dica;
import org.caducee.dmp.DicaItem;
import org.caducee.dmp.DmpService;
import org.caducee.dmp.DmpDocument;
import org.caducee.dmp.DmpException;
import org.caducee.dmp.DocumentQuery;
import org.caducee.dmp.DocumentStatus;
import org.caducee.dmp.FeedTiming;
import org.caducee.dmp.RetrievedDocument;
import org.caducee.core.document.DocumentRepository;
import org.caducee.core.document.HealthDocument;
import org.caducee.outbox.OutboxItem;
import org.caducee.xds.ImportOutcome;
import org.caducee.xds.Visibility;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.osgi.service.component.annotations.Component;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Contributes {@code caducee dmp dica|consent} to the command line (whiteboard {@link CliCommand}). */
@Component(service = CliCommand.class, property = CliCommand.PROPERTY_NAME + "=dmp")
public final class DmpCliCommand implements CliCommand {

    @Override
    public String name() {
        return "dmp";
    }

    @Override
    public Object command(CliContext context) {
        return new Dmp();
    }

    @Command(name = "dmp", description = "DMP / Mon espace santé : DICA, consentement, envoi, consultation, visibilité.",
            subcommands = { DicaCommand.class, ConsentCommand.class, ShareCommand.class, ListCommand.class, GetCommand.class,
                    HideCommand.class, ShowCommand.class, ArchiveCommand.class, DeleteCommand.class })
    static final class Dmp {
    }

    static Patient patient(CliContext context, String reference) {
        PatientRepository patients = context.service(PatientRepository.class);
        try {
            return patients.find(UUID.fromString(reference))
                    .orElseThrow(() -> new CliException(CliException.FAILURE, Messages.get("cli.noPatient", reference)));
        } catch (IllegalArgumentException notUuid) {
            List<Patient> found = patients.findByIns(reference);
            if (found.size() != 1) {
                throw new CliException(CliException.FAILURE, Messages.get("cli.noPatient", reference));
            }
            return found.get(0);
        }
    }

    static AccessMode mode(String code) {
        for (AccessMode m : AccessMode.values()) {
            if (m.code().equals(code)) {
                return m;
            }
        }
        throw new CliException(CliException.USAGE, Messages.get("cli.badMode", code));
    }

    static HealthDocument localDocument(CliContext context, String reference) {
        DocumentRepository documents = context.service(DocumentRepository.class);
        Optional<HealthDocument> found;
        try {
            found = documents.find(UUID.fromString(reference));
        } catch (IllegalArgumentException notUuid) {
            found = documents.findByUniqueId(reference);
        }
        return found.orElseThrow(() -> new CliException(CliException.FAILURE, Messages.get("cli.noDocument", reference)));
    }

    static Map<String, Object> describe(DmpDocument d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("uniqueId", d.uniqueId());
        m.put("entryUuid", d.entryUuid());
        m.put("status", d.status().name());
        m.put("title", d.entry().title());
        m.put("type", d.entry().typeCode() == null ? null : d.entry().typeCode().code());
        m.put("typeLabel", d.entry().typeCode() == null ? null : d.entry().typeCode().displayName());
        m.put("creationTime", d.entry().creationTime());
        m.put("author", d.authorName());
        m.put("authorId", d.authorNationalId().orElse(null));
        m.put("visibility", d.visibility().stream().map(Enum::name).sorted().toList());
        m.put("invisibleToPatient", d.invisibleToPatient());
        m.put("mimeType", d.entry().mimeType());
        return m;
    }

    static String line(DmpDocument d) {
        String date = d.entry().creationTime() == null || d.entry().creationTime().length() < 8 ? "        "
                : d.entry().creationTime().substring(6, 8) + "/" + d.entry().creationTime().substring(4, 6) + "/"
                        + d.entry().creationTime().substring(0, 4);
        String flags = d.visibility().isEmpty() ? "" : " [" + d.visibility().stream().map(Enum::name).sorted()
                .collect(java.util.stream.Collectors.joining(",")) + "]";
        return date + "  " + d.entry().title() + " — " + d.authorName() + flags + (d.status() == DocumentStatus.APPROVED ? ""
                : " (" + d.status().name() + ")") + "  " + d.uniqueId();
    }

    /** The patient of a DMP document: the one given, or the one whose record holds the document. */
    static Patient patientOf(CliContext context, String reference, String uniqueId) {
        if (reference != null) {
            return patient(context, reference);
        }
        HealthDocument local = context.service(DocumentRepository.class).findByUniqueId(uniqueId)
                .orElseThrow(() -> new CliException(CliException.USAGE, Messages.get("cli.patientNeeded", uniqueId)));
        return context.service(PatientRepository.class).find(local.patientId())
                .orElseThrow(() -> new CliException(CliException.FAILURE, Messages.get("cli.noPatient", local.patientId())));
    }

    static DmpDocument dmpDocument(DmpService dmp, Patient patient, AccessMode mode, String uniqueId) {
        try {
            return dmp.document(patient.id(), mode, uniqueId)
                    .orElseThrow(() -> new CliException(CliException.FAILURE, Messages.get("cli.notInDmp", uniqueId)));
        } catch (DmpException e) {
            throw failure(e);
        }
    }

    static CliException failure(Exception e) {
        return new CliException(CliException.FAILURE, e.getMessage());
    }

    @Command(name = "share", description = "Envoie un document au DMP par la file d’envoi (différé par défaut, annulable tant qu’il n’est pas parti).")
    static final class ShareCommand implements Callable<Integer> {
        private final CliContext context;

        @Option(names = "--doc", required = true, paramLabel = "DOC", description = "Document local (UUID ou identifiant unique).")
        String doc;

        @Option(names = "--invisible", description = "Invisible pour le patient (jusqu’à la consultation d’annonce).")
        boolean invisible;

        @Option(names = "--masque-ps", description = "Masqué aux autres professionnels.")
        boolean masked;

        @Option(names = "--now", description = "Envoi immédiat (sinon : réglage dmp.alimentation.envoi, différé par défaut).")
        boolean now;

        @Option(names = "--evening", description = "Envoi ce soir (réglage dmp.alimentation.soir).")
        boolean evening;

        @Option(names = "--mss", arity = "1..*", paramLabel = "ADRESSE",
                description = "Envoie aussi le même document par MSSanté à ces adresses (PDF + IHE_XDM.zip) : alimentation « en Y ».")
        List<String> mss;

        ShareCommand(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            DmpService dmp = context.service(DmpService.class);
            HealthDocument document = localDocument(context, doc);
            Optional<java.time.Instant> sent = dmp.sentToDmp(document.id());
            Set<Visibility> visibility = EnumSet.noneOf(Visibility.class);
            if (invisible) {
                visibility.add(Visibility.INVISIBLE_PATIENT);
            }
            if (masked) {
                visibility.add(Visibility.MASQUE_PS);
            }
            FeedTiming timing = now ? FeedTiming.NOW : evening ? FeedTiming.EVENING : dmp.defaultTiming();
            OutboxItem item;
            try {
                item = dmp.share(document.id(), visibility, timing, "cli:" + System.getProperty("user.name", "?"));
            } catch (IllegalStateException e) {
                throw failure(e);
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("document", document.id().toString());
            m.put("uniqueId", document.uniqueId());
            m.put("outboxItem", item.id().toString());
            m.put("state", item.state().name());
            m.put("notBefore", item.notBefore() == null ? null : item.notBefore().toString());
            m.put("alreadySent", sent.map(Object::toString).orElse(null));
            String mssText = "";
            if (mss != null && !mss.isEmpty()) {
                List<String> messages = MssFeed.send(context, document, mss);
                m.put("mssMessages", messages);
                mssText = "\n" + Messages.get("cli.mssQueued", messages.size(), String.join(", ", mss));
            }
            context.result(m, (sent.isPresent() ? Messages.get("cli.alreadySent", document.title(), sent.get())
                    : Messages.get("cli.queued", document.title(), item.state().name(), String.valueOf(item.notBefore()))) + mssText);
            return 0;
        }
    }

    @Command(name = "list", description = "Liste les documents du DMP du patient (consentement ou bris de glace requis).")
    static final class ListCommand implements Callable<Integer> {
        private final CliContext context;

        @Option(names = "--patient", required = true, paramLabel = "PATIENT", description = "Identifiant local (UUID) ou matricule INS.")
        String patient;

        @Option(names = "--since", paramLabel = "AAAA-MM-JJ", description = "Documents créés depuis cette date.")
        String since;

        @Option(names = "--all", description = "Aussi les documents archivés, remplacés et supprimés.")
        boolean all;

        @Option(names = "--mode", defaultValue = "normal", description = "normal, bris_de_glace ou centre_15.")
        String mode;

        ListCommand(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            Patient p = patient(context, patient);
            DocumentQuery query = all ? new DocumentQuery(EnumSet.allOf(DocumentStatus.class), Optional.empty(), List.of())
                    : DocumentQuery.current();
            if (since != null) {
                try {
                    query = query.since(java.time.LocalDate.parse(since).atStartOfDay(java.time.ZoneId.of("Europe/Paris")).toInstant());
                } catch (java.time.format.DateTimeParseException e) {
                    throw new CliException(CliException.USAGE, Messages.get("cli.badDate", since));
                }
            }
            List<DmpDocument> found;
            try {
                found = context.service(DmpService.class).documents(p.id(), mode(mode), query);
            } catch (DmpException e) {
                throw failure(e);
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            StringBuilder text = new StringBuilder();
            for (DmpDocument d : found) {
                rows.add(describe(d));
                text.append(line(d)).append('\n');
            }
            text.append(Messages.get("cli.count", found.size()));
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("patient", p.id().toString());
            m.put("documents", rows);
            context.result(m, text.toString());
            return 0;
        }
    }

    @Command(name = "get", description = "Récupère un document du DMP ; --integrate le classe dans le dossier (dédoublonnage, versions, provenance DMP).")
    static final class GetCommand implements Callable<Integer> {
        private final CliContext context;

        @picocli.CommandLine.Parameters(index = "0", paramLabel = "UNIQUEID", description = "Identifiant unique du document.")
        String uniqueId;

        @Option(names = "--patient", paramLabel = "PATIENT", description = "Patient (sinon celui du dossier qui contient le document).")
        String patient;

        @Option(names = "--integrate", description = "Intègre le document dans le dossier du patient.")
        boolean integrate;

        @Option(names = "--out", paramLabel = "FICHIER", description = "Écrit le document dans ce fichier.")
        java.nio.file.Path out;

        @Option(names = "--mode", defaultValue = "normal", description = "normal, bris_de_glace ou centre_15.")
        String mode;

        GetCommand(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            DmpService dmp = context.service(DmpService.class);
            Patient p = patientOf(context, patient, uniqueId);
            AccessMode accessMode = mode(mode);
            DmpDocument d = dmpDocument(dmp, p, accessMode, uniqueId);
            Map<String, Object> m = describe(d);
            StringBuilder text = new StringBuilder(line(d));
            try {
                if (out != null) {
                    RetrievedDocument retrieved = dmp.retrieve(p.id(), accessMode, d);
                    java.nio.file.Files.write(out, retrieved.content());
                    m.put("file", out.toString());
                    m.put("size", retrieved.content().length);
                    text.append('\n').append(Messages.get("cli.written", out, retrieved.content().length));
                }
                if (integrate) {
                    ImportOutcome outcome = dmp.integrate(p.id(), accessMode, d);
                    m.put("integration", outcome.status().name());
                    m.put("documentId", outcome.documentId() == null ? null : outcome.documentId().toString());
                    m.put("message", outcome.message());
                    text.append('\n').append(Messages.get("cli.integrated." + outcome.status().name(), outcome.message()));
                }
            } catch (DmpException | java.io.IOException e) {
                throw failure(e);
            }
            context.result(m, text.toString());
            return 0;
        }
    }

    /** The common shape of hide, show, archive and delete. */
    abstract static class UpdateCommand implements Callable<Integer> {
        final CliContext context;

        @picocli.CommandLine.Parameters(index = "0", paramLabel = "UNIQUEID", description = "Identifiant unique du document.")
        String uniqueId;

        @Option(names = "--patient", paramLabel = "PATIENT", description = "Patient (sinon celui du dossier qui contient le document).")
        String patient;

        UpdateCommand(CliContext context) {
            this.context = context;
        }

        abstract String apply(DmpService dmp, Patient p, DmpDocument d) throws DmpException;

        @Override
        public Integer call() {
            DmpService dmp = context.service(DmpService.class);
            Patient p = patientOf(context, patient, uniqueId);
            DmpDocument d = dmpDocument(dmp, p, AccessMode.NORMAL, uniqueId);
            String done;
            try {
                done = apply(dmp, p, d);
            } catch (DmpException e) {
                throw failure(e);
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("uniqueId", uniqueId);
            m.put("result", done);
            context.result(m, Messages.get("cli.updated." + done, d.entry().title()));
            return 0;
        }
    }

    @Command(name = "hide", description = "Masque le document aux autres professionnels (auteur uniquement).")
    static final class HideCommand extends UpdateCommand {
        HideCommand(CliContext context) {
            super(context);
        }

        @Override
        String apply(DmpService dmp, Patient p, DmpDocument d) throws DmpException {
            Set<Visibility> v = EnumSet.noneOf(Visibility.class);
            v.addAll(d.visibility());
            v.add(Visibility.MASQUE_PS);
            dmp.changeVisibility(p.id(), d, v);
            return "hidden";
        }
    }

    @Command(name = "show", description = "Rend le document visible aux professionnels et au patient (après la consultation d’annonce).")
    static final class ShowCommand extends UpdateCommand {
        ShowCommand(CliContext context) {
            super(context);
        }

        @Override
        String apply(DmpService dmp, Patient p, DmpDocument d) throws DmpException {
            Set<Visibility> v = EnumSet.noneOf(Visibility.class);
            v.addAll(d.visibility());
            v.remove(Visibility.MASQUE_PS);
            v.remove(Visibility.INVISIBLE_PATIENT);
            dmp.changeVisibility(p.id(), d, v);
            return "shown";
        }
    }

    @Command(name = "archive", description = "Archive le document (ou le désarchive avec --undo ; auteur uniquement).")
    static final class ArchiveCommand extends UpdateCommand {
        @Option(names = "--undo", description = "Désarchive.")
        boolean undo;

        ArchiveCommand(CliContext context) {
            super(context);
        }

        @Override
        String apply(DmpService dmp, Patient p, DmpDocument d) throws DmpException {
            dmp.changeStatus(p.id(), d, undo ? DocumentStatus.APPROVED : DocumentStatus.ARCHIVED);
            return undo ? "unarchived" : "archived";
        }
    }

    @Command(name = "delete", description = "Supprime le document du DMP (auteur uniquement : erreur, demande du patient).")
    static final class DeleteCommand extends UpdateCommand {
        DeleteCommand(CliContext context) {
            super(context);
        }

        @Override
        String apply(DmpService dmp, Patient p, DmpDocument d) throws DmpException {
            dmp.changeStatus(p.id(), d, DocumentStatus.DELETED);
            return "deleted";
        }
    }

    static boolean yesNo(String value) {
        return switch (value.toLowerCase()) {
            case "yes", "oui", "true" -> true;
            case "no", "non", "false" -> false;
            default -> throw new CliException(CliException.USAGE, Messages.get("cli.yesNo", value));
        };
    }

    @Command(name = "dica", description = "Les quatre conditions d’accès au DMP du patient (DMP accessible, INS qualifiée, consentement, authentification).")
    static final class DicaCommand implements Callable<Integer> {
        private final CliContext context;

        @Option(names = "--patient", required = true, paramLabel = "PATIENT", description = "Identifiant local (UUID) ou matricule INS.")
        String patient;

        @Option(names = "--mode", defaultValue = "normal", description = "normal, bris_de_glace ou centre_15.")
        String mode;

        DicaCommand(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            AccessMode accessMode = null;
            for (AccessMode m : AccessMode.values()) {
                if (m.code().equals(mode)) {
                    accessMode = m;
                }
            }
            if (accessMode == null) {
                throw new CliException(CliException.USAGE, Messages.get("cli.badMode", mode));
            }
            Dica dica = context.service(DmpService.class).dica(patient(context, patient).id(), accessMode);
            List<Map<String, Object>> items = new ArrayList<>();
            StringBuilder text = new StringBuilder();
            for (DicaItem item : dica.items()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("condition", item.condition().name());
                m.put("satisfied", item.satisfied());
                m.put("detail", item.detail());
                item.fix().ifPresent(f -> m.put("fix", f.name()));
                items.add(m);
                text.append(item.satisfied() ? "[x] " : "[ ] ").append(item.label()).append(" — ").append(item.detail()).append('\n');
            }
            text.append(Messages.get(dica.consultable() ? "cli.consultable" : "cli.notConsultable"));
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("consultable", dica.consultable());
            doc.put("items", items);
            context.result(doc, text.toString());
            return dica.consultable() ? 0 : 3;
        }
    }

    @Command(name = "consent", description = "Enregistre les choix du patient pour sa prise en charge en cours (information, alimentation, consultation).")
    static final class ConsentCommand implements Callable<Integer> {
        private final CliContext context;

        @Option(names = "--patient", required = true, paramLabel = "PATIENT", description = "Identifiant local (UUID) ou matricule INS.")
        String patient;

        @Option(names = "--feed", required = true, paramLabel = "yes|no", description = "Le patient ne s’oppose pas à l’alimentation de son DMP.")
        String feed;

        @Option(names = "--consult", required = true, paramLabel = "yes|no", description = "Le patient consent à la consultation de son DMP.")
        String consult;

        @Option(names = "--informed", defaultValue = "yes", paramLabel = "yes|no", description = "Le patient a été informé (défaut : yes).")
        String informed;

        ConsentCommand(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            Patient p = patient(context, patient);
            String by = "cli:" + System.getProperty("user.name", "?");
            Consent consent = context.service(DmpService.class).recordConsent(p.id(), yesNo(informed), !yesNo(feed),
                    yesNo(consult), by);
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("patient", p.id().toString());
            doc.put("episode", consent.episodeId().toString());
            doc.put("informed", consent.patientInformed());
            doc.put("feedingAllowed", consent.feedingAllowed());
            doc.put("consultationAllowed", consent.consultationAllowed());
            context.result(doc, Messages.get("cli.consentRecorded", p.displayName(),
                    Messages.get(consent.feedingAllowed() ? "yes" : "no"), Messages.get(consent.consultationAllowed() ? "yes" : "no")));
            return 0;
        }
    }
}
