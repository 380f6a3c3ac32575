package org.caducee.security.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.caducee.core.audit.AuditTrail;
import org.caducee.core.installation.Installation;
import org.caducee.security.backup.BackupException;
import org.caducee.security.backup.BackupService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * Daily encrypted backup when the setting {@code backup.dir} is present: at {@code backup.time} (HH:mm, default 12:30,
 * local time), into {@code backup.dir}, with the passphrase in the file {@code backup.passphrase.file} (first line;
 * keep it readable by the service account only), keeping the {@code backup.retention} newest archives (default 14).
 * Successes and failures are audited (actor {@value #ACTOR}).
 */
@Component(immediate = true)
public class ScheduledBackup {

    public static final String ACTOR = "sauvegarde-planifiée";
    public static final String PREFIX = "caducee-";
    private static final Logger LOG = Logger.getLogger(ScheduledBackup.class.getName());
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final BackupService backups;
    private final AuditTrail audit;
    private final Clock clock;
    private final Settings settings;
    private final ScheduledExecutorService executor;

    /** What the settings say; {@code dir} null = no scheduled backup. */
    public record Settings(Path dir, LocalTime time, int retention, Path passphraseFile) {

        static Settings of(Installation installation) {
            Optional<String> dir = installation.setting("backup.dir");
            if (dir.isEmpty() || dir.get().isBlank()) {
                return new Settings(null, null, 0, null);
            }
            LocalTime time;
            try {
                time = LocalTime.parse(installation.setting("backup.time").orElse("12:30"));
            } catch (DateTimeParseException e) {
                LOG.warning(Messages.get("schedule.badTime", installation.setting("backup.time").orElse("")));
                time = LocalTime.of(12, 30);
            }
            int retention;
            try {
                retention = Math.max(1, Integer.parseInt(installation.setting("backup.retention").orElse("14").strip()));
            } catch (NumberFormatException e) {
                retention = 14;
            }
            String passphrase = installation.setting("backup.passphrase.file").orElse("");
            return new Settings(Path.of(dir.get()), time, retention, passphrase.isBlank() ? null : Path.of(passphrase));
        }
    }

    @Activate
    public ScheduledBackup(@Reference BackupService backups, @Reference AuditTrail audit, @Reference Installation installation) {
        this(backups, audit, Clock.systemDefaultZone(), Settings.of(installation), true);
    }

    public ScheduledBackup(BackupService backups, AuditTrail audit, Clock clock, Settings settings, boolean schedule) {
        this.backups = backups;
        this.audit = audit;
        this.clock = clock;
        this.settings = settings;
        if (schedule && settings.dir() != null) {
            executor = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "caducee-sauvegarde-planifiee");
                t.setDaemon(true);
                return t;
            });
            scheduleNext();
        } else {
            executor = null;
        }
    }

    @Deactivate
    public void stop() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    /** Delay until the next run at {@link Settings#time()}. */
    Duration untilNext() {
        ZonedDateTime now = ZonedDateTime.now(clock);
        ZonedDateTime next = now.with(settings.time()).withSecond(0).withNano(0);
        if (!next.isAfter(now)) {
            next = next.plusDays(1);
        }
        return Duration.between(now, next);
    }

    private void scheduleNext() {
        executor.schedule(() -> {
            try {
                runOnce();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, e.getMessage(), e);
            } finally {
                if (!executor.isShutdown()) {
                    scheduleNext();
                }
            }
        }, untilNext().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Makes one backup now and applies the retention; returns the archive, or empty (audited) on failure. */
    public Optional<Path> runOnce() {
        Path file = settings.dir().resolve(PREFIX + STAMP.format(LocalDateTime.now(clock)) + BackupService.EXTENSION);
        char[] passphrase = null;
        try {
            if (settings.passphraseFile() == null) {
                throw new BackupException(BackupException.Reason.FAILED, Messages.get("schedule.noPassphrase"));
            }
            String first = Files.readAllLines(settings.passphraseFile(), StandardCharsets.UTF_8).stream().findFirst().orElse("").strip();
            passphrase = first.toCharArray();
            backups.backup(file, passphrase, ACTOR);
            prune();
            return Optional.of(file);
        } catch (IOException | BackupException e) {
            if (!(e instanceof BackupException b && b.reason() == BackupException.Reason.FAILED && e.getCause() != null)) {
                audit.record(ACTOR, BackupServiceImpl.BACKUP_FAILED, BackupServiceImpl.SUBJECT, e.getMessage());
            }
            LOG.warning(Messages.get("schedule.failed", e.getMessage()));
            return Optional.empty();
        } finally {
            if (passphrase != null) {
                java.util.Arrays.fill(passphrase, '\0');
            }
        }
    }

    /** Deletes the oldest scheduled archives beyond the retention. */
    void prune() throws IOException {
        List<Path> archives = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(settings.dir(), PREFIX + "*" + BackupService.EXTENSION)) {
            dir.forEach(archives::add);
        }
        archives.sort(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed());
        for (int i = settings.retention(); i < archives.size(); i++) {
            Files.deleteIfExists(archives.get(i));
            audit.record(ACTOR, "BACKUP_PRUNED", BackupServiceImpl.SUBJECT, "fichier " + archives.get(i) + " supprimé (conservation : "
                    + settings.retention() + ")");
        }
    }
}
