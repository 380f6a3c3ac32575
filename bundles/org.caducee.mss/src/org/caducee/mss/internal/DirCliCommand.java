package org.caducee.mss.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.caducee.cli.CliCommand;
import org.caducee.cli.CliContext;
import org.caducee.mss.MssDirectory;
import org.caducee.mss.MssDirectory.Entry;
import org.caducee.mss.MssException;
import org.osgi.service.component.annotations.Component;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code caducee dir search --name … [--first-name …] [--city …] [--postal-code …] [--rpps …] [--type PER|ORG|APP|CAB]}. */
@Component(service = CliCommand.class, property = CliCommand.PROPERTY_NAME + "=dir")
public final class DirCliCommand implements CliCommand {

    @Override
    public String name() {
        return "dir";
    }

    @Override
    public Object command(CliContext context) {
        return new Dir();
    }

    @Command(name = "dir", description = "Annuaire Santé : adresses MSSanté des professionnels.", subcommands = Search.class)
    static final class Dir {
    }

    @Command(name = "search", description = "Cherche des boîtes MSSanté (nom, prénom, ville, code postal, RPPS, type de boîte).")
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

        Search(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            List<Entry> found;
            try {
                found = context.service(MssDirectory.class).search(new MssDirectory.Query(name, firstName, rpps, city, postalCode, type));
            } catch (MssException e) {
                throw MssCliCommand.fail(e);
            }
            StringBuilder out = new StringBuilder();
            List<Map<String, Object>> doc = found.stream().map(e -> {
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
                out.append(String.format("%-40s %-4s %s %s — %s, %s — %s %s — RPPS %s%n", e.mailbox(), e.mailboxType(), e.lastName(), e.firstName(),
                        e.profession(), e.specialty(), e.postalCode(), e.city(), e.rpps()));
                return m;
            }).toList();
            context.result(doc, found.isEmpty() ? Messages.get("cli.dirEmpty") : out.toString().stripTrailing());
            return 0;
        }
    }
}
