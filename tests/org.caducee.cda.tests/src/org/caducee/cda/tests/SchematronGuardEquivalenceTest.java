package org.caducee.cda.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.caducee.cda.internal.SchematronEngineProbe;
import org.caducee.cda.validation.Finding;
import org.junit.jupiter.api.Test;
import org.xml.sax.InputSource;

/**
 * The guarded match patterns (MatchPatternGuard) report exactly what the schematron as SchXslt2 transpiles it reports:
 * the structuration minimale schematron (the only kit schematron with guarded rules) run both ways on every official
 * example of the kit, and on a copy of each where unexpected elements are inserted in the header (so that the closed
 * "no other child" rules, the guarded ones, fire).
 */
class SchematronGuardEquivalenceTest {

    private static final String STRUC_MIN = "profils/structurationMinimale/ASIP-STRUCT-MIN-StrucMin.sch";

    @Test
    void givenEveryOfficialExample_whenGuarded_thenSameFindingsAsUnguarded() throws Exception {
        Path sch = CdaTestSupport.kit().resolve("schematrons").resolve(STRUC_MIN);
        List<Path> files;
        try (Stream<Path> s = Files.list(CdaTestSupport.kit().resolve("ExemplesCDA"))) {
            files = s.filter(p -> p.toString().endsWith(".xml")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThan(50);
        Map<String, byte[]> documents = new LinkedHashMap<>();
        for (int i = 0; i < files.size(); i++) {
            byte[] original = Files.readAllBytes(files.get(i));
            documents.put(files.get(i).getFileName().toString(), original);
            if (i % 4 == 0) {
                documents.put(files.get(i).getFileName() + " (éléments inattendus)", withUnexpectedChildren(original));
            }
        }
        // one engine at a time: each holds its own compilation of the (large) header schematron
        Map<String, List<Finding>> plain = run(new SchematronEngineProbe(CdaTestSupport::transpiler, false), sch, documents);
        Map<String, List<Finding>> guarded = run(new SchematronEngineProbe(CdaTestSupport::transpiler, true), sch, documents);

        assertThat(guarded.keySet()).containsExactlyElementsOf(plain.keySet());
        int mutatedFindings = 0;
        for (Map.Entry<String, List<Finding>> e : plain.entrySet()) {
            List<Finding> actual = guarded.get(e.getKey());
            // every failed assertion and successful report: severity, message, location, line, rule id
            assertThat(actual).as(e.getKey()).containsExactlyInAnyOrderElementsOf(e.getValue());
            assertThat(actual).as(e.getKey() + ": the schematron compiled and ran").noneMatch(f -> f.location() == null);
            if (e.getKey().endsWith("(éléments inattendus)")) {
                mutatedFindings += actual.size();
            }
        }
        assertThat(plain).hasSizeGreaterThan(90);
        assertThat(mutatedFindings).as("the mutations exercise the guarded rules").isGreaterThan(20);
    }

    private static Map<String, List<Finding>> run(SchematronEngineProbe engine, Path sch, Map<String, byte[]> documents) {
        Map<String, List<Finding>> outcomes = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> d : documents.entrySet()) {
            Object node;
            try {
                node = engine.parse(new InputSource(new ByteArrayInputStream(d.getValue())));
            } catch (Exception e) {
                continue; // an example our hardened parser refuses is covered by the validator tests; nothing to compare
            }
            outcomes.put(d.getKey(), engine.run(sch, STRUC_MIN, node));
        }
        return outcomes;
    }

    /** An element the header templates do not allow, as first child of the header elements the closed rules check. */
    private static byte[] withUnexpectedChildren(byte[] cda) {
        String text = new String(cda, StandardCharsets.UTF_8);
        List<String> parents = List.of("patientRole", "patient", "assignedAuthor", "representedOrganization",
                "assignedCustodian", "representedCustodianOrganization", "legalAuthenticator", "encompassingEncounter",
                "serviceEvent", "parentDocument");
        for (String parent : parents) {
            text = text.replaceAll("(<(?:[A-Za-z0-9]+:)?" + parent + "(?:\\s[^>]*[^/])?>)", "$1<inconnu xmlns=\"urn:hl7-org:v3\"/>");
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
