package org.caducee.workbench.tests;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Builds, in memory, the smallest bundle an integrator would drop in: a manifest with a {@code Model-Fragment}
 * header and a fragment that adds a tab to the patient record slot.
 */
final class DropInBundle {

    static final String PART_LABEL = "Extension de test";

    private DropInBundle() {
    }

    static byte[] jar() throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", "org.caducee.example.dropin;singleton:=true");
        main.putValue("Bundle-Version", "1.0.0");
        main.putValue("Model-Fragment", "fragment.e4xmi");
        String fragment = """
                <?xml version="1.0" encoding="UTF-8"?>
                <fragment:ModelFragments xmi:version="2.0" xmlns:xmi="http://www.omg.org/XMI" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:basic="http://www.eclipse.org/ui/2010/UIModel/application/ui/basic" xmlns:fragment="http://www.eclipse.org/ui/2010/UIModel/fragment" xmi:id="_dropinFragments">
                  <fragments xsi:type="fragment:StringModelFragment" xmi:id="_dropinFragment" featurename="children" parentElementId="org.caducee.workbench.stack.record">
                    <elements xsi:type="basic:Part" xmi:id="_dropinPart" elementId="org.caducee.example.dropin.part" contributionURI="bundleclass://org.caducee.workbench/org.caducee.workbench.tests.DropInPart" label="%s" closeable="true"/>
                  </fragments>
                </fragment:ModelFragments>
                """.formatted(PART_LABEL);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes, manifest)) {
            jar.putNextEntry(new JarEntry("fragment.e4xmi"));
            jar.write(fragment.getBytes(StandardCharsets.UTF_8));
            jar.closeEntry();
        }
        return bytes.toByteArray();
    }
}
