package org.caducee.ins.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reader of the INSEE CSV files: UTF-8 (BOM tolerated), comma-separated, fields in double quotes, header line. */
final class CogCsv implements AutoCloseable {

    private final BufferedReader reader;
    private final Map<String, Integer> columns = new HashMap<>();
    private final Path file;
    private String[] row;
    private int line;

    CogCsv(Path file) throws IOException {
        this.file = file;
        reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        String header = reader.readLine();
        if (header == null) {
            throw new IOException(Messages.get("cog.csv.empty", file));
        }
        if (header.startsWith("\uFEFF")) {
            header = header.substring(1);
        }
        List<String> names = split(header);
        for (int i = 0; i < names.size(); i++) {
            columns.put(names.get(i).trim().toUpperCase(java.util.Locale.ROOT), i);
        }
        line = 1;
    }

    /** Fails with a clear message when a column the import needs is absent. */
    CogCsv require(String... names) throws IOException {
        for (String n : names) {
            if (!columns.containsKey(n)) {
                throw new IOException(Messages.get("cog.csv.column", file.getFileName(), n));
            }
        }
        return this;
    }

    boolean next() throws IOException {
        String text;
        do {
            text = reader.readLine();
            line++;
            if (text == null) {
                return false;
            }
        } while (text.isBlank());
        row = split(text).toArray(String[]::new);
        return true;
    }

    /** The value of a column in the current row, trimmed, null when empty. */
    String get(String column) {
        Integer i = columns.get(column);
        if (i == null || i >= row.length) {
            return null;
        }
        String v = row[i].trim();
        return v.isEmpty() ? null : v;
    }

    int line() {
        return line;
    }

    private static List<String> split(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        cur.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    cur.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
