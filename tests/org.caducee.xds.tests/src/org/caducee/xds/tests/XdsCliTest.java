package org.caducee.xds.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.lang.reflect.Constructor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.caducee.cli.CliContext;
import org.caducee.cli.CliException;
import org.caducee.core.patient.PatientRepository;
import org.caducee.xds.DocumentImport;
import org.caducee.xds.DocumentVersions;
import org.caducee.xds.Worklist;
import org.caducee.xds.XdmArchives;
import org.caducee.xds.internal.DocCliCommand;
import org.caducee.xds.internal.XdmCliCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

/** {@code xdm pack|verify|unpack} and {@code doc import|versions|worklist} through picocli, on the fixture's services. */
@SuppressWarnings("unchecked")
class XdsCliTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private Object document;

    private int run(XdsFixture f, Object command, String... args) {
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        CliContext context = new CliContext() {
            @Override
            public PrintStream out() {
                return print;
            }

            @Override
            public PrintStream err() {
                return print;
            }

            @Override
            public boolean json() {
                return false;
            }

            @Override
            public boolean debug() {
                return false;
            }

            @Override
            public Optional<Path> dataDir() {
                return Optional.empty();
            }

            @Override
            public boolean sandbox() {
                return true;
            }

            @Override
            public <S> S service(Class<S> type) {
                Object s = type == XdmArchives.class ? f.archives : type == DocumentImport.class ? f.imports
                        : type == DocumentVersions.class ? f.versions : type == Worklist.class ? f.worklist
                                : type == PatientRepository.class ? f.patients : null;
                return type.cast(s);
            }

            @Override
            public void result(Object doc, String text) {
                document = doc;
                if (text != null) {
                    print.println(text);
                }
            }

            @Override
            public String message(String key, Object... a) {
                return key;
            }
        };
        CommandLine line = new CommandLine(command, new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                for (Constructor<?> c : cls.getDeclaredConstructors()) {
                    if (c.getParameterCount() == 1 && c.getParameterTypes()[0] == CliContext.class) {
                        c.setAccessible(true);
                        return cls.cast(c.newInstance(context));
                    }
                }
                return CommandLine.defaultFactory().create(cls);
            }
        });
        line.setErr(new PrintWriter(print, true));
        line.setExecutionExceptionHandler((ex, cl, parsed) -> {
            print.println(ex.getMessage());
            return ex instanceof CliException c ? c.exitCode() : 1;
        });
        return line.execute(args);
    }

    @Test
    void packVerifyUnpackImportVersionsWorklist() throws Exception {
        try (XdsFixture f = new XdsFixture(dir, false)) {
            Path cda = Files.write(dir.resolve("cs9.xml"), XdsFixture.exampleCda("CSE-CS9_2025.01"));
            Path zip = dir.resolve("IHE_XDM.zip");
            assertThat(run(f, new XdmCliCommand().command(null), "pack", cda.toString(), "--out", zip.toString(), "--invisible-patient"))
                    .as(out.toString()).isZero();
            assertThat(run(f, new XdmCliCommand().command(null), "verify", zip.toString())).as(out.toString()).isZero();
            assertThat(((List<Map<String, Object>>) ((Map<String, Object>) document).get("documents")).get(0).get("confidentiality"))
                    .isEqualTo(List.of("N", "INVISIBLE_PATIENT"));
            Path folder = dir.resolve("unpacked");
            assertThat(run(f, new XdmCliCommand().command(null), "unpack", zip.toString(), "--out", folder.toString())).isZero();
            assertThat(folder.resolve("IHE_XDM/SUBSET01/DOC0001.XML")).hasSameBinaryContentAs(cda);

            assertThat(run(f, new DocCliCommand().command(null), "import", zip.toString())).as(out.toString()).isZero();
            Map<String, Object> imported = ((List<Map<String, Object>>) ((Map<String, Object>) document).get("outcomes")).get(0);
            assertThat(imported.get("status")).isEqualTo("STORED");
            assertThat(run(f, new DocCliCommand().command(null), "versions", (String) imported.get("setId"))).isZero();
            assertThat(out.toString()).contains("(dernière version)");

            // an unknown patient: worklist, exit code 1; listed by doc worklist
            Path mde = Files.write(dir.resolve("mde.zip"), XdsFixture.example("CSE-MDE_2023.01"));
            assertThat(run(f, new DocCliCommand().command(null), "import", mde.toString())).isEqualTo(1);
            assertThat(run(f, new DocCliCommand().command(null), "worklist")).isZero();
            assertThat(out.toString()).contains("Patient inconnu", "1 document(s) en attente");
            // the user picks the patient: filed, the item leaves the worklist
            String item = (String) ((List<Map<String, Object>>) ((Map<String, Object>) document).get("items")).get(0).get("id");
            assertThat(run(f, new DocCliCommand().command(null), "resolve", item, "--patient", f.decourcy.id().toString())).as(out.toString())
                    .isZero();
            assertThat(f.worklist.open()).isEmpty();
            assertThat(f.documents.forPatient(f.decourcy.id())).hasSize(2);

            // a tampered archive: verify fails with the reason
            byte[] bad = XdsFixture.withMetadata(Files.readAllBytes(zip), m -> m.replaceFirst("[0-9A-F]{40}", "0".repeat(40)));
            Path badZip = Files.write(dir.resolve("bad.zip"), bad);
            out.reset();
            assertThat(run(f, new XdmCliCommand().command(null), "verify", badZip.toString())).isEqualTo(1);
            assertThat(out.toString()).contains("a été altéré");
        }
    }
}
