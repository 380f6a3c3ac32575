package org.caducee.cda.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.caducee.cda.CdaHeaderReader;
import org.caducee.cda.internal.CdaCliCommand;
import org.caducee.cda.validation.CdaValidator;
import org.caducee.testing.CliHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cda validate FILE} and {@code cda header FILE} through picocli, driven by the shared {@link CliHarness}. */
@SuppressWarnings("unchecked")
class CdaCliCommandTest {

    @TempDir
    Path dir;

    private final CliHarness cli = new CliHarness(type -> {
        try {
            return CdaTestSupport.service(type);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    });

    private int run(String... args) {
        return cli.run(new CdaCliCommand().command(cli), args);
    }

    @Test
    void givenValidExample_whenCdaValidate_thenExitZero() throws Exception {
        CdaTestSupport.service(CdaValidator.class);
        int code = run("validate", CdaTestSupport.example("VAC-NOTE_2023.01.xml").toString());
        assertThat(code).as(cli.output()).isZero();
        assertThat(cli.output()).contains("est valide");
        assertThat((Map<Object, Object>) cli.document()).containsEntry("valid", true);
    }

    @Test
    void givenInvalidDocument_whenCdaValidate_thenExitOneWithFindings() throws Exception {
        String cda = Files.readString(CdaTestSupport.example("VAC-NOTE_2023.01.xml")).replaceFirst("<setId [^>]*/>", "");
        Path file = Files.writeString(dir.resolve("sans-setid.xml"), cda);
        int code = run("validate", file.toString());
        assertThat(code).isEqualTo(1);
        assertThat(cli.output()).contains("INVALIDE").contains("setId");
    }

    @Test
    void givenExample_whenCdaHeader_thenIns() throws Exception {
        CdaTestSupport.service(CdaHeaderReader.class);
        int code = run("header", CdaTestSupport.example("BIO-CR-BIO_2024.01_TSH_1.xml").toString());
        assertThat(code).isZero();
        assertThat((Map<Object, Object>) cli.document()).containsEntry("ins", "279035121518989").containsEntry("birthDate", "1979-03-28");
    }

    @Test
    void givenWriteDemo_whenRenderedAsPdfAndHtml_thenPdfCopyAndStructuredPage() throws Exception {
        CdaTestSupport.service(org.caducee.cda.write.CdaWriter.class);
        CdaTestSupport.service(org.caducee.cda.render.CdaRenderer.class);
        Path n1 = dir.resolve("cr.xml");
        assertThat(run("write-demo", "--n1", "--out", n1.toString())).isZero();
        Path pdf = dir.resolve("cr.pdf");
        assertThat(run("render", n1.toString(), "--pdf", "--out", pdf.toString())).as(cli.output()).isZero();
        assertThat(Files.readAllBytes(pdf)).startsWith("%PDF-1.4".getBytes(StandardCharsets.US_ASCII));

        Path n3 = dir.resolve("vac.xml");
        assertThat(run("write-demo", "--out", n3.toString())).isZero();
        assertThat(run("validate", n3.toString())).as(cli.output()).isZero();
        assertThat(run("render", n3.toString(), "--pdf")).isEqualTo(2);
        Path html = dir.resolve("vac.html");
        assertThat(run("render", n3.toString(), "--html", "--out", html.toString())).isZero();
        assertThat(Files.readString(html)).contains("Note de vaccination", "PAT-TROIS", "4456672", "<table");
    }
}
