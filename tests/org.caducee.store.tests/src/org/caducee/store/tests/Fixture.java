package org.caducee.store.tests;

import java.nio.file.Path;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.caducee.core.installation.Installation;
import org.caducee.store.SchemaReady;
import org.caducee.store.internal.CareRepositoryImpl;
import org.caducee.store.internal.CoreSchema;
import org.caducee.store.internal.DatabaseImpl;
import org.caducee.store.internal.DocumentRepositoryImpl;
import org.caducee.store.internal.InstallationImpl;
import org.caducee.store.internal.PatientRepositoryImpl;
import org.caducee.store.internal.PracticeRepositoryImpl;
import org.caducee.store.internal.SchemaMigrator;
import org.junit.jupiter.api.Assumptions;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/**
 * The store's components built by hand, as DS would: installation → database → migrator (+ core schema) →
 * repositories. On H2 in a temporary directory, or on the PostgreSQL server named by {@code caducee.test.pg.url}
 * (in a schema of its own, dropped at the end).
 */
final class Fixture implements AutoCloseable {

    static final String PG_URL = "caducee.test.pg.url";

    final Installation installation;
    final DatabaseImpl database;
    final SchemaMigrator migrator;
    final SchemaReady core;
    final PatientRepositoryImpl patients;
    final DocumentRepositoryImpl documents;
    final CareRepositoryImpl care;
    final PracticeRepositoryImpl practice;
    final RecordingEventAdmin events = new RecordingEventAdmin();
    private final Runnable cleanup;

    private Fixture(Installation installation, Runnable cleanup) {
        this.installation = installation;
        this.cleanup = cleanup;
        database = new DatabaseImpl(installation);
        migrator = new SchemaMigrator(database, null);
        core = migrator.apply(new CoreSchema());
        migrator.addMigrations(new CoreSchema());
        patients = new PatientRepositoryImpl(database, core);
        documents = new DocumentRepositoryImpl(database, core);
        care = new CareRepositoryImpl(database, core);
        practice = new PracticeRepositoryImpl(database, core);
        patients.setEventAdmin(events);
        documents.setEventAdmin(events);
    }

    /** An installation whose properties are exactly {@code properties} (plus the data directory). */
    static Installation installation(Path dataDir, Map<String, String> properties) {
        Map<String, String> all = new HashMap<>(properties);
        all.put(Installation.DATA_DIR_PROPERTY, dataDir.toString());
        return new InstallationImpl(all::get, k -> null);
    }

    static Fixture h2(Path dataDir) {
        return new Fixture(installation(dataDir, Map.of()), () -> {
        });
    }

    static boolean postgresqlConfigured() {
        String url = System.getProperty(PG_URL);
        return url != null && !url.isBlank() && !url.startsWith("${");
    }

    /** Settings for the test server, in schema {@code schema} when not null. */
    static Map<String, String> pgSettings(String schema) {
        String url = System.getProperty(PG_URL).trim();
        String user = System.getProperty("caducee.test.pg.user");
        String password = System.getProperty("caducee.test.pg.password");
        // credentials given in the URL (tests/run.sh does so) become settings, so that a test can replace them
        int query = url.indexOf('?');
        if (query >= 0) {
            java.util.List<String> kept = new java.util.ArrayList<>();
            for (String param : url.substring(query + 1).split("&")) {
                if (param.startsWith("user=")) {
                    user = param.substring(5);
                } else if (param.startsWith("password=")) {
                    password = param.substring(9);
                } else if (!param.isEmpty()) {
                    kept.add(param);
                }
            }
            url = url.substring(0, query) + (kept.isEmpty() ? "" : "?" + String.join("&", kept));
        }
        if (schema != null) {
            url += (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        }
        Map<String, String> settings = new HashMap<>();
        settings.put("caducee.db.url", url);
        if (user != null && !user.isBlank()) {
            settings.put("caducee.db.user", user);
        }
        if (password != null && !password.isBlank()) {
            settings.put("caducee.db.password", password);
        }
        return settings;
    }

    static Fixture postgresql(Path dataDir) {
        Assumptions.assumeTrue(postgresqlConfigured(), "PostgreSQL non configuré (-Dcaducee.test.pg.url=...)");
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        DatabaseImpl admin = new DatabaseImpl(installation(dataDir, pgSettings(null)));
        admin.withConnection(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE SCHEMA " + schema);
            }
            return null;
        });
        return new Fixture(installation(dataDir, pgSettings(schema)), () -> {
            admin.withConnection(c -> {
                try (Statement s = c.createStatement()) {
                    s.execute("DROP SCHEMA " + schema + " CASCADE");
                }
                return null;
            });
            admin.close();
        });
    }

    @Override
    public void close() {
        database.close();
        cleanup.run();
    }

    /** Keeps the events posted. */
    static final class RecordingEventAdmin implements EventAdmin {
        final List<Event> posted = new ArrayList<>();

        @Override
        public synchronized void postEvent(Event event) {
            posted.add(event);
        }

        @Override
        public synchronized void sendEvent(Event event) {
            posted.add(event);
        }

        synchronized List<String> topics() {
            return posted.stream().map(Event::getTopic).toList();
        }
    }
}
