package org.caducee.cli.internal;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.caducee.cli.CliException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** {@code caducee}: the root command; its options are inherited by every sub-command. */
@Command(name = "caducee", description = "Caducée en ligne de commande.", usageHelpAutoWidth = true,
        subcommands = { PatientCommand.class, DocCommand.class, OutboxCommand.class, AuditCommand.class, DbCommand.class, AccountCommand.Account.class,
                VersionCommand.class })
public final class RootCommand implements Callable<Integer> {

    @Option(names = "--data-dir", paramLabel = "DOSSIER", scope = ScopeType.INHERIT,
            description = "Dossier de données de l’installation (base, documents, PKI de test).")
    Path dataDir;

    @Option(names = "--sandbox", scope = ScopeType.INHERIT, description = "Mode bac à sable : simulateurs et données de démonstration.")
    boolean sandbox;

    @Option(names = "--json", scope = ScopeType.INHERIT, description = "Écrit un seul document JSON sur la sortie standard.")
    boolean json;

    @Option(names = "--debug", scope = ScopeType.INHERIT, description = "Affiche la pile d’appels en cas d’erreur.")
    boolean debug;

    @Option(names = { "-h", "--help" }, usageHelp = true, scope = ScopeType.INHERIT, description = "Affiche cette aide.")
    boolean help;

    @Override
    public Integer call() {
        throw new CliException(CliException.USAGE, Messages.get("error.noCommand"));
    }
}
