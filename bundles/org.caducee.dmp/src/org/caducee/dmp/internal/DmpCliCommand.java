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

    @Command(name = "dmp", description = "DMP / Mon espace santé : DICA, consentement.", subcommands = { DicaCommand.class, ConsentCommand.class })
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
