package org.caducee.cda.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.caducee.cda.CdaHeader;
import org.caducee.cda.CdaHeaderReader;
import org.caducee.cda.CdaReadException;
import org.caducee.cda.render.CdaRenderer;
import org.caducee.cda.write.CdaDocument;
import org.caducee.cda.write.CdaWriter;
import org.caducee.cda.validation.CdaKitException;
import org.caducee.cda.validation.CdaValidator;
import org.caducee.cda.validation.Finding;
import org.caducee.cda.validation.ValidationReport;
import org.caducee.cli.CliCommand;
import org.caducee.cli.CliContext;
import org.caducee.cli.CliException;
import org.osgi.service.component.annotations.Component;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Contributes {@code caducee cda validate FILE} and {@code caducee cda header FILE} (whiteboard {@link CliCommand}). */
@Component(service = CliCommand.class, property = CliCommand.PROPERTY_NAME + "=cda")
public final class CdaCliCommand implements CliCommand {

    @Override
    public String name() {
        return "cda";
    }

    @Override
    public Object command(CliContext context) {
        return new Cda();
    }

    @Command(name = "cda", description = "Documents CDA R2 : validation officielle (kit ANS), lecture de l'en-tête, rendu, écriture.",
            subcommands = {Validate.class, Header.class, Render.class, WriteDemo.class})
    static final class Cda {
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new CliException(CliException.FAILURE, Messages.get("cli.unreadable", file, e.getMessage()), e);
        }
    }

    @Command(name = "validate", description = "Valide un document CDA (XSD CDA_extended + schematrons ANS) ; code de sortie 1 s'il est invalide.")
    static final class Validate implements Callable<Integer> {
        private final CliContext context;

        @Parameters(index = "0", paramLabel = "FICHIER", description = "Le document CDA (XML).")
        Path file;

        Validate(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            byte[] cda = read(file);
            ValidationReport report;
            try {
                report = context.service(CdaValidator.class).validate(cda);
            } catch (CdaKitException e) {
                throw new CliException(CliException.FAILURE, e.getMessage(), e);
            }
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("file", file.toString());
            doc.put("valid", report.valid());
            doc.put("checkedAgainst", report.checkedAgainst());
            doc.put("elapsedMillis", report.elapsed().toMillis());
            List<Map<String, Object>> findings = new ArrayList<>();
            StringBuilder text = new StringBuilder();
            for (Finding f : report.findings()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("severity", f.severity().name());
                m.put("source", f.source());
                m.put("message", f.message());
                m.put("location", f.location());
                m.put("line", f.line());
                m.put("rule", f.ruleId());
                findings.add(m);
                text.append(f).append('\n');
            }
            doc.put("findings", findings);
            text.append(Messages.get(report.valid() ? "cli.valid" : "cli.invalid", file, report.errors().size(),
                    report.warnings().size(), report.elapsed().toMillis()));
            context.result(doc, text.toString());
            return report.valid() ? 0 : 1;
        }
    }

    @Command(name = "header", description = "Affiche l'en-tête d'un document CDA (identifiants, type, patient, auteur).")
    static final class Header implements Callable<Integer> {
        private final CliContext context;

        @Parameters(index = "0", paramLabel = "FICHIER", description = "Le document CDA (XML).")
        Path file;

        Header(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            CdaHeader h;
            try {
                h = context.service(CdaHeaderReader.class).read(read(file));
            } catch (CdaReadException e) {
                throw new CliException(CliException.FAILURE, e.getMessage(), e);
            }
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("id", h.id() == null ? null : h.id().value());
            doc.put("setId", h.setId() == null ? null : h.setId().value());
            doc.put("versionNumber", h.versionNumber());
            doc.put("typeCode", h.code() == null ? null : h.code().code());
            doc.put("title", h.title());
            doc.put("effectiveTime", h.effectiveTime() == null ? null : h.effectiveTime().toString());
            doc.put("confidentiality", h.confidentiality() == null ? null : h.confidentiality().code());
            doc.put("level", h.level().name());
            if (h.patient() != null) {
                doc.put("ins", h.patient().ins() == null ? null : h.patient().ins().value());
                doc.put("insOid", h.patient().ins() == null ? null : h.patient().ins().oid());
                doc.put("birthName", h.patient().birthName());
                doc.put("birthGivenNames", h.patient().birthGivenNames());
                doc.put("birthDate", h.patient().birthDate() == null ? null : h.patient().birthDate().toString());
                doc.put("sex", h.patient().sex() == null ? null : h.patient().sex().code());
            }
            doc.put("author", h.authors().isEmpty() ? null : h.authors().get(0).displayName());
            StringBuilder text = new StringBuilder();
            doc.forEach((k, v) -> text.append(k).append(" : ").append(v).append('\n'));
            context.result(doc, text.toString().stripTrailing());
            return 0;
        }
    }

    private static void write(Path out, byte[] bytes) {
        try {
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.write(out, bytes);
        } catch (IOException e) {
            throw new CliException(CliException.FAILURE, Messages.get("cli.unreadable", out, e.getMessage()), e);
        }
    }

    static final class Format {
        @Option(names = "--pdf", required = true, description = "La copie PDF du document (N1, ou N3 qui l'embarque).")
        boolean pdf;
        @Option(names = "--html", required = true, description = "Le rendu structuré en HTML.")
        boolean html;
    }

    @Command(name = "render", description = "Rend un document CDA : sa copie PDF (--pdf) ou son rendu structuré HTML (--html) ; code 2 sans copie PDF.")
    static final class Render implements Callable<Integer> {
        private final CliContext context;

        @Parameters(index = "0", paramLabel = "FICHIER", description = "Le document CDA (XML).")
        Path file;

        @ArgGroup(exclusive = true, multiplicity = "1")
        Format format;

        @Option(names = "--out", paramLabel = "SORTIE", description = "Fichier produit (par défaut : FICHIER.pdf ou FICHIER.html).")
        Path out;

        Render(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            byte[] cda = read(file);
            CdaRenderer renderer = context.service(CdaRenderer.class);
            byte[] bytes;
            try {
                if (format.pdf) {
                    var pdf = renderer.pdf(cda);
                    if (pdf.isEmpty()) {
                        // not an error of the tool: the document simply has no PDF copy (exit code 2)
                        context.err().println(Messages.get("render.noPdf", file));
                        return 2;
                    }
                    bytes = pdf.get();
                } else {
                    bytes = renderer.html(cda).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                }
            } catch (CdaReadException e) {
                throw new CliException(CliException.FAILURE, e.getMessage(), e);
            }
            Path target = out != null ? out : Path.of(file + (format.pdf ? ".pdf" : ".html"));
            write(target, bytes);
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("file", file.toString());
            doc.put("format", format.pdf ? "pdf" : "html");
            doc.put("out", target.toString());
            doc.put("bytes", bytes.length);
            context.result(doc, Messages.get("render.written", target, bytes.length));
            return 0;
        }
    }

    @Command(name = "write-demo", description = "Écrit une note de vaccination de démonstration (N3, ou N1 avec --n1) pour la patiente de démonstration.")
    static final class WriteDemo implements Callable<Integer> {
        private final CliContext context;

        @Option(names = "--out", required = true, paramLabel = "SORTIE", description = "Le document CDA produit.")
        Path out;

        @Option(names = "--n1", description = "Un compte rendu non structuré (N1, PDF/A embarqué) au lieu de la note de vaccination.")
        boolean n1;

        @Option(names = "--pdf", paramLabel = "PDF", description = "Écrit aussi la copie PDF/A-1b.")
        Path pdf;

        @Option(names = "--not-qualified", description = "Identité provisoire : ni INS ni Datamatrix.")
        boolean notQualified;

        WriteDemo(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            CdaDocument document = DemoDocuments.document(n1, !notQualified);
            CdaWriter writer = context.service(CdaWriter.class);
            byte[] cda = writer.write(document);
            write(out, cda);
            if (pdf != null) {
                write(pdf, writer.pdf(document));
            }
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("out", out.toString());
            doc.put("id", document.id().value());
            doc.put("level", n1 ? "N1" : "N3");
            doc.put("bytes", cda.length);
            doc.put("pdf", pdf == null ? null : pdf.toString());
            context.result(doc, Messages.get("render.written", out, cda.length));
            return 0;
        }
    }
}
