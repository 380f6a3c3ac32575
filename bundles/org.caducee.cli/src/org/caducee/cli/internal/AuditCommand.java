package org.caducee.cli.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.function.Function;

import org.caducee.cli.CliContext;
import org.caducee.cli.CliException;
import org.caducee.core.audit.AuditEvent;
import org.caducee.core.audit.AuditExport;
import org.caducee.core.audit.AuditQuery;
import org.caducee.core.audit.AuditTrail;
import org.caducee.core.audit.AuditVerification;

import org.caducee.core.installation.DisplayZone;
import org.caducee.core.installation.Installation;
import org.caducee.core.patient.Patient;
import org.caducee.core.patient.PatientRepository;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code audit verify|export}. */
@Command(name = "audit", description = "Journal d’audit.", subcommands = { AuditCommand.Verify.class, AuditCommand.Export.class })
final class AuditCommand {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * {@code audit export [--patient P] [--category dmp] [--from D] [--to D] --format csv|json [--out FICHIER]}: the traces
     * (every DMP access with {@code --category dmp}), oldest first; the days are those of the display zone, both included.
     */
    @Command(name = "export", description = "Exporte les traces du journal d’audit : CSV pour un tableur (UTF-8 avec BOM, « ; ») ou JSON.")
    static final class Export implements Callable<Integer> {
        private final CliContext context;

        @Option(names = "--patient", paramLabel = "PATIENT", description = "Identifiant local (UUID) ou matricule INS.")
        String patient;

        @Option(names = "--category", paramLabel = "CATÉGORIE", description = "Catégorie d’actions, par exemple dmp (tous les accès au DMP).")
        String category;

        @Option(names = "--from", paramLabel = "DATE", converter = PatientCommand.DateConverter.class, description = "Depuis ce jour (inclus).")
        LocalDate from;

        @Option(names = "--to", paramLabel = "DATE", converter = PatientCommand.DateConverter.class, description = "Jusqu’à ce jour (inclus).")
        LocalDate to;

        @Option(names = "--format", required = true, paramLabel = "csv|json", description = "csv ou json.")
        String format;

        @Option(names = "--out", paramLabel = "FICHIER", description = "Écrit l’export dans ce fichier (sinon sur la sortie standard).")
        Path out;

        Export(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() throws IOException {
            String f = format.strip().toLowerCase(Locale.ROOT);
            if (!f.equals("csv") && !f.equals("json")) {
                throw new CliException(CliException.USAGE, Messages.get("audit.export.badFormat", format));
            }
            if (category != null && !category.strip().matches("[a-zA-Z][a-zA-Z0-9_-]{0,40}")) {
                throw new CliException(CliException.USAGE, Messages.get("audit.export.badCategory", category));
            }
            if (from != null && to != null && from.isAfter(to)) {
                throw new CliException(CliException.USAGE, Messages.get("audit.export.badPeriod", from, to));
            }
            ZoneId zone = zone();
            AuditQuery query = AuditQuery.all().between(Optional.ofNullable(from).map(d -> d.atStartOfDay(zone).toInstant()),
                    Optional.ofNullable(to).map(d -> d.plusDays(1).atStartOfDay(zone).toInstant()));
            Map<String, String> names = new HashMap<>();
            if (patient != null) {
                Patient p = PatientCommand.resolve(context, patient);
                query = query.subject(p.id().toString());
                names.put(p.id().toString(), p.displayName());
            }
            if (category != null) {
                query = query.category(category.strip().toLowerCase(Locale.ROOT));
            }
            List<AuditEvent> events = context.service(AuditTrail.class).search(query);
            Function<String, String> label = subject -> names.computeIfAbsent(subject, this::patientName);
            byte[] bytes = f.equals("csv") ? new AuditExport(zone, label).csv(events) : json(events, zone, label);
            if (out != null) {
                Files.write(out, bytes);
                context.result(Map.of("file", out.toAbsolutePath().toString(), "count", events.size(), "format", f),
                        Messages.get("audit.export.written", events.size(), out.toAbsolutePath()));
            } else if (context.json()) {
                context.result(Map.of("count", events.size(), "entries", rows(events, zone, label)), null);
            } else {
                context.out().write(bytes, 0, bytes.length);
                context.out().flush();
            }
            return 0;
        }

        private ZoneId zone() {
            try {
                return DisplayZone.of(context.service(Installation.class));
            } catch (CliException noInstallation) {
                return DisplayZone.DEFAULT;
            }
        }

        /** The patient's name when the subject is the id of a patient of the record, else empty. */
        private String patientName(String subject) {
            try {
                UUID id = UUID.fromString(subject);
                return context.service(PatientRepository.class).find(id).map(Patient::displayName).orElse("");
            } catch (IllegalArgumentException | CliException notAPatient) {
                return "";
            }
        }

        private static List<Map<String, Object>> rows(List<AuditEvent> events, ZoneId zone, Function<String, String> label) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (AuditEvent e : events) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("sequence", e.sequence());
                row.put("at", e.at().toString());
                row.put("localTime", e.at().atZone(zone).toOffsetDateTime().toString());
                row.put("actor", e.actor());
                row.put("action", e.action());
                row.put("subject", e.subject());
                row.put("patient", e.subject().isEmpty() ? "" : label.apply(e.subject()));
                row.put("detail", e.detail());
                rows.add(row);
            }
            return rows;
        }

        private static byte[] json(List<AuditEvent> events, ZoneId zone, Function<String, String> label) throws IOException {
            return JSON.writeValueAsBytes(rows(events, zone, label));
        }
    }

    @Command(name = "verify", description = "Vérifie le chaînage du journal d’audit ; code de sortie 1 si une entrée a été altérée.")
    static final class Verify implements Callable<Integer> {
        private final CliContext context;

        Verify(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            AuditVerification verification = context.service(AuditTrail.class).verify();
            if (verification.intact()) {
                context.result(Documents.verification(verification), Messages.get("audit.intact", verification.checked()));
                return 0;
            }
            context.result(Documents.verification(verification), null);
            throw new CliException(CliException.FAILURE,
                    Messages.get("audit.broken", verification.firstBrokenSequence(), Documents.nz(verification.reason()), verification.checked()));
        }
    }
}
