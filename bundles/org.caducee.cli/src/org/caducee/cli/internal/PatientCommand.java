package org.caducee.cli.internal;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;

import org.caducee.cli.CliContext;
import org.caducee.cli.CliException;
import org.caducee.core.identity.BirthTraits;
import org.caducee.core.identity.Identity;
import org.caducee.core.identity.Sex;
import org.caducee.core.patient.Address;
import org.caducee.core.patient.Contact;
import org.caducee.core.patient.Patient;
import org.caducee.core.patient.PatientQuery;
import org.caducee.core.patient.PatientRepository;

import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;

/** {@code patient add|find|show}. */
@Command(name = "patient", description = "Patients : création, recherche, fiche.",
        subcommands = { PatientCommand.Add.class, PatientCommand.Find.class, PatientCommand.Show.class })
final class PatientCommand {

    /** Finds a patient by local identifier (UUID) or INS matricule (13 or 15 characters). */
    static Patient resolve(CliContext context, String reference) {
        PatientRepository repository = context.service(PatientRepository.class);
        String ref = reference.strip();
        try {
            UUID id = UUID.fromString(ref);
            return repository.find(id).orElseThrow(() -> new CliException(CliException.FAILURE, Messages.get("patient.notFound", ref)));
        } catch (IllegalArgumentException notUuid) {
            String compact = ref.replace(" ", "").toUpperCase(java.util.Locale.ROOT);
            if (compact.matches("\\d{5}(\\d{2}|2[AB])\\d{6}(\\d{2})?")) {
                List<Patient> found = repository.findByIns(compact.substring(0, 13));
                if (found.isEmpty()) {
                    throw new CliException(CliException.FAILURE, Messages.get("patient.notFound", ref));
                }
                if (found.size() > 1) {
                    throw new CliException(CliException.FAILURE, Messages.get("patient.ambiguousIns", ref, found.size()));
                }
                return found.get(0);
            }
            throw new CliException(CliException.USAGE, Messages.get("patient.badReference", ref));
        }
    }

    /** Accepts {@code AAAA-MM-JJ} and {@code JJ/MM/AAAA}. */
    static final class DateConverter implements ITypeConverter<LocalDate> {
        @Override
        public LocalDate convert(String value) {
            for (String pattern : List.of("uuuu-MM-dd", "d/M/uuuu")) {
                try {
                    return LocalDate.parse(value.strip(), DateTimeFormatter.ofPattern(pattern).withResolverStyle(ResolverStyle.STRICT));
                } catch (DateTimeParseException e) {
                    // next pattern
                }
            }
            throw new TypeConversionException(Messages.get("convert.date", value));
        }
    }

    /** Accepts {@code M}, {@code F}, {@code I}. */
    static final class SexConverter implements ITypeConverter<Sex> {
        @Override
        public Sex convert(String value) {
            try {
                return Sex.fromCode(value.strip());
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(Messages.get("convert.sex", value));
            }
        }
    }

    @Command(name = "add", description = "Crée un patient à l’identité provisoire.")
    static final class Add implements Callable<Integer> {
        private final CliContext context;

        @Option(names = "--nom-naissance", required = true, paramLabel = "NOM", description = "Nom de naissance.")
        String birthName;
        @Option(names = "--prenoms", paramLabel = "PRÉNOMS", description = "Prénoms de naissance, dans l’ordre, séparés par des espaces.")
        String firstNames;
        @Option(names = "--sexe", required = true, paramLabel = "M|F|I", converter = SexConverter.class, description = "Sexe.")
        Sex sex;
        @Option(names = "--date-naissance", required = true, paramLabel = "DATE", converter = DateConverter.class,
                description = "Date de naissance (AAAA-MM-JJ ou JJ/MM/AAAA).")
        LocalDate birthDate;
        @Option(names = "--lieu-naissance", paramLabel = "CODE", description = "Code INSEE du lieu de naissance (99999 si inconnu).")
        String birthplace;
        @Option(names = "--nom-utilise", paramLabel = "NOM", description = "Nom utilisé.")
        String usedName;
        @Option(names = "--prenom-utilise", paramLabel = "PRÉNOM", description = "Prénom utilisé.")
        String usedFirstName;
        @Option(names = "--adresse", paramLabel = "LIGNE", description = "Adresse (numéro et voie).")
        String addressLine;
        @Option(names = "--code-postal", paramLabel = "CP")
        String postalCode;
        @Option(names = "--ville", paramLabel = "VILLE")
        String city;
        @Option(names = "--pays", paramLabel = "PAYS")
        String country;
        @Option(names = "--telephone", paramLabel = "NUMÉRO")
        String phone;
        @Option(names = "--mobile", paramLabel = "NUMÉRO")
        String mobile;
        @Option(names = "--email", paramLabel = "ADRESSE")
        String email;
        @Option(names = "--medecin-traitant", paramLabel = "RPPS", description = "RPPS du médecin traitant.")
        String treatingDoctor;
        @Option(names = "--forcer", description = "Crée le patient même si un patient aux mêmes traits existe déjà.")
        boolean force;

        Add(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            BirthTraits traits = BirthTraits.of(birthName, firstNames, sex, birthDate, birthplace);
            Patient patient = Patient.create(Identity.provisional(traits, usedName, usedFirstName),
                    new Address(addressLine, postalCode, city, country), new Contact(phone, mobile, email), treatingDoctor);
            PatientRepository repository = context.service(PatientRepository.class);
            if (!force) {
                List<String> names = traits.firstBirthFirstName().isEmpty() ? List.of(traits.birthName())
                        : List.of(traits.birthName(), traits.firstBirthFirstName());
                List<Patient> same = repository.search(new PatientQuery(names, traits.birthDate(), null, 20)).stream()
                        .filter(p -> p.identity().traits().birthName().equals(traits.birthName())
                                && p.identity().traits().birthDate().equals(traits.birthDate()))
                        .toList();
                if (!same.isEmpty()) {
                    throw new CliException(CliException.FAILURE, Messages.get("patient.duplicate", same.get(0).displayName(), same.get(0).id()));
                }
            }
            Patient stored = repository.save(patient);
            context.result(Documents.patient(stored), Messages.get("patient.created", stored.displayName(), stored.id()));
            return 0;
        }
    }

    @Command(name = "find", description = "Recherche des patients (nom, prénom, date de naissance ou matricule INS).")
    static final class Find implements Callable<Integer> {
        private final CliContext context;

        @Parameters(arity = "1..*", paramLabel = "CRITÈRE", description = "Ex. : dupont jea 12/03/1980, ou 279035121518989.")
        List<String> words;
        @Option(names = "--limite", paramLabel = "N", defaultValue = "50", description = "Nombre maximal de résultats (défaut : 50).")
        int limit;

        Find(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            PatientQuery query = PatientQuery.parse(String.join(" ", words), limit);
            if (query.isEmpty()) {
                throw new CliException(CliException.USAGE, Messages.get("patient.emptyQuery"));
            }
            List<Patient> found = context.service(PatientRepository.class).search(query);
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("count", found.size());
            doc.put("patients", found.stream().map(Documents::patient).toList());
            StringBuilder text = new StringBuilder();
            found.forEach(p -> text.append(Documents.patientLine(p)).append('\n'));
            text.append(Messages.get("patient.count", found.size()));
            context.result(doc, text.toString());
            return 0;
        }
    }

    @Command(name = "show", description = "Affiche la fiche d’un patient.")
    static final class Show implements Callable<Integer> {
        private final CliContext context;

        @Parameters(index = "0", paramLabel = "PATIENT", description = "Identifiant local (UUID) ou matricule INS.")
        String reference;

        Show(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            Patient patient = resolve(context, reference);
            context.result(Documents.patient(patient), Documents.patientDetail(patient));
            return 0;
        }
    }
}
