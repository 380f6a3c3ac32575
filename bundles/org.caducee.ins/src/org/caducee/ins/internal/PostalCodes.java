package org.caducee.ins.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The La Poste "base officielle des codes postaux" (public file, data.gouv.fr) as postal code → INSEE commune codes,
 * so that a birthplace can be found by the postal code a patient remembers. Both published layouts are read: the
 * historical one ({@code #Code_commune_INSEE;Nom_de_la_commune;Code_postal;…}, semicolons, Latin-1) and the current
 * one ({@code code_commune_insee,nom_de_la_commune,code_postal,…}, commas, UTF-8); columns are found by their names.
 * Only codes are kept, so the file's character set does not matter. One postal code often serves several communes
 * and a commune may have several postal codes.
 */
final class PostalCodes {

    private static final Pattern POSTAL = Pattern.compile("\\d{5}");

    private final Map<String, List<String>> communesByPostalCode;

    private PostalCodes(Map<String, List<String>> communesByPostalCode) {
        this.communesByPostalCode = communesByPostalCode;
    }

    static PostalCodes empty() {
        return new PostalCodes(Map.of());
    }

    /** Reads the file; a file without the expected columns is refused with a French message. */
    static PostalCodes read(Path file) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            String header = in.readLine();
            if (header == null) {
                throw new IOException(Messages.get("cog.csv.empty", file));
            }
            char separator = header.indexOf(';') >= 0 ? ';' : ',';
            String[] names = header.replace("\uFEFF", "").replace("\u00EF\u00BB\u00BF", "").replace("#", "").replace("\"", "").split(Pattern.quote(String.valueOf(separator)), -1);
            int insee = -1;
            int postal = -1;
            for (int i = 0; i < names.length; i++) {
                String n = names[i].trim().toLowerCase(Locale.ROOT);
                if (insee < 0 && n.contains("insee")) {
                    insee = i;
                } else if (postal < 0 && n.contains("postal")) {
                    postal = i;
                }
            }
            if (insee < 0 || postal < 0) {
                throw new IOException(Messages.get("postal.columns", file));
            }
            Map<String, Set<String>> map = new HashMap<>();
            String line;
            while ((line = in.readLine()) != null) {
                String[] cells = line.split(Pattern.quote(String.valueOf(separator)), -1);
                if (cells.length <= Math.max(insee, postal)) {
                    continue;
                }
                String p = cells[postal].replace("\"", "").trim();
                String c = cells[insee].replace("\"", "").trim().toUpperCase(Locale.ROOT);
                if (POSTAL.matcher(p).matches() && CogQueries.CODE.matcher(c).matches()) {
                    map.computeIfAbsent(p, k -> new LinkedHashSet<>()).add(c);
                }
            }
            Map<String, List<String>> out = new HashMap<>();
            map.forEach((k, v) -> out.put(k, List.copyOf(new ArrayList<>(v))));
            return new PostalCodes(Map.copyOf(out));
        }
    }

    boolean isEmpty() {
        return communesByPostalCode.isEmpty();
    }

    /** The INSEE codes of the communes a postal code serves; empty when unknown. */
    List<String> communes(String postalCode) {
        return postalCode == null ? List.of() : communesByPostalCode.getOrDefault(postalCode.trim(), List.of());
    }
}
