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
import org.caducee.cda.validation.CdaKitException;
import org.caducee.cda.validation.CdaValidator;
import org.caducee.cda.validation.Finding;
import org.caducee.cda.validation.ValidationReport;
import org.caducee.cli.CliCommand;
import org.caducee.cli.CliContext;
import org.caducee.cli.CliException;
import org.osgi.service.component.annotations.Component;

import picocli.CommandLine.Command;
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

    @Command(name = "cda", description = "Documents CDA R2 : validation officielle (kit ANS), lecture de l'en-tête.",
            subcommands = {Validate.class, Header.class})
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
}
