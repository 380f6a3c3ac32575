package org.caducee.xds.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.caducee.core.patient.PatientRepository;
import org.caducee.testing.CliHarness;
import org.caducee.xds.DocumentImport;
import org.caducee.xds.DocumentVersions;
import org.caducee.xds.Worklist;
import org.caducee.xds.XdmArchives;
import org.caducee.xds.internal.DocCliCommand;
import org.caducee.xds.internal.XdmCliCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code xdm pack|verify|unpack} and {@code doc import|versions|worklist} through picocli, on the fixture's services. */
@SuppressWarnings("unchecked")
class XdsCliTest {

    @TempDir
    Path dir;

    /** The command line on the fixture's services. */
    private static CliHarness cli(XdsFixture f) {
        return new CliHarness(type -> type == XdmArchives.class ? f.archives : type == DocumentImport.class ? f.imports
                : type == DocumentVersions.class ? f.versions : type == Worklist.class ? f.worklist
                        : type == PatientRepository.class ? f.patients : null);
    }

    @Test
    void packVerifyUnpackImportVersionsWorklist() throws Exception {
        try (XdsFixture f = new XdsFixture(dir, false)) {
            CliHarness cli = cli(f);
            Path cda = Files.write(dir.resolve("cs9.xml"), XdsFixture.exampleCda("CSE-CS9_2025.01"));
            Path zip = dir.resolve("IHE_XDM.zip");
            assertThat(cli.run(new XdmCliCommand().command(cli), "pack", cda.toString(), "--out", zip.toString(), "--invisible-patient"))
                    .as(cli.output()).isZero();
            assertThat(cli.run(new XdmCliCommand().command(cli), "verify", zip.toString())).as(cli.output()).isZero();
            assertThat(((List<Map<String, Object>>) ((Map<String, Object>) cli.document()).get("documents")).get(0).get("confidentiality"))
                    .isEqualTo(List.of("N", "INVISIBLE_PATIENT"));
            Path folder = dir.resolve("unpacked");
            assertThat(cli.run(new XdmCliCommand().command(cli), "unpack", zip.toString(), "--out", folder.toString())).isZero();
            assertThat(folder.resolve("IHE_XDM/SUBSET01/DOC0001.XML")).hasSameBinaryContentAs(cda);

            assertThat(cli.run(new DocCliCommand().command(cli), "import", zip.toString())).as(cli.output()).isZero();
            Map<String, Object> imported = ((List<Map<String, Object>>) ((Map<String, Object>) cli.document()).get("outcomes")).get(0);
            assertThat(imported.get("status")).isEqualTo("STORED");
            assertThat(cli.run(new DocCliCommand().command(cli), "versions", (String) imported.get("setId"))).isZero();
            assertThat(cli.output()).contains("(dernière version)");

            // an unknown patient: worklist, exit code 1; listed by doc worklist
            Path mde = Files.write(dir.resolve("mde.zip"), XdsFixture.example("CSE-MDE_2023.01"));
            assertThat(cli.run(new DocCliCommand().command(cli), "import", mde.toString())).isEqualTo(1);
            String importOutput = cli.output();
            assertThat(cli.run(new DocCliCommand().command(cli), "worklist")).isZero();
            assertThat(importOutput + cli.output()).contains("Patient inconnu", "1 document(s) en attente");
            // the user picks the patient: filed, the item leaves the worklist
            String item = (String) ((List<Map<String, Object>>) ((Map<String, Object>) cli.document()).get("items")).get(0).get("id");
            assertThat(cli.run(new DocCliCommand().command(cli), "resolve", item, "--patient", f.decourcy.id().toString())).as(cli.output())
                    .isZero();
            assertThat(f.worklist.open()).isEmpty();
            assertThat(f.documents.forPatient(f.decourcy.id())).hasSize(2);

            // a tampered archive: verify fails with the reason
            byte[] bad = XdsFixture.withMetadata(Files.readAllBytes(zip), m -> m.replaceFirst("[0-9A-F]{40}", "0".repeat(40)));
            Path badZip = Files.write(dir.resolve("bad.zip"), bad);
            assertThat(cli.run(new XdmCliCommand().command(cli), "verify", badZip.toString())).isEqualTo(1);
            assertThat(cli.output()).contains("a été altéré");
        }
    }
}
