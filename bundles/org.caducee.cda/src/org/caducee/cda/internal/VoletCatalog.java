package org.caducee.cda.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Chooses the volet schematron of a structured document from its CI-SIS templateId ({@code volets.properties}: root
 * → volet names) and the kit's naming {@code schematrons/CI-SIS_<volet>_<version>.sch}: the version is the
 * templateId extension when the kit has that file, else the newest version the kit holds for the first name.
 */
final class VoletCatalog {

    private static final Pattern VERSION = Pattern.compile("\\d{4}\\.\\d{2}");

    private final Map<String, List<String>> volets = new LinkedHashMap<>();

    VoletCatalog() {
        Properties p = new Properties();
        try (InputStream in = VoletCatalog.class.getResourceAsStream("volets.properties")) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String root : p.stringPropertyNames()) {
            List<String> names = new ArrayList<>();
            for (String n : p.getProperty(root).split(",")) {
                if (!n.isBlank()) {
                    names.add(n.trim());
                }
            }
            volets.put(root, List.copyOf(names));
        }
    }

    /** A templateId of the document. */
    record TemplateId(String root, String extension) {
    }

    /** The volet schematron file name (in {@code schematrons/}) for these templateIds, if the kit has one. */
    Optional<String> schematron(Path schematronDir, List<TemplateId> templateIds) {
        for (TemplateId t : templateIds) {
            List<String> names = volets.get(t.root());
            if (names == null) {
                continue;
            }
            if (t.extension() != null && !t.extension().isBlank()) {
                for (String name : names) {
                    String file = "CI-SIS_" + name + "_" + t.extension().trim() + ".sch";
                    if (Files.isRegularFile(schematronDir.resolve(file))) {
                        return Optional.of(file);
                    }
                }
            }
            Optional<String> newest = newest(schematronDir, names.get(0));
            if (newest.isPresent()) {
                return newest;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> newest(Path dir, String name) {
        String prefix = "CI-SIS_" + name + "_";
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString())
                    .filter(f -> f.startsWith(prefix) && f.endsWith(".sch"))
                    .filter(f -> {
                        Matcher m = VERSION.matcher(f.substring(prefix.length(), f.length() - 4));
                        return m.matches();
                    })
                    .max(Comparator.naturalOrder());
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
