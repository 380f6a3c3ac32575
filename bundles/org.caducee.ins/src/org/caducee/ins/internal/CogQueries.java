package org.caducee.ins.internal;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.caducee.ins.cog.CogEvent;
import org.caducee.ins.cog.CogLookup;
import org.caducee.ins.cog.CogLookup.Result;
import org.caducee.ins.cog.CogPlace;
import org.caducee.ins.cog.CogPlaceKind;
import org.caducee.ins.cog.CogReferential;
import org.caducee.store.Database;

/** Read side of the COG tables. */
public final class CogQueries {

    static final Pattern CODE = Pattern.compile("\\d{5}|\\d[AB]\\d{3}");
    private static final String COLUMNS = "code, name, kind, department, valid_from, valid_to, parent_code";
    private static final DateTimeFormatter DISPLAY = DateTimeFormatter.ofPattern("dd/MM/uuuu");
    private static final int MAX_HOPS = 12;

    private final Database database;

    public CogQueries(Database database) {
        this.database = database;
    }

    public CogLookup lookup(String rawCode, LocalDate date) {
        String code = rawCode == null ? "" : rawCode.trim().toUpperCase(Locale.ROOT);
        LocalDate at = date == null ? LocalDate.now() : date;
        if (CogReferential.UNKNOWN_CODE.equals(code)) {
            return new CogLookup(Result.UNKNOWN_BIRTHPLACE, code, CogReferential.UNKNOWN_BIRTHPLACE, CogReferential.UNKNOWN_BIRTHPLACE,
                    Messages.get("cog.lookup.unknownBirthplace"));
        }
        if (!CODE.matcher(code).matches()) {
            return new CogLookup(Result.INVALID_CODE, code, null, null, Messages.get("cog.lookup.invalid", code));
        }
        return database.withConnection(c -> {
            List<CogPlace> periods = periods(c, code);
            if (periods.isEmpty()) {
                return new CogLookup(Result.UNKNOWN_CODE, code, null, null, Messages.get("cog.lookup.unknownCode", code));
            }
            CogPlace atDate = periods.stream().filter(p -> p.validAt(at)).findFirst().orElse(null);
            CogPlace place = atDate != null ? atDate : nearest(periods, at);
            CogPlace current = successor(c, place);
            String message;
            if (atDate == null) {
                message = Messages.get("cog.lookup.notAtDate", code, place.displayName(), DISPLAY.format(at));
            } else if (current == null) {
                message = Messages.get("cog.lookup.ended", place.displayName(), code);
            } else if (!current.code().equals(place.code()) || !current.name().equals(place.name())) {
                message = Messages.get("cog.lookup.changed", place.displayName(), code, current.displayName(), current.code());
            } else {
                message = Messages.get("cog.lookup.found", place.displayName(), code);
            }
            return new CogLookup(atDate != null ? Result.FOUND : Result.NOT_VALID_AT_DATE, code, place, current, message);
        });
    }

    public List<CogLookup> search(String text, LocalDate date, int limit) {
        int max = Math.max(1, Math.min(limit, 200));
        String trimmed = text == null ? "" : text.trim().toUpperCase(Locale.ROOT);
        List<CogLookup> out = new ArrayList<>();
        if (CODE.matcher(trimmed).matches()) {
            CogLookup byCode = lookup(trimmed, date);
            if (byCode.place() != null && (date == null || byCode.result() != Result.NOT_VALID_AT_DATE)) {
                out.add(byCode);
            }
            return out;
        }
        String key = CogKeys.key(trimmed);
        if (key.isEmpty()) {
            return out;
        }
        if (key.length() >= 3 && "INCONNU".startsWith(key)) {
            out.add(lookup(CogReferential.UNKNOWN_CODE, date));
        }
        List<CogPlace> places = index().search(key, date, max);
        return database.withConnection(c -> {
            for (CogPlace p : places) {
                CogPlace current = p.current() ? p : successor(c, p);
                String message = current == null ? Messages.get("cog.lookup.ended", p.displayName(), p.code())
                        : current == p ? Messages.get("cog.lookup.found", p.displayName(), p.code())
                                : Messages.get("cog.lookup.changed", p.displayName(), p.code(), current.displayName(), current.code());
                out.add(new CogLookup(Result.FOUND, p.code(), p, current, message));
            }
            return out;
        });
    }

    public List<CogEvent> events(String rawCode) {
        String code = rawCode == null ? "" : rawCode.trim().toUpperCase(Locale.ROOT);
        return database.withConnection(c -> {
            List<CogEvent> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT change_type, effective, code_before, name_before, code_after, name_after "
                    + "FROM ins_cog_event WHERE code_before = ? OR code_after = ? ORDER BY effective, id")) {
                ps.setString(1, code);
                ps.setString(2, code);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String type = rs.getString(1);
                        out.add(new CogEvent(type, Messages.get("cog.event." + type), rs.getDate(2).toLocalDate(), rs.getString(3), rs.getString(4),
                                rs.getString(5), rs.getString(6)));
                    }
                }
            }
            return out;
        });
    }

    /**
     * Today's place that took over {@code place}: the later periods of the same code that follow it without a gap
     * (renamings), else the commune it went into at the end of its last period (events), recursively. A code reused
     * after a gap (Algerian codes 91xxx before 1962, Essonne since 1968) is not taken for a successor.
     */
    private CogPlace successor(Connection c, CogPlace place) throws SQLException {
        Set<String> seen = new HashSet<>();
        CogPlace cur = place;
        for (int hop = 0; hop < MAX_HOPS && seen.add(cur.code()); hop++) {
            CogPlace end = cur;
            for (CogPlace p : periods(c, cur.code())) {
                if (end.validTo() != null && end.validTo().equals(p.validFrom()) && p.kind() == end.kind()) {
                    end = p;
                }
            }
            if (end.current()) {
                return end;
            }
            String next = null;
            try (PreparedStatement ps = c.prepareStatement("SELECT code_after FROM ins_cog_event WHERE code_before = ? AND code_after <> code_before "
                    + "AND type_before IN ('COM', 'ARM') AND type_after IN ('COM', 'ARM') AND effective >= ? ORDER BY effective, id FETCH FIRST 1 ROWS ONLY")) {
                ps.setString(1, end.code());
                ps.setDate(2, Date.valueOf(end.validTo()));
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        next = rs.getString(1);
                    }
                }
            }
            if (next == null) {
                return null;
            }
            LocalDate on = end.validTo();
            CogPlace nextPlace = periods(c, next).stream().filter(p -> p.validAt(on)).findFirst().orElse(null);
            if (nextPlace == null) {
                return null;
            }
            cur = nextPlace;
        }
        return null;
    }

    private static CogPlace nearest(List<CogPlace> periods, LocalDate at) {
        CogPlace best = periods.get(0);
        for (CogPlace p : periods) {
            if (p.validFrom() != null && !p.validFrom().isAfter(at)) {
                best = p;
            }
        }
        return best;
    }

    private static List<CogPlace> periods(Connection c, String code) throws SQLException {
        List<CogPlace> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM ins_cog_place WHERE code = ? ORDER BY valid_from")) {
            ps.setString(1, code);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(place(rs));
                }
            }
        }
        return out;
    }

    private static CogPlace place(ResultSet rs) throws SQLException {
        Date to = rs.getDate(6);
        return new CogPlace(rs.getString(1), rs.getString(2), CogPlaceKind.valueOf(rs.getString(3)), rs.getString(4), rs.getDate(5).toLocalDate(),
                to == null ? null : to.toLocalDate(), rs.getString(7));
    }

    private volatile PrefixIndex index;

    /** Forgets the in-memory search index (after an import). */
    public void invalidate() {
        index = null;
    }

    private PrefixIndex index() {
        PrefixIndex i = index;
        if (i == null) {
            synchronized (this) {
                i = index;
                if (i == null) {
                    i = database.withConnection(PrefixIndex::load);
                    index = i;
                }
            }
        }
        return i;
    }

    /**
     * The search keys of every code period in memory, sorted, for name-prefix search in a few microseconds (the
     * referential is ~44,000 periods, ~5 MB). Same order as the former SQL: exact name first, places in force first,
     * then key, code, newest period.
     */
    static final class PrefixIndex {
        private final CogPlace[] places;
        private final String[] nameKeys;
        private final String[] altKeys;
        private final String[] sortedKeys;
        private final int[] sortedPlace;

        private PrefixIndex(List<CogPlace> places, List<String> nameKeys, List<String> altKeys) {
            this.places = places.toArray(new CogPlace[0]);
            this.nameKeys = nameKeys.toArray(new String[0]);
            this.altKeys = altKeys.toArray(new String[0]);
            int n = this.places.length;
            Integer[] order = new Integer[2 * n];
            for (int k = 0; k < 2 * n; k++) {
                order[k] = k;
            }
            java.util.Arrays.sort(order, java.util.Comparator.comparing(k -> k < n ? this.nameKeys[k] : this.altKeys[k - n]));
            sortedKeys = new String[2 * n];
            sortedPlace = new int[2 * n];
            for (int k = 0; k < 2 * n; k++) {
                int o = order[k];
                sortedKeys[k] = o < n ? this.nameKeys[o] : this.altKeys[o - n];
                sortedPlace[k] = o < n ? o : o - n;
            }
        }

        static PrefixIndex load(java.sql.Connection c) throws SQLException {
            List<CogPlace> places = new ArrayList<>();
            List<String> names = new ArrayList<>();
            List<String> alts = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + ", name_key, alt_key FROM ins_cog_place");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    places.add(place(rs));
                    names.add(rs.getString(8));
                    alts.add(rs.getString(9));
                }
            }
            return new PrefixIndex(places, names, alts);
        }

        List<CogPlace> search(String key, LocalDate date, int max) {
            int lo = 0;
            int hi = sortedKeys.length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (sortedKeys[mid].compareTo(key) < 0) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            java.util.BitSet seen = new java.util.BitSet(places.length);
            List<Integer> hits = new ArrayList<>();
            for (int k = lo; k < sortedKeys.length && sortedKeys[k].startsWith(key); k++) {
                int p = sortedPlace[k];
                if (seen.get(p)) {
                    continue;
                }
                seen.set(p);
                CogPlace place = places[p];
                if (date != null && (place.validFrom().isAfter(date) || place.validTo() != null && !place.validTo().isAfter(date))) {
                    continue;
                }
                hits.add(p);
            }
            hits.sort(java.util.Comparator.<Integer>comparingInt(p -> nameKeys[p].equals(key) || altKeys[p].equals(key) ? 0 : 1)
                    .thenComparingInt(p -> places[p].validTo() == null ? 0 : 1)
                    .thenComparing(p -> nameKeys[p])
                    .thenComparing(p -> places[p].code())
                    .thenComparing(p -> places[p].validFrom(), java.util.Comparator.reverseOrder()));
            List<CogPlace> out = new ArrayList<>();
            for (int k = 0; k < hits.size() && k < max; k++) {
                out.add(places[hits.get(k)]);
            }
            return out;
        }
    }
}
