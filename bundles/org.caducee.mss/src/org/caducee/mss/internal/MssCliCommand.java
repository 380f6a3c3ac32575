package org.caducee.mss.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;

import org.caducee.cli.CliCommand;
import org.caducee.cli.CliContext;
import org.caducee.cli.CliException;
import org.caducee.core.document.DocumentRepository;
import org.caducee.core.document.HealthDocument;
import org.caducee.core.identity.Identity;
import org.caducee.core.patient.Patient;
import org.caducee.core.patient.PatientRepository;
import org.caducee.mss.MssException;
import org.caducee.mss.MssReception;
import org.caducee.mss.MssReception.PollReport;
import org.caducee.mss.MssReception.ReceivedItem;
import org.caducee.mss.MssSendRequest;
import org.caducee.mss.MssSender;
import org.caducee.mss.MssSender.QueuedMessage;
import org.osgi.service.component.annotations.Component;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code caducee mss send|poll|worklist|integrate|handled|pdf-only} (whiteboard {@link CliCommand}; the CLI packages are
 * imported optionally). Exit codes: 0 done, 1 refused by the operator or the documents engine, 2 invalid input,
 * 3 service missing, 4 operator unreachable (retry later), 5 authentication or TLS refused.
 */
@Component(service = CliCommand.class, property = CliCommand.PROPERTY_NAME + "=mss")
public final class MssCliCommand implements CliCommand {

    static final int UNREACHABLE = 4;
    static final int AUTH = 5;

    @Override
    public String name() {
        return "mss";
    }

    @Override
    public Object command(CliContext context) {
        return new Mss();
    }

    @Command(name = "mss", description = "Messagerie sécurisée de santé : envoi, relève, liste à intégrer.", subcommands = { Send.class, Poll.class,
            Worklist.class, Integrate.class, Handled.class, PdfOnly.class })
    static final class Mss {
    }

    static CliException fail(MssException e) {
        int code = switch (e.kind()) {
        case CONNECTION -> UNREACHABLE;
        case AUTHENTICATION, TLS -> AUTH;
        case INVALID, CONFIGURATION -> CliException.USAGE;
        case REFUSED -> CliException.FAILURE;
        };
        return new CliException(code, e.getMessage(), e);
    }

    static UUID uuid(String text, String key) {
        try {
            return UUID.fromString(text.trim());
        } catch (IllegalArgumentException e) {
            throw new CliException(CliException.USAGE, Messages.get(key, text));
        }
    }

    static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new CliException(CliException.USAGE, Messages.get("cli.badFile", file));
        }
    }

    static Map<String, Object> json(ReceivedItem i) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", i.id().toString());
        m.put("messageId", i.messageId());
        m.put("sender", i.sender());
        m.put("fromPatient", i.fromPatient());
        m.put("subject", i.subject());
        m.put("status", i.status().name());
        m.put("code", i.code() == null ? null : i.code().code());
        m.put("reason", i.reason());
        m.put("attachments", i.attachmentNames());
        m.put("receivedAt", i.receivedAt().toString());
        m.put("patientId", i.patientId() == null ? null : i.patientId().toString());
        m.put("documentIds", i.documentIds().stream().map(UUID::toString).toList());
        m.put("notice", i.notice());
        m.put("nothingToIntegrate", i.nothingToIntegrate());
        return m;
    }

    @Command(name = "send", description = "Envoie le document d’un patient (PDF et IHE_XDM.zip) par MSSanté, via la file d’envoi.")
    static final class Send implements Callable<Integer> {
        private final CliContext context;

        @Option(names = "--patient", required = true, paramLabel = "P", description = "Identifiant du patient.")
        String patient;

        @Option(names = "--doc", required = true, paramLabel = "D", description = "Identifiant du document (ou son intitulé).")
        String doc;

        @Option(names = "--to", required = true, arity = "1..*", paramLabel = "ADRESSE", description = "Adresses MSSanté des destinataires.")
        List<String> to;

        @Option(names = "--pdf", required = true, paramLabel = "FICHIER", description = "Le document PDF/A-1.")
        Path pdf;

        @Option(names = "--xdm", paramLabel = "FICHIER", description = "L’archive IHE_XDM.zip contenant le CDA.")
        Path xdm;

        @Option(names = "--pdf-only", description = "Envoie le PDF seulement.")
        boolean pdfOnly;

        @Option(names = "--receipt", description = "Demande un accusé de traitement (Disposition-Notification-To).")
        boolean receipt;

        @Option(names = "--close", description = "Message au patient : empêche sa réponse (X-MSS-MES: FIN).")
        boolean close;

        Send(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            Patient p = context.service(PatientRepository.class).find(uuid(patient, "cli.noPatient"))
                    .orElseThrow(() -> new CliException(CliException.USAGE, Messages.get("cli.noPatient", patient)));
            String label = doc;
            List<String> codes = List.of();
            try {
                UUID docId = UUID.fromString(doc.trim());
                HealthDocument d = context.service(DocumentRepository.class).find(docId)
                        .orElseThrow(() -> new CliException(CliException.USAGE, Messages.get("cli.noDocument", doc)));
                label = d.title() != null ? d.title() : d.typeLabel();
                codes = d.typeCode() == null ? List.of() : List.of(d.typeCode());
            } catch (IllegalArgumentException notAnId) {
                // the label itself
            }
            Identity id = p.identity();
            MssSendRequest request = new MssSendRequest(to, label, id.traits().birthName(), id.traits().firstBirthFirstName(), id.traits().birthDate(),
                    id.insShareable(), codes, read(pdf), pdf.getFileName().toString(), pdfOnly || xdm == null ? null : read(xdm), null, receipt, close,
                    p.id().toString(), System.getProperty("user.name"));
            List<QueuedMessage> queued;
            try {
                queued = context.service(MssSender.class).send(request);
            } catch (MssException e) {
                throw fail(e);
            }
            List<Map<String, Object>> doc = new ArrayList<>();
            for (QueuedMessage q : queued) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("messageId", q.messageId());
                m.put("to", q.to());
                m.put("withXdm", q.withXdm());
                m.put("outboxItem", q.outboxItemId());
                doc.add(m);
            }
            context.result(doc, Messages.get("cli.sent", queued.size(), String.join(", ", queued.stream().map(QueuedMessage::messageId).toList())));
            return 0;
        }
    }

    @Command(name = "poll", description = "Relève la boîte maintenant et intègre les documents reçus.")
    static final class Poll implements Callable<Integer> {
        private final CliContext context;

        Poll(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            PollReport r;
            try {
                r = context.service(MssReception.class).poll();
            } catch (MssException e) {
                throw fail(e);
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("fetched", r.fetched());
            m.put("integrated", r.integrated());
            m.put("worklist", r.worklist());
            m.put("duplicates", r.duplicates());
            m.put("errors", r.errors());
            m.put("messages", r.messages());
            context.result(m, Messages.get("cli.poll", r.fetched(), r.integrated(), r.worklist(), r.duplicates(), r.errors()));
            return r.errors() > 0 ? CliException.FAILURE : 0;
        }
    }

    @Command(name = "worklist", description = "Messages reçus à intégrer manuellement, avec la raison.")
    static final class Worklist implements Callable<Integer> {
        private final CliContext context;

        Worklist(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            List<ReceivedItem> items = context.service(MssReception.class).worklist();
            StringBuilder out = new StringBuilder();
            for (ReceivedItem i : items) {
                out.append(i.id()).append("  ").append(i.fromPatient() ? "[patient] " : "").append(i.nothingToIntegrate() ? "[sans document] " : "")
                        .append(i.sender()).append("  ").append(i.subject())
                        .append("\n    ").append(i.code() == null ? "" : i.code().code() + " ").append(i.reason()).append('\n');
            }
            context.result(items.stream().map(MssCliCommand::json).toList(), items.isEmpty() ? Messages.get("cli.worklistEmpty") : out.toString().stripTrailing());
            return 0;
        }
    }

    @Command(name = "integrate", description = "Intègre un élément de la liste à intégrer dans le dossier d’un patient.")
    static final class Integrate implements Callable<Integer> {
        private final CliContext context;

        @Parameters(index = "0", paramLabel = "ELEMENT", description = "Identifiant de l’élément (mss worklist).")
        String item;

        @Option(names = "--patient", required = true, paramLabel = "P", description = "Identifiant du patient.")
        String patient;

        Integrate(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            UUID patientId = uuid(patient, "cli.noPatient");
            try {
                ReceivedItem done = context.service(MssReception.class).integrate(uuid(item, "recv.itemUnknown"), patientId, System.getProperty("user.name"));
                context.result(json(done), Messages.get("cli.integrated", item, patient));
                return 0;
            } catch (MssException e) {
                throw fail(e);
            }
        }
    }

    @Command(name = "handled", description = "Marque traité un message de la liste à intégrer qui ne porte aucun document (message d’un patient…).")
    static final class Handled implements Callable<Integer> {
        private final CliContext context;

        @Parameters(index = "0", paramLabel = "ELEMENT", description = "Identifiant de l’élément (mss worklist).")
        String item;

        @Option(names = "--note", paramLabel = "TEXTE", description = "Ce qui a été fait (rappel du patient…).")
        String note;

        Handled(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            try {
                ReceivedItem done = context.service(MssReception.class).markHandled(uuid(item, "recv.itemUnknown"), note, System.getProperty("user.name"));
                context.result(json(done), Messages.get("cli.handled", item, done.reason()));
                return 0;
            } catch (MssException e) {
                throw fail(e);
            }
        }
    }

    @Command(name = "pdf-only", description = "Retient, pour un correspondant, l’envoi du PDF seulement (ou l’annule avec --off).")
    static final class PdfOnly implements Callable<Integer> {
        private final CliContext context;

        @Parameters(index = "0", paramLabel = "ADRESSE")
        String address;

        @Option(names = "--off", description = "Revient à l’envoi PDF + IHE_XDM.zip.")
        boolean off;

        PdfOnly(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            context.service(MssSender.class).setPdfOnly(address, !off);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("address", address);
            m.put("pdfOnly", !off);
            context.result(m, Messages.get("cli.pdfOnlySet", address, off ? "PDF + IHE_XDM.zip" : "PDF seulement"));
            return 0;
        }
    }
}
