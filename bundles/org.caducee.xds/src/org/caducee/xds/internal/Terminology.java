package org.caducee.xds.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

import org.caducee.security.xml.SecureXml;
import org.caducee.xds.XdsCode;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The XDS terminologies: the CI-SIS value sets of the ANS kit ({@code jeuxDeValeurs/JDV_J0x_*.xml}, IHE SVS) for the
 * display names and the codes allowed, and the two NOS correspondence tables that the kit does not ship (ASS_X04
 * type→class, ASS_A11 template→format), kept as bundled resources. Value sets are read once, lazily.
 */
final class Terminology {

    static final String CLASS_SCHEME = "1.2.250.1.213.1.1.4.1";
    static final String IHE_FORMAT_SCHEME = "1.3.6.1.4.1.19376.1.2.3";
    static final String FR_FORMAT_SCHEME = "1.2.250.1.213.1.1.4.2.282";

    static final String TYPE = "JDV_J07_XdsTypeCode_CISIS.xml";
    static final String CONFIDENTIALITY = "JDV_J08_XdsConfidentialityCode_CISIS.xml";
    static final String FACILITY = "JDV_J02_XdsHealthcareFacilityTypeCode_CISIS.xml";
    static final String PRACTICE = "JDV_J04_XdsPracticeSettingCode_CISIS.xml";
    static final String SPECIALTY = "JDV_J01_XdsAuthorSpecialty_CISIS.xml";

    private final Path valueSetDir;
    private final Map<String, Map<String, XdsCode>> valueSets = new ConcurrentHashMap<>();
    private final Map<String, String[]> classByType;
    private final Map<String, String[]> formatByTemplate;

    Terminology(Path kitDirectory) {
        this.valueSetDir = kitDirectory == null ? null : kitDirectory.resolve("jeuxDeValeurs");
        this.classByType = table("class-codes.properties");
        this.formatByTemplate = table("format-codes.properties");
    }

    /** The classCode of a document type (ASS_X04), when the table knows the type. */
    Optional<XdsCode> classCodeFor(String typeCode) {
        String[] row = classByType.get(typeCode);
        return row == null ? Optional.empty() : Optional.of(new XdsCode(row[0], CLASS_SCHEME, row[1].isEmpty() ? null : row[1]));
    }

    /** The formatCode of a templateId or, for level 1, of a media type (ASS_A11). */
    Optional<XdsCode> formatCodeFor(String key) {
        String[] row = formatByTemplate.get(key);
        if (row == null) {
            return Optional.empty();
        }
        String scheme = row[0].startsWith("urn:ihe:") ? IHE_FORMAT_SCHEME : FR_FORMAT_SCHEME;
        return Optional.of(new XdsCode(row[0], scheme, row[1].isEmpty() ? null : row[1]));
    }

    /** A concept of a kit value set, by code. */
    Optional<XdsCode> concept(String valueSet, String code) {
        if (code == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(valueSet(valueSet).get(code));
    }

    /** Fills the coding scheme and display name of a code from a value set when the source left them out. */
    XdsCode complete(String valueSet, XdsCode code) {
        if (code == null || code.code().isEmpty()) {
            return code;
        }
        Optional<XdsCode> known = concept(valueSet, code.code());
        if (known.isEmpty()) {
            return code;
        }
        return new XdsCode(code.code(), code.codingScheme() != null ? code.codingScheme() : known.get().codingScheme(),
                code.displayName() != null && !code.displayName().isBlank() ? code.displayName() : known.get().displayName());
    }

    boolean valueSetsAvailable() {
        return valueSetDir != null && Files.isDirectory(valueSetDir);
    }

    private Map<String, XdsCode> valueSet(String file) {
        return valueSets.computeIfAbsent(file, f -> {
            if (valueSetDir == null) {
                return Map.of();
            }
            Path path = valueSetDir.resolve(f);
            if (!Files.isRegularFile(path)) {
                return Map.of();
            }
            try (InputStream in = Files.newInputStream(path)) {
                Document doc = SecureXml.parse(in);
                NodeList concepts = doc.getElementsByTagNameNS("*", "Concept");
                Map<String, XdsCode> out = new LinkedHashMap<>();
                for (int i = 0; i < concepts.getLength(); i++) {
                    Element c = (Element) concepts.item(i);
                    out.putIfAbsent(c.getAttribute("code"), new XdsCode(c.getAttribute("code"), c.getAttribute("codeSystem"),
                            c.getAttribute("displayName")));
                }
                return Map.copyOf(out);
            } catch (IOException | RuntimeException e) {
                return Map.of();
            }
        });
    }

    private static Map<String, String[]> table(String resource) {
        Properties p = new Properties();
        try (InputStream in = Terminology.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource);
            }
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(resource, e);
        }
        Map<String, String[]> out = new HashMap<>();
        p.forEach((k, v) -> {
            String value = v.toString();
            int bar = value.indexOf('|');
            out.put(k.toString().trim(), bar < 0 ? new String[] {value.trim(), ""} : new String[] {value.substring(0, bar).trim(),
                    value.substring(bar + 1).trim()});
        });
        return Map.copyOf(out);
    }
}
