package org.caducee.sandbox.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.caducee.cli.CliCommand;
import org.caducee.cli.CliContext;
import org.caducee.sandbox.DemoData.DemoAccount;
import org.caducee.sandbox.SandboxHost;
import org.caducee.sandbox.SandboxPki;
import org.osgi.service.component.annotations.Component;

import picocli.CommandLine.Command;

/** Contributes {@code caducee sandbox status} to the command line (whiteboard {@link CliCommand}). */
@Component(service = CliCommand.class, property = CliCommand.PROPERTY_NAME + "=sandbox")
public final class SandboxCliCommand implements CliCommand {

    @Override
    public String name() {
        return "sandbox";
    }

    @Override
    public Object command(CliContext context) {
        return new Sandbox();
    }

    @Command(name = "sandbox", description = "Bac à sable : simulateurs, PKI de test, comptes de démonstration.",
            subcommands = Status.class)
    static final class Sandbox {
    }

    @Command(name = "status", description = "État des simulateurs, emplacement de la PKI de test et comptes de démonstration.")
    static final class Status implements Callable<Integer> {
        private final CliContext context;

        Status(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            SandboxHost host = context.service(SandboxHost.class);
            Map<String, Object> doc = new LinkedHashMap<>();
            StringBuilder text = new StringBuilder();
            doc.put("active", host.active());
            text.append(Messages.get(host.active() ? "cli.active" : "cli.inactive")).append('\n');
            List<Map<String, Object>> simulators = host.simulators().stream().map(s -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", s.name());
                m.put("description", s.description());
                m.put("state", s.state().name());
                m.put("endpoint", s.endpoint() == null ? null : s.endpoint().toString());
                m.put("error", s.error());
                text.append(Messages.get("cli.simulator", s.name(), s.state(), s.endpoint() != null ? s.endpoint() : s.error() != null ? s.error() : ""))
                        .append('\n');
                return m;
            }).toList();
            doc.put("simulators", simulators);
            if (simulators.isEmpty()) {
                text.append(Messages.get("cli.noSimulator")).append('\n');
            }
            if (host.active()) {
                SandboxPki pki = context.service(SandboxPki.class);
                Map<String, Object> p = new LinkedHashMap<>();
                p.put("directory", pki.directory().toString());
                p.put("trustStore", pki.trustStorePath().toString());
                p.put("trustStorePassword", pki.trustStorePassword());
                p.put("keyStorePassword", pki.keyStorePassword());
                Map<String, Object> stores = new LinkedHashMap<>();
                for (SandboxPki.Credential c : SandboxPki.Credential.values()) {
                    stores.put(c.name(), Map.of("file", pki.keyStorePath(c).toString(), "alias", c.alias(),
                            "subject", pki.certificate(c).getSubjectX500Principal().getName()));
                }
                p.put("keyStores", stores);
                p.put("softHsmConfig", pki.softHsmConfig().map(Object::toString).orElse(null));
                doc.put("pki", p);
                text.append(Messages.get("cli.pki", pki.directory(), pki.keyStorePassword(), pki.trustStorePassword())).append('\n');
            }
            List<Map<String, Object>> accounts = new java.util.ArrayList<>();
            for (DemoAccount a : DemoCatalog.accounts()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("login", a.login());
                m.put("password", a.password());
                m.put("roles", a.roles().stream().map(Enum::name).sorted().toList());
                accounts.add(m);
                text.append(Messages.get("cli.account", a.login(), a.password(), m.get("roles"))).append('\n');
            }
            doc.put("demoAccounts", accounts);
            context.result(doc, text.toString().stripTrailing());
            return 0;
        }
    }
}
