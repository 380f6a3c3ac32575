package org.caducee.security.internal;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import org.caducee.security.backup.BackupException;
import org.caducee.security.backup.BackupException.Reason;

/**
 * Portable export of every table of the current schema through JDBC (same format from H2 and PostgreSQL), and its
 * loading back in one transaction, tables in foreign-key order. Names are stored in lower case and matched without
 * regard to case, so a dump of H2 loads into PostgreSQL and back.
 *
 * <pre>
 * dump   = format (int, 1) | dialect (UTF) | table* | 0 (byte)
 * table  = 1 (byte) | name (UTF) | column count (int) | (name (UTF) | kind (byte))* | row* | 0 (byte)
 * row    = 1 (byte) | value*          value = 0 (null) or 1 (present) followed by the kind's encoding
 * </pre>
 */
final class TableDump {

    static final String HISTORY_TABLE = "caducee_schema_history";
    static final String AUDIT_HEAD_TABLE = "caducee_audit_head";
    private static final int FORMAT = 1;

    enum Kind {
        TEXT, INTEGER, BOOLEAN, DOUBLE, DECIMAL, BYTES, TIMESTAMP_TZ, TIMESTAMP, DATE, UUID, TIME
    }

    record Column(String name, Kind kind) {
    }

    record Table(String name, List<Column> columns) {
    }

    /** Receives a dump as it is read. */
    interface Sink {
        void table(Table table) throws SQLException;

        void row(Object[] values) throws SQLException;

        void endTable() throws SQLException;
    }

    private TableDump() {
    }

    // ------------------------------------------------------------------ export

    /** Writes every table of {@code c}'s current schema, parents before children; returns the rows per table. */
    static Map<String, Long> export(Connection c, String dialect, DataOutputStream out) throws SQLException, IOException {
        Map<String, String> tables = tables(c);
        Map<String, Long> counts = new TreeMap<>();
        out.writeInt(FORMAT);
        out.writeUTF(dialect);
        for (String name : order(c, tables)) {
            Map.Entry<String, String> t = Map.entry(name, tables.get(name));
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + quote(t.getValue()))) {
                ResultSetMetaData md = rs.getMetaData();
                List<Column> columns = new ArrayList<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    columns.add(new Column(md.getColumnName(i).toLowerCase(Locale.ROOT), kind(md.getColumnType(i), md.getColumnTypeName(i))));
                }
                out.writeByte(1);
                out.writeUTF(t.getKey());
                out.writeInt(columns.size());
                for (Column col : columns) {
                    out.writeUTF(col.name);
                    out.writeByte(col.kind.ordinal());
                }
                long n = 0;
                while (rs.next()) {
                    out.writeByte(1);
                    for (int i = 0; i < columns.size(); i++) {
                        write(out, columns.get(i).kind, read(rs, i + 1, columns.get(i).kind));
                    }
                    n++;
                }
                out.writeByte(0);
                counts.put(t.getKey(), n);
            }
        }
        out.writeByte(0);
        return counts;
    }

    /** Lower-case name → actual name of the base tables of the current schema. */
    static Map<String, String> tables(Connection c) throws SQLException {
        Map<String, String> tables = new TreeMap<>();
        DatabaseMetaData md = c.getMetaData();
        try (ResultSet rs = md.getTables(c.getCatalog(), c.getSchema(), "%", null)) {
            while (rs.next()) {
                String type = rs.getString("TABLE_TYPE");
                if ("TABLE".equalsIgnoreCase(type) || "BASE TABLE".equalsIgnoreCase(type)) {
                    String name = rs.getString("TABLE_NAME");
                    tables.put(name.toLowerCase(Locale.ROOT), name);
                }
            }
        }
        return tables;
    }

    private static Kind kind(int type, String typeName) {
        String name = typeName == null ? "" : typeName.toLowerCase(Locale.ROOT);
        if (name.equals("uuid")) {
            return Kind.UUID;
        }
        if (name.contains("timestamptz") || name.contains("with time zone") || type == Types.TIMESTAMP_WITH_TIMEZONE) {
            return Kind.TIMESTAMP_TZ;
        }
        return switch (type) {
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> Kind.INTEGER;
            case Types.BOOLEAN, Types.BIT -> Kind.BOOLEAN;
            case Types.REAL, Types.FLOAT, Types.DOUBLE -> Kind.DOUBLE;
            case Types.NUMERIC, Types.DECIMAL -> Kind.DECIMAL;
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> Kind.BYTES;
            case Types.TIMESTAMP -> Kind.TIMESTAMP;
            case Types.DATE -> Kind.DATE;
            case Types.TIME, Types.TIME_WITH_TIMEZONE -> Kind.TIME;
            default -> Kind.TEXT;
        };
    }

    private static Object read(ResultSet rs, int i, Kind kind) throws SQLException {
        Object value = switch (kind) {
            case TEXT -> rs.getString(i);
            case INTEGER -> rs.getLong(i);
            case BOOLEAN -> rs.getBoolean(i);
            case DOUBLE -> rs.getDouble(i);
            case DECIMAL -> rs.getBigDecimal(i);
            case BYTES -> rs.getBytes(i);
            case TIMESTAMP_TZ -> rs.getObject(i, OffsetDateTime.class);
            case TIMESTAMP -> rs.getObject(i, LocalDateTime.class);
            case DATE -> rs.getObject(i, LocalDate.class);
            case UUID -> rs.getObject(i, UUID.class);
            case TIME -> rs.getObject(i, LocalTime.class);
        };
        return rs.wasNull() ? null : value;
    }

    private static void write(DataOutputStream out, Kind kind, Object value) throws IOException {
        if (value == null) {
            out.writeByte(0);
            return;
        }
        out.writeByte(1);
        switch (kind) {
            case INTEGER -> out.writeLong((Long) value);
            case BOOLEAN -> out.writeBoolean((Boolean) value);
            case DOUBLE -> out.writeDouble((Double) value);
            case BYTES -> {
                byte[] b = (byte[]) value;
                out.writeInt(b.length);
                out.write(b);
            }
            default -> {
                byte[] b = value.toString().getBytes(StandardCharsets.UTF_8);
                out.writeInt(b.length);
                out.write(b);
            }
        }
    }

    // ------------------------------------------------------------------ reading

    /** Reads a dump, handing it to {@code sink}; any structural problem is an altered archive. */
    static String read(DataInputStream in, Sink sink) throws IOException, SQLException {
        if (in.readInt() != FORMAT) {
            throw new BackupException(Reason.INCOMPATIBLE, Messages.get("backup.version", "?"));
        }
        String dialect = in.readUTF();
        Kind[] kinds = Kind.values();
        while (in.readByte() == 1) {
            String name = in.readUTF();
            int n = in.readInt();
            if (n < 0 || n > 10_000) {
                throw new BackupException(Reason.TAMPERED, Messages.get("backup.tampered"));
            }
            List<Column> columns = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String column = in.readUTF();
                int k = in.readByte();
                if (k < 0 || k >= kinds.length) {
                    throw new BackupException(Reason.TAMPERED, Messages.get("backup.tampered"));
                }
                columns.add(new Column(column, kinds[k]));
            }
            sink.table(new Table(name, columns));
            byte marker;
            while ((marker = in.readByte()) == 1) {
                Object[] values = new Object[n];
                for (int i = 0; i < n; i++) {
                    values[i] = value(in, columns.get(i).kind);
                }
                sink.row(values);
            }
            if (marker != 0) {
                throw new BackupException(Reason.TAMPERED, Messages.get("backup.tampered"));
            }
            sink.endTable();
        }
        return dialect;
    }

    private static Object value(DataInputStream in, Kind kind) throws IOException {
        if (in.readByte() == 0) {
            return null;
        }
        return switch (kind) {
            case INTEGER -> in.readLong();
            case BOOLEAN -> in.readBoolean();
            case DOUBLE -> in.readDouble();
            case BYTES -> bytes(in);
            case TEXT -> new String(bytes(in), StandardCharsets.UTF_8);
            case DECIMAL -> new BigDecimal(text(in));
            case TIMESTAMP_TZ -> OffsetDateTime.parse(text(in));
            case TIMESTAMP -> LocalDateTime.parse(text(in));
            case DATE -> LocalDate.parse(text(in));
            case UUID -> java.util.UUID.fromString(text(in));
            case TIME -> LocalTime.parse(text(in));
        };
    }

    private static String text(DataInputStream in) throws IOException {
        return new String(bytes(in), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > 512 * 1024 * 1024) {
            throw new BackupException(Reason.TAMPERED, Messages.get("backup.tampered"));
        }
        return in.readNBytes(n);
    }

    // ------------------------------------------------------------------ loading

    /** Collects the rows of the schema history and the table names (first pass). */
    static final class Survey implements Sink {
        final Map<String, Long> rows = new TreeMap<>();
        final Set<String> history = new HashSet<>();
        /** {@code last_seq} of the archived audit head, -1 when absent. */
        long auditHead = -1;
        private int lastSeq = -1;
        private Table current;
        private int module = -1;
        private int version = -1;

        @Override
        public void table(Table table) {
            current = table;
            rows.put(table.name, 0L);
            module = version = lastSeq = -1;
            for (int i = 0; i < table.columns.size(); i++) {
                if (table.columns.get(i).name.equals("last_seq")) {
                    lastSeq = i;
                }
                if (table.columns.get(i).name.equals("module")) {
                    module = i;
                } else if (table.columns.get(i).name.equals("version")) {
                    version = i;
                }
            }
        }

        @Override
        public void row(Object[] values) {
            rows.merge(current.name, 1L, Long::sum);
            if (current.name.equals(AUDIT_HEAD_TABLE) && lastSeq >= 0 && values[lastSeq] instanceof Long seq) {
                auditHead = seq;
            }
            if (current.name.equals(HISTORY_TABLE) && module >= 0 && version >= 0) {
                history.add(values[module] + ":" + values[version]);
            }
        }

        @Override
        public void endTable() {
            current = null;
        }
    }

    /** The applied migrations of the current database, as {@code module:version}. */
    static Set<String> history(Connection c, Map<String, String> tables) throws SQLException {
        Set<String> history = new HashSet<>();
        String actual = tables.get(HISTORY_TABLE);
        if (actual == null) {
            return history;
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + quote(actual))) {
            ResultSetMetaData md = rs.getMetaData();
            int module = -1;
            int version = -1;
            for (int i = 1; i <= md.getColumnCount(); i++) {
                String name = md.getColumnName(i).toLowerCase(Locale.ROOT);
                if (name.equals("module")) {
                    module = i;
                } else if (name.equals("version")) {
                    version = i;
                }
            }
            while (rs.next() && module > 0 && version > 0) {
                history.add(rs.getString(module) + ":" + rs.getLong(version));
            }
        }
        return history;
    }

    /** Loads a dump into the current schema of {@code c} (the caller commits or rolls back). */
    static final class Loader implements Sink {
        private final Connection c;
        private final Map<String, String> tables;
        private PreparedStatement insert;
        private int[] targetTypes;
        private Table current;
        private int batch;

        Loader(Connection c, Map<String, String> tables) {
            this.c = c;
            this.tables = tables;
        }

        /** Empties every table, children first. */
        void clear() throws SQLException {
            List<String> order = order(c, tables);
            try (Statement s = c.createStatement()) {
                for (int i = order.size() - 1; i >= 0; i--) {
                    s.executeUpdate("DELETE FROM " + quote(tables.get(order.get(i))));
                }
            }
        }

        @Override
        public void table(Table table) throws SQLException {
            current = table;
            String actual = tables.get(table.name);
            StringBuilder sql = new StringBuilder("INSERT INTO ").append(quote(actual)).append(" (");
            Map<String, Integer> types = new HashMap<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + quote(actual) + " WHERE 1 = 0")) {
                ResultSetMetaData md = rs.getMetaData();
                Map<String, String> names = new HashMap<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    names.put(md.getColumnName(i).toLowerCase(Locale.ROOT), md.getColumnName(i));
                    types.put(md.getColumnName(i).toLowerCase(Locale.ROOT), md.getColumnType(i));
                }
                for (int i = 0; i < table.columns.size(); i++) {
                    String name = names.get(table.columns.get(i).name);
                    if (name == null) {
                        throw new BackupException(Reason.INCOMPATIBLE, Messages.get("backup.columns", table.name, table.columns.get(i).name));
                    }
                    sql.append(i == 0 ? "" : ", ").append(quote(name));
                }
            }
            sql.append(") VALUES (").append("?, ".repeat(Math.max(0, table.columns.size() - 1))).append(table.columns.isEmpty() ? "" : "?")
                    .append(')');
            targetTypes = table.columns.stream().mapToInt(col -> types.get(col.name)).toArray();
            insert = c.prepareStatement(sql.toString());
            batch = 0;
        }

        @Override
        public void row(Object[] values) throws SQLException {
            for (int i = 0; i < values.length; i++) {
                Object v = values[i];
                int p = i + 1;
                if (v == null) {
                    insert.setNull(p, targetTypes[i]);
                } else if (v instanceof String s) {
                    insert.setString(p, s);
                } else if (v instanceof Long l) {
                    if (targetTypes[i] == Types.INTEGER || targetTypes[i] == Types.SMALLINT || targetTypes[i] == Types.TINYINT) {
                        insert.setInt(p, l.intValue());
                    } else {
                        insert.setLong(p, l);
                    }
                } else if (v instanceof Boolean b) {
                    insert.setBoolean(p, b);
                } else if (v instanceof Double d) {
                    insert.setDouble(p, d);
                } else if (v instanceof BigDecimal d) {
                    insert.setBigDecimal(p, d);
                } else if (v instanceof byte[] b) {
                    insert.setBytes(p, b);
                } else {
                    insert.setObject(p, v);
                }
            }
            insert.addBatch();
            if (++batch == 500) {
                insert.executeBatch();
                batch = 0;
            }
        }

        @Override
        public void endTable() throws SQLException {
            if (batch > 0) {
                insert.executeBatch();
            }
            insert.close();
            insert = null;
            current = null;
        }

        Table current() {
            return current;
        }
    }

    /** Tables in an order where every table comes after the tables it references. */
    static List<String> order(Connection c, Map<String, String> tables) throws SQLException {
        Map<String, Set<String>> parents = new LinkedHashMap<>();
        DatabaseMetaData md = c.getMetaData();
        for (Map.Entry<String, String> t : tables.entrySet()) {
            Set<String> p = new HashSet<>();
            try (ResultSet rs = md.getImportedKeys(c.getCatalog(), c.getSchema(), t.getValue())) {
                while (rs.next()) {
                    String parent = rs.getString("PKTABLE_NAME").toLowerCase(Locale.ROOT);
                    if (!parent.equals(t.getKey()) && tables.containsKey(parent)) {
                        p.add(parent);
                    }
                }
            }
            parents.put(t.getKey(), p);
        }
        List<String> order = new ArrayList<>();
        Set<String> done = new HashSet<>();
        Deque<String> pending = new ArrayDeque<>(parents.keySet());
        int guard = 0;
        while (!pending.isEmpty() && guard++ < 100_000) {
            String t = pending.poll();
            if (done.containsAll(parents.get(t))) {
                order.add(t);
                done.add(t);
            } else {
                pending.add(t);
            }
        }
        order.addAll(pending);
        return order;
    }

    /** After loading: identity columns continue after the highest restored value. */
    static void resetIdentities(Connection c, Map<String, String> tables, boolean postgresql) throws SQLException {
        for (String actual : tables.values()) {
            List<String> identities = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + quote(actual) + " WHERE 1 = 0")) {
                ResultSetMetaData md = rs.getMetaData();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    if (md.isAutoIncrement(i)) {
                        identities.add(md.getColumnName(i));
                    }
                }
            }
            for (String column : identities) {
                long max;
                try (Statement s = c.createStatement();
                        ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(" + quote(column) + "), 0) FROM " + quote(actual))) {
                    rs.next();
                    max = rs.getLong(1);
                }
                try (Statement s = c.createStatement()) {
                    if (postgresql) {
                        try (PreparedStatement ps = c.prepareStatement("SELECT setval(pg_get_serial_sequence(?, ?), ?, ?)")) {
                            ps.setString(1, quote(c.getSchema()) + "." + quote(actual));
                            ps.setString(2, column);
                            ps.setLong(3, Math.max(1, max));
                            ps.setBoolean(4, max > 0);
                            ps.execute();
                        }
                    } else {
                        s.execute("ALTER TABLE " + quote(actual) + " ALTER COLUMN " + quote(column) + " RESTART WITH " + (max + 1));
                    }
                }
            }
        }
    }

    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
