package org.caducee.mss.internal;

import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.caducee.cli.CliCommand;
import org.caducee.cli.CliContext;
import org.caducee.mss.MssDirectory;
import org.caducee.mss.MssDirectory.Answer;
import org.caducee.mss.MssDirectory.Entry;
import org.caducee.mss.MssDirectoryExtract;
import org.caducee.mss.MssDirectoryExtract.ExtractInfo;
import org.caducee.mss.MssDirectoryExtract.ImportReport;
import org.caducee.mss.MssException;
import org.osgi.service.component.annotations.Component;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code caducee dir search [--name …] [--first-name …] [--city …] [--postal-code …] [--rpps …] [--type PER|ORG|APP|CAB]
 * [--profession …] [--specialty …] [--organisation …] [--offline]}, {@code dir import <file>}, {@code dir info}.
 */
@Component(service = CliCommand.class, property = CliCommand.PROPERTY_NAME + "=dir")
public final class DirCliCommand implements CliCommand {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy", Locale.FRANCE);

    @Override
    public String name() {
        return "dir";
    }

    @Override
    public Object command(CliContext context) {
        return new Dir();
    }

    @Command(name = "dir", description = "Annuaire santé : adresses MSSanté des professionnels (API FHIR ou extraction publique hors ligne).",
            subcommands = { Search.class, Import.class, Info.class })
    static final class Dir {
    }

    @Command(name = "search", description = "Cherche des boîtes MSSanté (nom, prénom, ville, code postal, RPPS, type de boîte, profession, spécialité, structure).")
    static final class Search implements Callable<Integer> {
        private final CliContext context;

        @Option(names = "--name", paramLabel = "NOM")
        String name;
        @Option(names = "--first-name", paramLabel = "PRENOM")
        String firstName;
        @Option(names = "--city", paramLabel = "VILLE")
        String city;
        @Option(names = "--postal-code", paramLabel = "CP")
        String postalCode;
        @Option(names = "--rpps", paramLabel = "RPPS")
        String rpps;
        @Option(names = "--type", paramLabel = "TYPE", description = "PER, ORG, APP ou CAB.")
        String type;
        @Option(names = "--profession", paramLabel = "PROFESSION")
        String profession;
        @Option(names = "--specialty", paramLabel = "SPECIALITE")
        String specialty;
        @Option(names = "--organisation", paramLabel = "STRUCTURE")
        String organisation;
        @Option(names = "--offline", description = "Cherche seulement dans l’extraction importée (annuaire hors ligne).")
        boolean offline;

        Search(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            MssDirectory.Query query = new MssDirectory.Query(name, firstName, rpps, city, postalCode, type, profession, specialty, organisation);
            Answer answer;
            try {
                if (offline) {
                    MssDirectoryExtract extract = context.service(MssDirectoryExtract.class);
                    ExtractInfo info = extract.info().orElseThrow(() -> new MssException(MssException.Kind.CONFIGURATION, Messages.get("extract.none")));
                    answer = new Answer(extract.search(query), extract.sourceLabel(info), true);
                } else {
                    answer = context.service(MssDirectory.class).find(query);
                }
            } catch (MssException e) {
                throw MssCliCommand.fail(e);
            }
            List<Entry> found = answer.entries();
            StringBuilder out = new StringBuilder(Messages.get("cli.dirSource", answer.source())).append('\n');
            List<Map<String, Object>> entries = found.stream().map(e -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("rpps", e.rpps());
                m.put("lastName", e.lastName());
                m.put("firstName", e.firstName());
                m.put("profession", e.profession());
                m.put("specialty", e.specialty());
                m.put("organisation", e.organisation());
                m.put("city", e.city());
                m.put("postalCode", e.postalCode());
                m.put("mailbox", e.mailbox());
                m.put("mailboxType", e.mailboxType());
                out.append(String.format("%-40s %-4s %s %s — %s, %s — %s — %s %s — RPPS %s%n", e.mailbox(), e.mailboxType(), e.lastName(), e.firstName(),
                        e.profession(), e.specialty(), e.organisation(), e.postalCode(), e.city(), e.rpps()));
                return m;
            }).toList();
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("source", answer.source());
            doc.put("offline", answer.offline());
            doc.put("entries", entries);
            context.result(doc, found.isEmpty() ? out + Messages.get("cli.dirEmpty") : out.toString().stripTrailing());
            return 0;
        }
    }

    @Command(name = "import", description = "Importe l’extraction publique des boîtes MSSanté (Extraction_Correspondance_MSSante, texte ou ZIP) ; remplace la précédente.")
    static final class Import implements Callable<Integer> {
        private final CliContext context;

        @Parameters(index = "0", paramLabel = "FICHIER")
        Path file;

        Import(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            ImportReport report;
            try {
                report = context.service(MssDirectoryExtract.class).importFile(file, "cli");
            } catch (MssException e) {
                throw MssCliCommand.fail(e);
            }
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("file", report.fileName());
            doc.put("extractDate", report.extractDate().toString());
            doc.put("imported", report.imported());
            doc.put("skipped", report.skipped());
            doc.put("skippedLines", report.skippedExamples());
            StringBuilder text = new StringBuilder(Messages.get("cli.dirImported", report.fileName(), DAY.format(report.extractDate()), report.imported(),
                    report.skipped()));
            report.skippedExamples().forEach(s -> text.append("\n  ").append(s));
            context.result(doc, text.toString());
            return 0;
        }
    }

    @Command(name = "info", description = "L’extraction des boîtes MSSanté importée (fichier, date, nombre de boîtes).")
    static final class Info implements Callable<Integer> {
        private final CliContext context;

        Info(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            ExtractInfo info = context.service(MssDirectoryExtract.class).info().orElse(null);
            if (info == null) {
                context.result(Map.of(), Messages.get("extract.none"));
                return 0;
            }
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("file", info.fileName());
            doc.put("extractDate", info.extractDate().toString());
            doc.put("importedAt", info.importedAt().toString());
            doc.put("entries", info.entries());
            doc.put("skipped", info.skipped());
            context.result(doc, Messages.get("cli.dirInfo", info.fileName(), DAY.format(info.extractDate()),
                    DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm", Locale.FRANCE).withZone(ZoneId.systemDefault()).format(info.importedAt()), info.entries(),
                    info.skipped()));
            return 0;
        }
    }
}
