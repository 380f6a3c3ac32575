package org.caducee.store.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.caducee.store.Database;
import org.caducee.store.Dialect;
import org.caducee.store.StoreException;
import org.h2.util.ScriptReader;

/**
 * H2 backups as compressed SQL scripts ({@code SCRIPT ... COMPRESSION ZIP}). A restore reads the script itself and
 * only runs the statements a backup made by Caducée contains (tables, indexes, constraints, sequences, rows):
 * a hostile file cannot define Java functions, triggers or linked tables.
 */
final class Backups {

    /** Statement starts accepted in a restored script. */
    private static final List<String> ALLOWED = List.of("CREATE CACHED TABLE ", "CREATE MEMORY TABLE ", "CREATE TABLE ",
            "CREATE INDEX ", "CREATE UNIQUE INDEX ", "CREATE PRIMARY KEY ", "ALTER TABLE ", "INSERT INTO ", "CREATE SEQUENCE ",
            "CREATE SCHEMA ", "CREATE DOMAIN ");
    /** Statement starts silently skipped: users, rights and settings stay those of the current database. */
    private static final List<String> SKIPPED = List.of("CREATE USER ", "ALTER USER ", "SET ", "GRANT ", "CREATE ROLE ");
    private static final List<String> FORBIDDEN_INSIDE = List.of(" ALIAS ", " TRIGGER ", " LINKED ", "JAVA_OBJECT", "FILE_READ",
            "FILE_WRITE", "CSVREAD", "CSVWRITE", "RUNSCRIPT", "LINK_SCHEMA", " AS $$");
    private static final long MAX_SCRIPT_CHARS = 8L * 1024 * 1024 * 1024;

    private final Database database;
    Backups(Database database) {
        this.database = database;
    }

    Path backup(Path file) {
        if (database.dialect() == Dialect.POSTGRESQL) {
            throw new StoreException(Messages.get("backup.postgresql", database.url()));
        }
        Path target = file.toAbsolutePath().normalize();
        try {
            if (target.getParent() != null) {
                Files.createDirectories(target.getParent());
            }
            Files.deleteIfExists(target);
        } catch (IOException e) {
            throw new StoreException(Messages.get("backup.failed", target, e.getMessage()), e);
        }
        try (Connection c = database.connection(); Statement s = c.createStatement()) {
            s.execute("SCRIPT NOPASSWORDS NOSETTINGS TO " + literal(target.toString()) + " COMPRESSION ZIP");
        } catch (SQLException e) {
            throw new StoreException(Messages.get("backup.failed", target, SqlErrors.describe(e)), e);
        }
        return target;
    }

    void restore(Path file) {
        if (database.dialect() == Dialect.POSTGRESQL) {
            throw new StoreException(Messages.get("backup.postgresql", database.url()));
        }
        Path source = file.toAbsolutePath().normalize();
        if (!Files.isRegularFile(source)) {
            throw new StoreException(Messages.get("restore.missing", source));
        }
        // first pass: the whole file is checked before anything is touched
        boolean[] history = {false};
        read(source, sql -> {
            if (sql.toUpperCase(Locale.ROOT).contains(SchemaMigrator.HISTORY.toUpperCase(Locale.ROOT))) {
                history[0] = true;
            }
        });
        if (!history[0]) {
            throw new StoreException(Messages.get("restore.invalid", source, "aucun historique de schéma Caducée"));
        }
        Path safety = safetyFile(source);
        backup(safety);
        try {
            runScript(source);
        } catch (StoreException e) {
            try {
                runScript(safety);
            } catch (StoreException again) {
                e.addSuppressed(again);
            }
            throw new StoreException(Messages.get("restore.failed", source, e.getMessage(), safety), e);
        }
    }

    private Path safetyFile(Path source) {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS"));
        Path dir = database instanceof DatabaseImpl impl && impl.h2File().isPresent() ? impl.h2File().get().getParent()
                : source.getParent();
        return dir.resolve("avant-restauration-" + stamp + ".zip");
    }

    private void runScript(Path source) {
        database.withConnection(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("DROP ALL OBJECTS");
                read(source, sql -> {
                    try {
                        s.execute(sql);
                    } catch (SQLException e) {
                        throw new StoreException(SqlErrors.describe(e), e);
                    }
                });
            }
            return null;
        });
    }

    /** Reads the zipped script and hands each accepted statement to {@code sink}; refuses forbidden ones. */
    private static void read(Path source, Consumer<String> sink) {
        try (InputStream in = Files.newInputStream(source); ZipInputStream zip = new ZipInputStream(in, StandardCharsets.UTF_8)) {
            ZipEntry entry = zip.getNextEntry();
            if (entry == null) {
                throw new StoreException(Messages.get("restore.invalid", source, "archive ZIP vide ou illisible"));
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(new BoundedInputStream(zip, MAX_SCRIPT_CHARS), StandardCharsets.UTF_8));
            ScriptReader script = new ScriptReader(reader);
            String sql;
            while ((sql = script.readStatement()) != null) {
                String s = sql.strip();
                while (s.startsWith("--") || s.startsWith("/*")) {
                    // leading remarks such as "-- 12 +/- SELECT COUNT(*) FROM ..." before the statement itself
                    int end = s.startsWith("--") ? s.indexOf('\n') : s.indexOf("*/");
                    s = end < 0 ? "" : s.substring(end + (s.startsWith("--") ? 1 : 2)).strip();
                }
                if (s.isEmpty()) {
                    continue;
                }
                String upper = s.toUpperCase(Locale.ROOT);
                if (SKIPPED.stream().anyMatch(upper::startsWith)) {
                    continue;
                }
                String head = upper.length() > 200 ? upper.substring(0, 200) : upper;
                String code = withoutLiterals(upper);
                if (ALLOWED.stream().noneMatch(upper::startsWith) || FORBIDDEN_INSIDE.stream().anyMatch(code::contains)
                        || upper.startsWith("INSERT INTO ") && code.contains("SELECT")) {
                    throw new StoreException(Messages.get("restore.forbidden", source, head.length() > 80 ? head.substring(0, 80) + "…" : head));
                }
                sink.accept(s);
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof StoreException se) {
                throw se;
            }
            throw new StoreException(Messages.get("restore.invalid", source, e.getMessage()), e);
        }
    }

    /** The statement with its string literals emptied, so that data never looks like code. */
    static String withoutLiterals(String sql) {
        StringBuilder out = new StringBuilder(Math.min(sql.length(), 4096));
        boolean inside = false;
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (c == '\'') {
                inside = !inside;
                out.append(c);
            } else if (!inside) {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    /** Refuses archives that inflate beyond a bound (ZIP bombs). */
    private static final class BoundedInputStream extends java.io.FilterInputStream {
        private final long max;
        private long count;

        BoundedInputStream(InputStream in, long max) {
            super(in);
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                check(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                check(n);
            }
            return n;
        }

        private void check(int n) throws IOException {
            count += n;
            if (count > max) {
                throw new IOException("archive trop volumineuse");
            }
        }
    }
}
