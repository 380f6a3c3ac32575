package org.caducee.cli.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.caducee.cli.CliContext;
import org.caducee.cli.CliException;
import org.caducee.store.AppliedMigration;
import org.caducee.store.DatabaseMaintenance;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code db migrate|backup|restore}. */
@Command(name = "db", description = "Base de données : migrations, sauvegarde, restauration.",
        subcommands = { DbCommand.Migrate.class, DbCommand.Backup.class, DbCommand.Restore.class })
final class DbCommand {

    @Command(name = "migrate", description = "Applique les migrations en attente (au démarrage du magasin) et affiche l’historique.")
    static final class Migrate implements Callable<Integer> {
        private final CliContext context;

        Migrate(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            DatabaseMaintenance maintenance = context.service(DatabaseMaintenance.class);
            List<AppliedMigration> applied = maintenance.migrate();
            List<AppliedMigration> history = maintenance.history();
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("applied", applied.size());
            doc.put("count", history.size());
            doc.put("steps", history.stream().map(Documents::step).toList());
            StringBuilder text = new StringBuilder();
            history.forEach(s -> text.append(s.module()).append(' ').append(s.version()).append("  ").append(Documents.nz(s.description()))
                    .append("  ").append(Documents.nz(s.appliedAt())).append('\n'));
            text.append(Messages.get("db.migrated", history.size()));
            context.result(doc, text.toString());
            return 0;
        }
    }

    @Command(name = "backup", description = "Sauvegarde toute la base dans un fichier.")
    static final class Backup implements Callable<Integer> {
        private final CliContext context;

        @Parameters(index = "0", paramLabel = "FICHIER")
        Path target;
        @Option(names = "--ecraser", description = "Remplace le fichier s’il existe.")
        boolean overwrite;

        Backup(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            Path file = target.toAbsolutePath().normalize();
            if (Files.exists(file) && !overwrite) {
                throw new CliException(CliException.USAGE, Messages.get("db.exists", file));
            }
            context.service(DatabaseMaintenance.class).backup(file);
            context.result(Map.of("file", file.toString()), Messages.get("db.backedUp", file));
            return 0;
        }
    }

    @Command(name = "restore", description = "Remplace le contenu de la base par une sauvegarde (irréversible).")
    static final class Restore implements Callable<Integer> {
        private final CliContext context;

        @Parameters(index = "0", paramLabel = "FICHIER")
        Path source;
        @Option(names = "--oui", description = "Confirme le remplacement de la base actuelle.")
        boolean confirmed;

        Restore(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            Path file = source.toAbsolutePath().normalize();
            if (!Files.isRegularFile(file)) {
                throw new CliException(CliException.USAGE, Messages.get("db.missingFile", file));
            }
            if (!confirmed) {
                throw new CliException(CliException.USAGE, Messages.get("db.confirm"));
            }
            context.service(DatabaseMaintenance.class).restore(file);
            context.result(Map.of("file", file.toString()), Messages.get("db.restored", file));
            return 0;
        }
    }
}
