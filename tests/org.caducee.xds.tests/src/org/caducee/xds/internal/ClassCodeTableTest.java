package org.caducee.xds.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.caducee.security.xml.SecureXml;
import org.caducee.xds.XdsCode;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Every document type of the CI-SIS type value set (JDV_J07) has its class (ASS_X04): without one, no IHE_XDM archive
 * nor DMP submission can be built for a document of that type (a consultation note, 11488-4, was missing once).
 */
class ClassCodeTableTest {

    private static final Path KIT = Path.of(System.getProperty("caducee.shared", "../../../shared")).toAbsolutePath().normalize()
            .resolve("ans").resolve("testcontenucda");

    @Test
    void everyTypeOfTheKitValueSetHasAClass() throws Exception {
        Terminology terminology = new Terminology(KIT);
        List<String> missing = new ArrayList<>();
        try (InputStream in = Files.newInputStream(KIT.resolve("jeuxDeValeurs").resolve(Terminology.TYPE))) {
            NodeList concepts = SecureXml.parse(in).getElementsByTagNameNS("*", "Concept");
            assertThat(concepts.getLength()).isGreaterThan(100);
            for (int i = 0; i < concepts.getLength(); i++) {
                String type = ((Element) concepts.item(i)).getAttribute("code");
                // E1762 (ASTM signature) is classed in the URN nomenclature (TRE_A10), not in TRE_A03
                if (!"E1762".equals(type) && terminology.classCodeFor(type).isEmpty()) {
                    missing.add(type);
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void consultationNotesAreReportsAndImagingIsImaging() {
        Terminology terminology = new Terminology(KIT);
        assertThat(terminology.classCodeFor("11488-4")).contains(new XdsCode("10", Terminology.CLASS_SCHEME, "Compte rendu"));
        assertThat(terminology.classCodeFor("18748-4")).contains(new XdsCode("31", Terminology.CLASS_SCHEME, "Imagerie médicale"));
        assertThat(terminology.classCodeFor("REMB")).contains(new XdsCode("60", Terminology.CLASS_SCHEME, "Données de remboursement"));
    }
}
