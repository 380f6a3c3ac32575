package org.caducee.cli.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.caducee.cli.CliContext;
import org.caducee.core.document.DocumentRepository;
import org.caducee.core.document.HealthDocument;
import org.caducee.core.patient.Patient;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code doc list}. */
@Command(name = "doc", description = "Documents de santé.", subcommands = DocCommand.ListDocs.class)
final class DocCommand {

    @Command(name = "list", description = "Liste les documents d’un patient (dernière version de chaque document).")
    static final class ListDocs implements Callable<Integer> {
        private final CliContext context;

        @Parameters(index = "0", paramLabel = "PATIENT", description = "Identifiant local (UUID) ou matricule INS.")
        String reference;
        @Option(names = "--toutes-versions", description = "Liste aussi les versions remplacées.")
        boolean allVersions;

        ListDocs(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            Patient patient = PatientCommand.resolve(context, reference);
            DocumentRepository repository = context.service(DocumentRepository.class);
            List<HealthDocument> docs = allVersions ? repository.forPatient(patient.id()) : repository.latestVersions(patient.id());
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("patientId", patient.id().toString());
            doc.put("count", docs.size());
            doc.put("documents", docs.stream().map(Documents::document).toList());
            StringBuilder text = new StringBuilder();
            docs.forEach(d -> text.append(Documents.documentLine(d)).append('\n'));
            text.append(Messages.get("doc.count", docs.size(), patient.displayName()));
            context.result(doc, text.toString());
            return 0;
        }
    }
}
