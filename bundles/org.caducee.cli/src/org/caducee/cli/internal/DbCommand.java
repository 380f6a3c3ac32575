package org.caducee.cli.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.caducee.cli.CliContext;
import org.caducee.cli.CliException;
import org.caducee.cli.Secrets;
import org.caducee.security.AccountLockedException;
import org.caducee.security.SessionGuard;
import org.caducee.security.UserAccount;
import org.caducee.security.backup.BackupException;
import org.caducee.security.backup.BackupReport;
import org.caducee.security.backup.BackupService;
import org.caducee.store.AppliedMigration;
import org.caducee.store.DatabaseMaintenance;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code db migrate|backup|restore}. */
@Command(name = "db", description = "Base de données : migrations, sauvegarde chiffrée, vérification, restauration.",
        subcommands = { DbCommand.Migrate.class, DbCommand.Backup.class, DbCommand.Verify.class, DbCommand.Restore.class })
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

    /** Exit code when the re-authentication of an administrator is refused. */
    static final int AUTH_REFUSED = 4;
    /** Exit code when an archive is refused (wrong passphrase, altered, truncated, other schema). */
    static final int ARCHIVE_REFUSED = 5;

    static final String PASSPHRASE_VARIABLE = "CADUCEE_BACKUP_PASSPHRASE";
    static final String ADMIN_PASSWORD_VARIABLE = "CADUCEE_ADMIN_PASSWORD";

    static String actor() {
        return "cli:" + System.getProperty("user.name", "?");
    }

    static <T> T archive(java.util.function.Supplier<T> work) {
        try {
            return work.get();
        } catch (BackupException e) {
            throw new CliException(e.reason() == BackupException.Reason.FAILED ? CliException.FAILURE : ARCHIVE_REFUSED, e.getMessage(), e);
        }
    }

    @Command(name = "backup", description = "Sauvegarde chiffrée de toute la base (H2 ou PostgreSQL) dans un fichier .cdbk.")
    static final class Backup implements Callable<Integer> {
        private final CliContext context;

        @Parameters(index = "0", paramLabel = "FICHIER")
        Path target;
        @Option(names = "--ecraser", description = "Remplace le fichier s’il existe.")
        boolean overwrite;
        @Option(names = "--phrase-fichier", paramLabel = "FICHIER",
                description = "Fichier dont la première ligne est la phrase de passe (sinon variable CADUCEE_BACKUP_PASSPHRASE, sinon saisie).")
        Path passphraseFile;

        Backup(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            Path file = target.toAbsolutePath().normalize();
            if (Files.exists(file) && !overwrite) {
                throw new CliException(CliException.USAGE, Messages.get("db.exists", file));
            }
            BackupService backups = context.service(BackupService.class);
            char[] passphrase = Secrets.read(passphraseFile, PASSPHRASE_VARIABLE, Messages.get("db.passphrase"), true);
            try {
                BackupReport report = archive(() -> backups.backup(file, passphrase, actor()));
                context.result(report(report), Messages.get("db.backupDone", file, report.rows(), report.sha256()));
            } finally {
                Arrays.fill(passphrase, '\0');
            }
            return 0;
        }
    }

    static Map<String, Object> report(BackupReport report) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("file", report.file().toString());
        doc.put("createdAt", report.createdAt().toString());
        doc.put("dialect", report.dialect());
        doc.put("rows", report.rows());
        doc.put("tables", report.rowsByTable());
        doc.put("bytes", report.bytes());
        doc.put("sha256", report.sha256());
        return doc;
    }

    @Command(name = "verify", description = "Vérifie qu’une sauvegarde chiffrée est intègre et lisible avec la phrase de passe, sans rien modifier.")
    static final class Verify implements Callable<Integer> {
        private final CliContext context;

        @Parameters(index = "0", paramLabel = "FICHIER")
        Path source;
        @Option(names = "--phrase-fichier", paramLabel = "FICHIER", description = "Fichier contenant la phrase de passe.")
        Path passphraseFile;

        Verify(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            Path file = source.toAbsolutePath().normalize();
            if (!Files.isRegularFile(file)) {
                throw new CliException(CliException.USAGE, Messages.get("db.missingFile", file));
            }
            BackupService backups = context.service(BackupService.class);
            char[] passphrase = Secrets.read(passphraseFile, PASSPHRASE_VARIABLE, Messages.get("db.passphrase"), false);
            try {
                BackupReport report = archive(() -> backups.verify(file, passphrase));
                context.result(report(report), Messages.get("db.verified", file, report.createdAt(), report.rows(), report.dialect()));
            } finally {
                Arrays.fill(passphrase, '\0');
            }
            return 0;
        }
    }

    @Command(name = "restore", description = "Remplace le contenu de la base par une sauvegarde chiffrée, après l’avoir entièrement vérifiée (administrateur).")
    static final class Restore implements Callable<Integer> {
        private final CliContext context;

        @Parameters(index = "0", paramLabel = "FICHIER")
        Path source;
        @Option(names = "--oui", description = "Confirme le remplacement de la base actuelle.")
        boolean confirmed;
        @Option(names = "--admin", paramLabel = "IDENTIFIANT",
                description = "Administrateur qui se réauthentifie (mot de passe : variable CADUCEE_ADMIN_PASSWORD ou saisie).")
        String admin;
        @Option(names = "--phrase-fichier", paramLabel = "FICHIER", description = "Fichier contenant la phrase de passe.")
        Path passphraseFile;

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
            if (admin == null || admin.isBlank()) {
                throw new CliException(CliException.USAGE, Messages.get("db.adminRequired"));
            }
            SessionGuard guard = context.service(SessionGuard.class);
            char[] password = Secrets.read(null, ADMIN_PASSWORD_VARIABLE, Messages.get("db.adminPassword", admin), false);
            UserAccount administrator;
            try {
                administrator = guard.requireAdministrator(admin, password, "restauration de " + file.getFileName());
            } catch (SecurityException | AccountLockedException e) {
                throw new CliException(AUTH_REFUSED, e.getMessage(), e);
            } finally {
                Arrays.fill(password, '\0');
            }
            BackupService backups = context.service(BackupService.class);
            char[] passphrase = Secrets.read(passphraseFile, PASSPHRASE_VARIABLE, Messages.get("db.passphrase"), false);
            try {
                BackupReport report = archive(() -> backups.restore(file, passphrase, administrator.login()));
                context.result(report(report), Messages.get("db.restoredEncrypted", file, report.createdAt(), report.rows()));
            } finally {
                Arrays.fill(passphrase, '\0');
            }
            return 0;
        }
    }
}
