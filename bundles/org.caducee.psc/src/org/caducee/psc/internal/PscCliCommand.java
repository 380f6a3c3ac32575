package org.caducee.psc.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;

import org.caducee.cli.CliCommand;
import org.caducee.cli.CliContext;
import org.caducee.cli.CliException;
import org.caducee.psc.CibaLogin;
import org.caducee.psc.PscException;
import org.caducee.psc.PscIdentity;
import org.caducee.psc.PscSession;
import org.osgi.service.component.annotations.Component;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code caducee-cli psc login [--ciba --national-id ID [--channel CARD|MOBILE]] | whoami | logout}. */
@Component(service = CliCommand.class, property = CliCommand.PROPERTY_NAME + "=psc")
public final class PscCliCommand implements CliCommand {

    @Override
    public String name() {
        return "psc";
    }

    @Override
    public Object command(CliContext context) {
        return new Psc();
    }

    @Command(name = "psc", description = "Pro Santé Connect : connexion (navigateur ou CIBA), session, déconnexion.",
            subcommands = { Login.class, Whoami.class, Logout.class })
    static final class Psc {
    }

    static Map<String, Object> describe(PscSession session, PscIdentity id) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("state", session.state().name());
        m.put("nationalId", id.nationalId());
        m.put("rpps", id.rpps().orElse(null));
        m.put("lastName", id.lastName());
        m.put("firstName", id.firstName());
        m.put("acr", id.acr());
        m.put("professions", id.exercises().stream().map(PscIdentity.Exercise::professionCode).toList());
        return m;
    }

    static CliException failure(PscException e) {
        int code = switch (e.reason()) {
            case DENIED, CANCELLED, EXPIRED -> 4;
            case UNAVAILABLE -> CliException.SERVICE_UNAVAILABLE;
            case NO_SESSION -> 5;
            default -> CliException.FAILURE;
        };
        return new CliException(code, e.getMessage(), e);
    }

    @Command(name = "login", description = "Se connecter avec Pro Santé Connect (navigateur du système, ou CIBA avec --ciba).")
    static final class Login implements Callable<Integer> {
        private final CliContext context;
        @Option(names = "--ciba", description = "Authentification sur la carte CPS ou l’application e-CPS (CIBA).")
        boolean ciba;
        @Option(names = "--national-id", description = "Identifiant national (8 + RPPS), requis avec --ciba.")
        String nationalId;
        @Option(names = "--channel", description = "CARD ou MOBILE (par défaut MOBILE).", defaultValue = "MOBILE")
        PscSession.Channel channel;

        Login(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            PscSession session = context.service(PscSession.class);
            try {
                PscIdentity id;
                if (ciba) {
                    if (nationalId == null) {
                        throw new CliException(CliException.USAGE, Messages.get("ciba.nationalId", ""));
                    }
                    CibaLogin login = session.loginWithCiba(nationalId, channel);
                    context.err().println(Messages.get("cli.binding", login.bindingMessage()));
                    context.err().println(Messages.get("cli.waiting"));
                    try {
                        id = login.result().toCompletableFuture().join();
                    } catch (CompletionException e) {
                        if (e.getCause() instanceof PscException p) {
                            throw p;
                        }
                        throw e;
                    }
                } else {
                    id = session.loginWithBrowser();
                }
                context.result(describe(session, id), Messages.get("cli.loggedIn", id.displayName(), id.nationalId(), id.acr()));
                return 0;
            } catch (PscException e) {
                throw failure(e);
            }
        }
    }

    @Command(name = "whoami", description = "La session Pro Santé Connect en cours.")
    static final class Whoami implements Callable<Integer> {
        private final CliContext context;

        Whoami(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            PscSession session = context.service(PscSession.class);
            PscIdentity id = session.identity().orElse(null);
            if (id == null) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("state", session.state().name());
                context.result(m, Messages.get("cli.none"));
                return 5;
            }
            context.result(describe(session, id), Messages.get("cli.whoami", id.displayName(), id.nationalId(), id.acr(), session.state()));
            return 0;
        }
    }

    @Command(name = "logout", description = "Fermer la session Pro Santé Connect.")
    static final class Logout implements Callable<Integer> {
        private final CliContext context;

        Logout(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            PscSession session = context.service(PscSession.class);
            session.logout();
            context.result(Map.of("state", session.state().name()), Messages.get("cli.loggedOut"));
            return 0;
        }
    }
}
