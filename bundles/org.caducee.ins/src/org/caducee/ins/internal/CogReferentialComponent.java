package org.caducee.ins.internal;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import org.caducee.core.installation.Installation;
import org.caducee.ins.cog.CogEvent;
import org.caducee.ins.cog.CogLookup;
import org.caducee.ins.cog.CogReferential;
import org.caducee.ins.cog.CogStatus;
import org.caducee.ins.cog.CogStatus.State;
import org.caducee.store.Database;
import org.caducee.store.SchemaReady;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * The COG referential over the {@code ins} tables. Activated with the application; it checks the configured
 * directory in a background thread of its own and imports the files when they are newer than the data.
 */
@Component(service = CogReferential.class, immediate = true)
public final class CogReferentialComponent implements CogReferential {

    /** Setting of {@link Installation} naming the directory of the INSEE COG CSV files. */
    public static final String SETTING_DIR = "ins.cog.dir";
    /** System property used when the setting is absent. */
    public static final String PROPERTY_DIR = "caducee.cog.dir";
    /**
     * Setting naming the La Poste postal code file (base officielle des codes postaux); without it, a file
     * {@value #POSTAL_FILE_NAME} in the COG directory is used when present.
     */
    public static final String SETTING_POSTAL_FILE = "ins.postal.file";
    static final String POSTAL_FILE_NAME = "laposte_hexasmal.csv";
    private static final java.util.regex.Pattern POSTAL_CODE = java.util.regex.Pattern.compile("\\d{5}");

    private static final long WAIT_MINUTES = 5;

    private final Database database;
    private final Installation installation;
    private final CogQueries queries;
    private final ReentrantLock importLock = new ReentrantLock();
    private final ExecutorService executor;
    private final CompletableFuture<CogStatus> ready;
    private volatile CogStatus status;
    private volatile PostalCodes postalCodes;

    @Activate
    public CogReferentialComponent(@Reference(name = "database") Database database,
            @Reference(name = "schema", target = "(module=" + CogSchema.MODULE + ")") SchemaReady schema,
            @Reference(name = "installation") Installation installation) {
        this.database = database;
        this.installation = installation;
        this.queries = new CogQueries(database);
        this.status = new CogStatus(State.IMPORTING, 0, 0, 0, null, null, Messages.get("cog.status.importing"));
        this.executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "caducee-cog-import");
            t.setDaemon(true);
            t.setPriority(Thread.MIN_PRIORITY);
            return t;
        });
        this.ready = CompletableFuture.supplyAsync(this::importNow, executor);
    }

    @Deactivate
    void deactivate() {
        executor.shutdownNow();
    }

    /** The configured directory: setting {@code ins.cog.dir}, else {@code caducee.cog.dir}, else {@code <dataDir>/ref/insee-cog}. */
    public static Path directory(Installation installation) {
        return installation.setting(SETTING_DIR).filter(s -> !s.isBlank()).map(Path::of)
                .or(() -> Optional.ofNullable(System.getProperty(PROPERTY_DIR)).filter(s -> !s.isBlank()).map(Path::of))
                .orElse(installation.dataDir().resolve("ref").resolve("insee-cog"));
    }

    @Override
    public CogStatus status() {
        return status;
    }

    @Override
    public CompletionStage<CogStatus> ready() {
        return ready.copy();
    }

    @Override
    public CogStatus importNow() {
        importLock.lock();
        try {
            Path dir = directory(installation);
            Optional<CogImporter.Source> source = CogImporter.find(dir);
            Duration took = null;
            String problem = null;
            if (source.isPresent()) {
                try {
                    CogImporter.Result r = CogImporter.run(database, source.get());
                    took = r.imported() ? r.duration() : null;
                } catch (RuntimeException e) {
                    problem = Messages.get("cog.status.failed", dir, e.getMessage());
                }
            } else {
                problem = Messages.get("cog.status.noFiles", dir);
            }
            status = readStatus(took, problem);
            queries.invalidate();
            return status;
        } finally {
            importLock.unlock();
        }
    }

    private CogStatus readStatus(Duration took, String problem) {
        return database.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT cog_year, place_rows, event_rows, imported_at FROM ins_cog_import WHERE id = 1");
                    ResultSet rs = ps.executeQuery()) {
                if (rs.next() && rs.getInt(1) > 0) {
                    Timestamp at = rs.getTimestamp(4);
                    String message = Messages.get("cog.status.ready", rs.getInt(1), rs.getInt(2), rs.getInt(3))
                            + (problem == null ? "" : " " + problem);
                    return new CogStatus(State.READY, rs.getInt(1), rs.getInt(2), rs.getInt(3), took, at == null ? null : at.toInstant(), message);
                }
            }
            return new CogStatus(State.UNAVAILABLE, 0, 0, 0, took, null, problem == null ? Messages.get("cog.status.empty") : problem);
        });
    }

    /** Waits for the background import; true when data are available. */
    private boolean awaitData() {
        try {
            ready.get(WAIT_MINUTES, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            return false;
        }
        return status.ready();
    }

    @Override
    public CogLookup lookup(String code, LocalDate date) {
        String c = code == null ? "" : code.trim().toUpperCase(java.util.Locale.ROOT);
        if (UNKNOWN_CODE.equals(c) || !CogQueries.CODE.matcher(c).matches()) {
            return queries.lookup(c, date);
        }
        if (!awaitData()) {
            return new CogLookup(CogLookup.Result.REFERENTIAL_UNAVAILABLE, c, null, null, status.message());
        }
        try {
            return queries.lookup(c, date);
        } catch (RuntimeException e) {
            return new CogLookup(CogLookup.Result.REFERENTIAL_UNAVAILABLE, c, null, null, Messages.get("cog.lookup.error", e.getMessage()));
        }
    }

    @Override
    public List<CogLookup> search(String text, LocalDate date, int limit) {
        if (!awaitData()) {
            throw new IllegalStateException(status.message());
        }
        List<CogLookup> found = queries.search(text, date, limit);
        String trimmed = text == null ? "" : text.trim();
        if (!POSTAL_CODE.matcher(trimmed).matches()) {
            return found;
        }
        // five digits: an INSEE code (found above) or a postal code, whose communes follow
        List<CogLookup> out = new java.util.ArrayList<>(found);
        for (String commune : postalCodes().communes(trimmed)) {
            if (out.size() >= Math.max(1, limit)) {
                break;
            }
            CogLookup l = queries.lookup(commune, date);
            if (l.place() != null && l.result() == CogLookup.Result.FOUND && out.stream().noneMatch(o -> o.code().equals(l.code()))) {
                out.add(l);
            }
        }
        return out;
    }

    /** The postal code file, read once on first use; empty (and said once in the log) when absent or unreadable. */
    private PostalCodes postalCodes() {
        PostalCodes p = postalCodes;
        if (p == null) {
            Path file = installation.setting(SETTING_POSTAL_FILE).filter(s -> !s.isBlank()).map(Path::of)
                    .orElse(directory(installation).resolve(POSTAL_FILE_NAME));
            try {
                p = java.nio.file.Files.isRegularFile(file) ? PostalCodes.read(file) : PostalCodes.empty();
            } catch (java.io.IOException | RuntimeException e) {
                System.getLogger(CogReferentialComponent.class.getName()).log(System.Logger.Level.WARNING,
                        Messages.get("postal.failed", file, e.getMessage()));
                p = PostalCodes.empty();
            }
            postalCodes = p;
        }
        return p;
    }

    @Override
    public List<CogEvent> events(String code) {
        if (!awaitData()) {
            return List.of();
        }
        return queries.events(code);
    }
}
