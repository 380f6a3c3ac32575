package org.caducee.ins.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.caducee.cli.CliContext;
import org.caducee.cli.CliException;
import org.caducee.core.identity.BirthTraits;
import org.caducee.core.identity.Ins;
import org.caducee.core.identity.Sex;
import org.caducee.ins.insi.InsiClient;
import org.caducee.ins.insi.InsiException;
import org.caducee.ins.insi.InsiResult;
import org.caducee.ins.insi.VitaleQuery;
import org.caducee.ins.matching.InsiAttempt;
import org.caducee.ins.qualification.InsQualification;
import org.caducee.ins.qualification.VerificationDue;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ins search --vitale …|--traits …} and {@code ins verify --due}. Exit codes of {@code search}: 0 answer 00,
 * 10 answer 01, 11 answer 02, 1 refused (fault, invalid answer, configuration), 69 INSi unreachable.
 */
final class InsiCliCommands {

    static final int NONE = 10;
    static final int SEVERAL = 11;
    static final int UNAVAILABLE = 69;

    private InsiCliCommands() {
    }

    static final class Mode {
        @Option(names = "--vitale", paramLabel = "NIR", description = "Recherche avec la carte Vitale : NIR du bénéficiaire (15 caractères, clé comprise).")
        String vitale;

        @Option(names = "--traits", description = "Recherche par traits d’identité (prénoms seuls puis liste, lieu de naissance sur réponse 02).")
        boolean traits;
    }

    @Command(name = "search", description = "Interroge le téléservice INSi (carte Vitale ou traits) et affiche la réponse.")
    static final class Search implements Callable<Integer> {
        private final CliContext context;

        @ArgGroup(exclusive = true, multiplicity = "1")
        Mode mode;

        @Option(names = "--name", paramLabel = "NOM", description = "Nom de naissance.")
        String name;

        @Option(names = "--first-names", paramLabel = "PRÉNOMS", description = "Prénoms de naissance, dans l’ordre, séparés par des espaces.")
        String firstNames;

        @Option(names = "--sex", paramLabel = "M|F")
        String sex;

        @Option(names = "--birth-date", paramLabel = "AAAA-MM-JJ", required = true)
        String birthDate;

        @Option(names = "--birthplace", paramLabel = "COG", description = "Code INSEE du lieu de naissance (utilisé seulement sur réponse 02).")
        String birthplace;

        Search(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            InsiClient client = context.service(InsiClient.class);
            List<Map<String, Object>> attempts = new ArrayList<>();
            InsiResult result;
            try {
                if (mode.vitale != null) {
                    String nir = mode.vitale.replace(" ", "");
                    if (!nir.matches("\\d{6}[AB0-9]\\d{8}")) {
                        throw new CliException(CliException.USAGE, Messages.get("cli.insi.nir", mode.vitale));
                    }
                    result = client.searchWithVitale(VitaleQuery.of(nir, name, birthDate));
                } else {
                    if (name == null || sex == null) {
                        throw new CliException(CliException.USAGE, Messages.get("cli.insi.traitsUsage"));
                    }
                    BirthTraits traits;
                    try {
                        traits = BirthTraits.of(name, firstNames, Sex.fromCode(sex), InsCliCommand.date(birthDate), birthplace);
                    } catch (IllegalArgumentException e) {
                        throw new CliException(CliException.USAGE, e.getMessage());
                    }
                    List<InsiAttempt> history = new ArrayList<>();
                    result = client.searchWithTraits(traits, history);
                    for (InsiAttempt attempt : history) {
                        Map<String, Object> a = new LinkedHashMap<>();
                        a.put("firstName", attempt.query().firstName());
                        a.put("birthplace", attempt.query().birthplaceCode());
                        a.put("answer", attempt.answer().code());
                        attempts.add(a);
                    }
                    if (result == null) {
                        throw new CliException(CliException.USAGE, Messages.get("cli.insi.traitsUsage"));
                    }
                }
            } catch (InsiException e) {
                throw new CliException(e.retryable() ? UNAVAILABLE : CliException.FAILURE, e.getMessage(), e);
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("code", result.answer().code());
            m.put("label", result.label());
            m.put("attempts", attempts);
            StringBuilder text = new StringBuilder(result.answer().code() + " " + result.label());
            if (result.found()) {
                m.put("ins", ins(result.ins()));
                m.put("history", result.history().stream().map(InsiCliCommands::ins).toList());
                BirthTraits t = result.traits();
                Map<String, Object> tm = new LinkedHashMap<>();
                tm.put("birthName", t.birthName());
                tm.put("birthFirstNames", t.birthFirstNames());
                tm.put("sex", t.sex().code());
                tm.put("birthDate", t.birthDate().toString());
                tm.put("birthplaceCode", t.birthplaceCode());
                m.put("traits", tm);
                text.append('\n').append(Messages.get("cli.insi.found", result.ins().value(), result.ins().type().name(), t.birthName(), t.firstNamesList(),
                        t.sex().code(), t.birthDate(), String.valueOf(t.birthplaceCode())));
                result.history().forEach(h -> text.append('\n').append(Messages.get("cli.insi.history", h.value(), h.type().name())));
            }
            m.put("warnings", result.warnings());
            result.warnings().forEach(w -> text.append('\n').append(w));
            context.result(m, text.toString());
            return switch (result.answer()) {
                case FOUND -> 0;
                case NONE -> NONE;
                case SEVERAL -> SEVERAL;
            };
        }
    }

    private static Map<String, Object> ins(Ins ins) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("matricule", ins.value());
        m.put("oid", ins.oid());
        m.put("type", ins.type().name());
        m.put("keyValid", ins.keyValid());
        return m;
    }

    @Command(name = "verify", description = "Vérifications INSi périodiques : identités récupérées ou qualifiées depuis 4 ans.")
    static final class Verify implements Callable<Integer> {
        private final CliContext context;

        @Option(names = "--due", required = true, description = "Liste les vérifications dues.")
        boolean due;

        @Option(names = "--queue", description = "Les place dans la file d’envoi (outbox), qui appellera l’INSi.")
        boolean queue;

        @Option(names = "--date", paramLabel = "AAAA-MM-JJ", description = "Date de référence (défaut : aujourd’hui).")
        String date;

        Verify(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            InsQualification q = context.service(InsQualification.class);
            LocalDate d = InsCliCommand.date(date);
            Instant at = d == null ? Instant.now() : d.atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
            List<VerificationDue> list = q.dueVerifications(at);
            List<Map<String, Object>> doc = new ArrayList<>();
            StringBuilder text = new StringBuilder();
            for (VerificationDue v : list) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("patientId", v.patientId().toString());
                m.put("matricule", v.matricule());
                m.put("nia", v.nia());
                m.put("lastVerified", v.lastVerified().toString());
                m.put("reason", v.reason());
                doc.add(m);
                text.append(String.format("%s  %s  %s  %s%n", v.patientId(), v.matricule(), v.lastVerified(), v.reason()));
            }
            int queued = queue ? q.queueDueVerifications(at, "cli") : 0;
            text.append(Messages.get("cli.insi.due", list.size(), queued));
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("due", doc);
            result.put("queued", queued);
            context.result(result, text.toString());
            return 0;
        }
    }
}
