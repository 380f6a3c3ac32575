package org.caducee.ins.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.caducee.ins.cog.CogPlaceKind;
import org.caducee.store.Database;
import org.caducee.store.StoreException;

/**
 * Imports the INSEE COG CSV files into the {@code ins_cog_*} tables, in one transaction, with batched inserts. The
 * single row of {@code ins_cog_import} holds the year imported and serialises concurrent imports (several
 * workstations on PostgreSQL): it is locked first, and a year not newer than the one in the database is not imported
 * again.
 */
public final class CogImporter {

    static final String COMMUNES_NOW = "v_commune_%d.csv";
    static final String COMMUNES_HISTORY = "v_commune_depuis_1943.csv";
    static final String OVERSEAS_HISTORY = "v_commune_outremer_depuis_1943.csv";
    static final String COUNTRIES_HISTORY = "v_pays_et_territoire_depuis_1943.csv";
    static final String EVENTS = "v_mvt_commune_%d.csv";

    private static final Pattern YEAR_FILE = Pattern.compile("v_commune_(\\d{4})\\.csv");
    private static final Pattern YEAR_DIR = Pattern.compile("cog_ensemble_(\\d{4})_csv");
    private static final LocalDate COG_START = LocalDate.of(1943, 1, 1);
    private static final int BATCH = 2000;

    /** A directory of COG files of one year. */
    public record Source(Path dir, int year) {
    }

    /** What an import did. */
    public record Result(boolean imported, int year, int places, int events, Duration duration) {
    }

    private CogImporter() {
    }

    /**
     * The COG files under {@code dir}: the directory itself when it holds {@code v_commune_<year>.csv}, else its
     * newest {@code cog_ensemble_<year>_csv} sub-directory.
     */
    public static Optional<Source> find(Path dir) {
        if (dir == null || !Files.isDirectory(dir)) {
            return Optional.empty();
        }
        Optional<Source> here = yearIn(dir);
        if (here.isPresent()) {
            return here;
        }
        try (Stream<Path> children = Files.list(dir)) {
            return children.filter(Files::isDirectory).filter(p -> YEAR_DIR.matcher(p.getFileName().toString()).matches())
                    .map(CogImporter::yearIn).flatMap(Optional::stream).max(java.util.Comparator.comparingInt(Source::year));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<Source> yearIn(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> YEAR_FILE.matcher(p.getFileName().toString())).filter(Matcher::matches)
                    .map(m -> Integer.parseInt(m.group(1))).max(Integer::compare).map(y -> new Source(dir, y));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Imports {@code source} unless the database already holds this year or a newer one. */
    public static Result run(Database database, Source source) {
        long start = System.nanoTime();
        ensureImportRow(database);
        return database.inTransaction(c -> {
            int inDatabase;
            try (PreparedStatement ps = c.prepareStatement("SELECT cog_year FROM ins_cog_import WHERE id = 1 FOR UPDATE");
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                inDatabase = rs.getInt(1);
            }
            if (inDatabase >= source.year()) {
                return new Result(false, inDatabase, 0, 0, Duration.ofNanos(System.nanoTime() - start));
            }
            try (PreparedStatement del = c.prepareStatement("DELETE FROM ins_cog_place")) {
                del.executeUpdate();
            }
            try (PreparedStatement del = c.prepareStatement("DELETE FROM ins_cog_event")) {
                del.executeUpdate();
            }
            int places;
            int events;
            try {
                places = places(c, source);
                events = events(c, source);
            } catch (IOException e) {
                throw new StoreException(Messages.get("cog.import.io", source.dir(), e.getMessage()), e);
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE ins_cog_import SET cog_year = ?, source = ?, place_rows = ?, event_rows = ?, imported_at = ? WHERE id = 1")) {
                ps.setInt(1, source.year());
                ps.setString(2, cut(source.dir().toString(), 500));
                ps.setInt(3, places);
                ps.setInt(4, events);
                ps.setTimestamp(5, Timestamp.from(Instant.now()));
                ps.executeUpdate();
            }
            return new Result(true, source.year(), places, events, Duration.ofNanos(System.nanoTime() - start));
        });
    }

    private static void ensureImportRow(Database database) {
        database.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM ins_cog_import WHERE id = 1"); ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (rs.getInt(1) > 0) {
                    return null;
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO ins_cog_import (id, cog_year, source, place_rows, event_rows, imported_at) VALUES (1, 0, '', 0, 0, ?)")) {
                ps.setTimestamp(1, Timestamp.from(Instant.now()));
                ps.executeUpdate();
            } catch (SQLException e) {
                // another workstation created it meanwhile
            }
            return null;
        });
    }

    private static int places(Connection c, Source source) throws IOException, SQLException {
        Map<String, String> departments = new HashMap<>();
        try (CogCsv csv = new CogCsv(file(source, COMMUNES_NOW.formatted(source.year()))).require("TYPECOM", "COM", "DEP")) {
            while (csv.next()) {
                String type = csv.get("TYPECOM");
                if ("COM".equals(type) || "ARM".equals(type)) {
                    departments.put(csv.get("COM"), csv.get("DEP"));
                }
            }
        }
        int rows = 0;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO ins_cog_place (code, valid_from, valid_to, kind, name, name_key, alt_key, "
                + "department, parent_code) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            try (CogCsv csv = new CogCsv(file(source, COMMUNES_HISTORY)).require("TYPECOM", "COM", "LIBELLE", "NCC", "DATE_DEBUT", "DATE_FIN")) {
                while (csv.next()) {
                    String code = csv.get("COM");
                    String to = csv.get("DATE_FIN");
                    CogPlaceKind kind = "ARM".equals(csv.get("TYPECOM")) ? CogPlaceKind.MUNICIPAL_ARRONDISSEMENT : CogPlaceKind.COMMUNE;
                    String dep = to == null && departments.containsKey(code) ? departments.get(code) : department(code);
                    rows += add(ps, code, csv.get("DATE_DEBUT"), to, kind, csv.get("LIBELLE"), csv.get("NCC"), dep, null);
                    flush(ps, rows);
                }
            }
            Path overseas = source.dir().resolve(OVERSEAS_HISTORY);
            if (Files.isRegularFile(overseas)) {
                try (CogCsv csv = new CogCsv(overseas).require("COM_COMER", "LIBELLE", "NCC", "DATE_DEBUT", "DATE_FIN")) {
                    while (csv.next()) {
                        String code = csv.get("COM_COMER");
                        rows += add(ps, code, csv.get("DATE_DEBUT"), csv.get("DATE_FIN"), CogPlaceKind.OVERSEAS, csv.get("LIBELLE"), csv.get("NCC"),
                                department(code), null);
                        flush(ps, rows);
                    }
                }
            }
            try (CogCsv csv = new CogCsv(file(source, COUNTRIES_HISTORY)).require("COG", "CRPAY", "LIBCOG", "LIBENR", "DATE_DEBUT", "DATE_FIN")) {
                while (csv.next()) {
                    rows += add(ps, csv.get("COG"), csv.get("DATE_DEBUT"), csv.get("DATE_FIN"), CogPlaceKind.COUNTRY, csv.get("LIBCOG"),
                            csv.get("LIBENR"), null, csv.get("CRPAY"));
                    flush(ps, rows);
                }
            }
            ps.executeBatch();
        }
        return rows;
    }

    private static int add(PreparedStatement ps, String code, String from, String to, CogPlaceKind kind, String name, String alt, String dep,
            String parent) throws SQLException {
        if (code == null || code.length() != 5 || name == null) {
            return 0;
        }
        ps.setString(1, code);
        ps.setDate(2, Date.valueOf(from == null ? COG_START : LocalDate.parse(from)));
        ps.setDate(3, to == null ? null : Date.valueOf(LocalDate.parse(to)));
        ps.setString(4, kind.name());
        ps.setString(5, cut(name, 200));
        ps.setString(6, CogKeys.key(name));
        ps.setString(7, CogKeys.key(alt == null ? name : alt));
        ps.setString(8, dep);
        ps.setString(9, parent);
        ps.addBatch();
        return 1;
    }

    private static void flush(PreparedStatement ps, int rows) throws SQLException {
        if (rows % BATCH == 0) {
            ps.executeBatch();
        }
    }

    private static int events(Connection c, Source source) throws IOException, SQLException {
        int rows = 0;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO ins_cog_event (id, change_type, effective, type_before, code_before, name_before, "
                + "type_after, code_after, name_after) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
                CogCsv csv = new CogCsv(file(source, EVENTS.formatted(source.year()))).require("MOD", "DATE_EFF", "TYPECOM_AV", "COM_AV",
                        "LIBELLE_AV", "TYPECOM_AP", "COM_AP", "LIBELLE_AP")) {
            while (csv.next()) {
                if (csv.get("DATE_EFF") == null || (csv.get("COM_AV") == null && csv.get("COM_AP") == null)) {
                    continue;
                }
                ps.setInt(1, ++rows);
                ps.setString(2, cut(csv.get("MOD"), 2));
                ps.setDate(3, Date.valueOf(LocalDate.parse(csv.get("DATE_EFF"))));
                ps.setString(4, cut(csv.get("TYPECOM_AV"), 4));
                ps.setString(5, cut(csv.get("COM_AV"), 5));
                ps.setString(6, cut(csv.get("LIBELLE_AV"), 200));
                ps.setString(7, cut(csv.get("TYPECOM_AP"), 4));
                ps.setString(8, cut(csv.get("COM_AP"), 5));
                ps.setString(9, cut(csv.get("LIBELLE_AP"), 200));
                ps.addBatch();
                if (rows % BATCH == 0) {
                    ps.executeBatch();
                }
            }
            ps.executeBatch();
        }
        return rows;
    }

    /** Département or collectivity of a code: 3 characters overseas (971, 975, 987…), 2 otherwise (2A, 20, 91…). */
    static String department(String code) {
        return code.startsWith("97") || code.startsWith("98") ? code.substring(0, 3) : code.substring(0, 2);
    }

    private static Path file(Source source, String name) throws IOException {
        Path p = source.dir().resolve(name);
        if (!Files.isRegularFile(p)) {
            throw new IOException(Messages.get("cog.import.missingFile", name));
        }
        return p;
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
