package org.caducee.cda.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import javax.xml.transform.Source;
import javax.xml.transform.sax.SAXSource;

import org.xml.sax.InputSource;

import net.sf.saxon.lib.ResourceRequest;
import net.sf.saxon.lib.ResourceResolver;
import net.sf.saxon.trans.XPathException;

/**
 * Saxon resource resolver that serves, for a file the kit's schematrons request but the kit does not ship, the file
 * of {@code kit-fixes.properties} (path suffix → replacement relative to the kit root), parsed by the hardened reader.
 * Everything else goes to Saxon's own resolver.
 */
final class KitFixes implements ResourceResolver {

    private static final System.Logger LOG = System.getLogger(KitFixes.class.getName());

    private final ResourceResolver fallback;
    private final Map<String, String> fixes = new TreeMap<>();
    private final Set<String> logged = ConcurrentHashMap.newKeySet();

    KitFixes(ResourceResolver fallback) {
        this.fallback = fallback;
        Properties p = new Properties();
        try (InputStream in = KitFixes.class.getResourceAsStream("kit-fixes.properties")) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        p.stringPropertyNames().forEach(k -> fixes.put(k, p.getProperty(k).trim()));
    }

    @Override
    public Source resolve(ResourceRequest request) throws XPathException {
        String uri = request.uri;
        if (uri != null && uri.startsWith("file:")) {
            for (Map.Entry<String, String> fix : fixes.entrySet()) {
                if (uri.endsWith("/" + fix.getKey())) {
                    Path requested = Path.of(URI.create(uri));
                    if (!Files.exists(requested)) {
                        String base = uri.substring(0, uri.length() - fix.getKey().length());
                        Path replacement = Path.of(URI.create(base + fix.getValue()));
                        if (Files.isRegularFile(replacement)) {
                            if (logged.add(uri)) {
                                LOG.log(System.Logger.Level.WARNING, () -> "Kit ANS : « " + requested + " » absent du kit, remplacé par « " + replacement + " »");
                            }
                            InputSource input = new InputSource(replacement.toUri().toString());
                            return new SAXSource(HardenedReaders.newReader(), input);
                        }
                    }
                }
            }
        }
        Source caseFixed = caseInsensitive(uri);
        if (caseFixed != null) {
            return caseFixed;
        }
        return fallback == null ? null : fallback.resolve(request);
    }

    /**
     * The kit is written on a case-insensitive file system (Windows): when a requested {@code file:} name does not
     * exist, the file of the same directory whose name differs only by letter case is served (e.g.
     * {@code JDV_RechAgHbS-CISIS.sch} included by CSE-CS8, shipped as {@code JDV_rechAgHbS-CISIS.sch}).
     */
    private Source caseInsensitive(String uri) {
        if (uri == null || !uri.startsWith("file:")) {
            return null;
        }
        try {
            Path requested = Path.of(URI.create(uri));
            if (Files.exists(requested) || requested.getParent() == null || !Files.isDirectory(requested.getParent())) {
                return null;
            }
            String name = requested.getFileName().toString();
            try (var files = Files.list(requested.getParent())) {
                Path match = files.filter(f -> f.getFileName().toString().equalsIgnoreCase(name)).findFirst().orElse(null);
                if (match == null) {
                    return null;
                }
                if (logged.add(uri)) {
                    LOG.log(System.Logger.Level.WARNING, () -> "Kit ANS : « " + requested + " » lu sous le nom « " + match.getFileName() + " » (casse)");
                }
                return new SAXSource(HardenedReaders.newReader(), new InputSource(match.toUri().toString()));
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
