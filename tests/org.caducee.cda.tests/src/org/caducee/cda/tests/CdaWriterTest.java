package org.caducee.cda.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumMap;
import java.util.Map;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.preflight.ValidationResult;
import org.apache.pdfbox.preflight.parser.PreflightParser;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.caducee.cda.CdaHeader;
import org.caducee.cda.CdaHeaderReader;
import org.caducee.cda.CdaLevel;
import org.caducee.cda.InstanceId;
import org.caducee.cda.internal.CdaWriterImpl;
import org.caducee.cda.validation.CdaValidator;
import org.caducee.cda.validation.ValidationReport;
import org.caducee.cda.write.CdaDocument;
import org.caducee.cda.write.CdaWriter;
import org.caducee.cda.write.DocumentContent;
import org.caducee.ins.datamatrix.DatamatrixIns;
import org.caducee.ins.datamatrix.DatamatrixInsContent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.datamatrix.DataMatrixReader;

/** Documents written by Caducée pass the official ANS kit, read back to the same header, and print as PDF/A-1b. */
class CdaWriterTest {

    private static CdaWriter writer;
    private static CdaValidator validator;
    private static CdaHeaderReader reader;

    @BeforeAll
    static void setUp() throws Exception {
        writer = CdaTestSupport.service(CdaWriter.class);
        validator = CdaTestSupport.service(CdaValidator.class);
        reader = CdaTestSupport.service(CdaHeaderReader.class);
    }

    private static String describe(ValidationReport report) {
        StringBuilder text = new StringBuilder(report.checkedAgainst().toString()).append(' ').append(report.elapsed()).append('\n');
        report.findings().stream().limit(40).forEach(f -> text.append(f).append('\n'));
        return text.toString();
    }

    @Test
    void givenVaccinationNote_whenWritten_thenOfficialKitFindsNoError() {
        byte[] cda = writer.write(WriterFixtures.vaccinationNote(WriterFixtures.qualified(), "VAC-1"));
        ValidationReport report = validator.validate(cda);
        System.out.println("VAC-NOTE written -> " + describe(report));
        assertThat(report.errors()).as(describe(report)).isEmpty();
        assertThat(report.checkedAgainst()).anySatisfy(s -> assertThat(s).contains("VAC-NOTE_2023.01"));
    }

    @Test
    void givenFreeText_whenWrittenAsN1_thenOfficialKitFindsNoErrorAndBodyIsThePdfCopy() throws Exception {
        CdaDocument doc = WriterFixtures.consultationReport(WriterFixtures.qualified(), "CR-1");
        byte[] cda = writer.write(doc);
        ValidationReport report = validator.validate(cda);
        System.out.println("N1 written -> " + describe(report));
        assertThat(report.errors()).as(describe(report)).isEmpty();
        CdaHeader header = reader.read(cda);
        assertThat(header.level()).isEqualTo(CdaLevel.N1);
        assertThat(header.mediaType()).isEqualTo("application/pdf");
        String xml = new String(cda, StandardCharsets.UTF_8);
        String base64 = xml.substring(xml.indexOf("representation=\"B64\""));
        base64 = base64.substring(base64.indexOf('>') + 1, base64.indexOf("</text>")).strip();
        byte[] pdf = Base64.getDecoder().decode(base64);
        assertThat(pdf).isEqualTo(writer.pdf(doc));
        assertPdfA(pdf);
    }

    @Test
    void givenN3AndN1_whenReadBack_thenHeaderIsWhatWasWritten() {
        for (CdaDocument doc : new CdaDocument[] { WriterFixtures.vaccinationNote(WriterFixtures.qualified(), "VAC-2"),
                WriterFixtures.consultationReport(WriterFixtures.qualified(), "CR-2") }) {
            CdaHeader h = reader.read(writer.write(doc));
            assertThat(h.id()).isEqualTo(doc.id());
            assertThat(h.setId()).isEqualTo(doc.setId());
            assertThat(h.versionNumber()).isEqualTo(1);
            assertThat(h.title()).isEqualTo(doc.title());
            assertThat(h.effectiveTime()).isEqualTo(doc.effectiveTime());
            assertThat(h.confidentiality().code()).isEqualTo("N");
            assertThat(h.languageCode()).isEqualTo("fr-FR");
            assertThat(h.patient().ins()).isEqualTo(WriterFixtures.INS);
            assertThat(h.patient().birthName()).isEqualTo("PAT-TROIS");
            assertThat(h.patient().birthGivenNames()).isEqualTo("DOMINIQUE MARIE-LOUISE");
            assertThat(h.patient().firstBirthGivenName()).isEqualTo("DOMINIQUE");
            assertThat(h.patient().usedFamilyName()).isEqualTo("MARTIN");
            assertThat(h.patient().birthDate()).isEqualTo(WriterFixtures.traits().birthDate());
            assertThat(h.patient().birthPlaceCode()).isEqualTo("51215");
            assertThat(h.patient().otherIds()).contains(WriterFixtures.IPP);
            assertThat(h.authors()).singleElement().satisfies(a -> {
                assertThat(a.id().extension()).isEqualTo("810001234567");
                assertThat(a.family()).isEqualTo("MULLER");
            });
            assertThat(h.custodian().name()).isEqualTo("Cabinet médical du Dr MULLER");
            assertThat(h.serviceStart()).isEqualTo(doc.act().start());
            assertThat(h.relatedDocuments()).isEmpty();
        }
    }

    @Test
    void givenQualifiedIdentity_whenWritten_thenInsIsTheFirstPatientId() {
        String xml = new String(writer.write(WriterFixtures.vaccinationNote(WriterFixtures.qualified(), "VAC-3")), StandardCharsets.UTF_8);
        String role = xml.substring(xml.indexOf("<patientRole"));
        assertThat(role.indexOf("root=\"1.2.250.1.213.1.4.10\"")).isPositive().isLessThan(role.indexOf("IPP-42"));
    }

    @Test
    void givenNewVersion_whenWritten_thenSameSetIdNextVersionAndRplc() {
        CdaDocument first = WriterFixtures.consultationReport(WriterFixtures.qualified(), "CR-4");
        CdaDocument second = first.nextVersion(new InstanceId("1.2.250.1.999.1.1", "CR-4-v2"), WriterFixtures.NOW.plusHours(2),
                new DocumentContent.Unstructured(java.util.List.of("Correction : rappel dans dix ans.")));
        byte[] cda = writer.write(second);
        assertThat(validator.validate(cda).errors()).isEmpty();
        CdaHeader h = reader.read(cda);
        assertThat(h.setId()).isEqualTo(first.setId());
        assertThat(h.versionNumber()).isEqualTo(2);
        assertThat(h.replaced()).hasValueSatisfying(r -> assertThat(r.parentId()).isEqualTo(first.id()));
    }

    @Test
    void givenWrittenDocument_whenReadIntoTheModelAndWrittenAgain_thenBytesAreTheSame() throws Exception {
        CdaWriterImpl impl = (CdaWriterImpl) writer;
        for (CdaDocument doc : new CdaDocument[] { WriterFixtures.vaccinationNote(WriterFixtures.qualified(), "VAC-5"),
                WriterFixtures.consultationReport(WriterFixtures.provisional(), "CR-5") }) {
            byte[] once = writer.write(doc);
            assertThat(impl.rewrite(once)).isEqualTo(once);
            assertThat(writer.write(doc)).isEqualTo(once);
        }
    }

    @Test
    void givenQualifiedIdentity_whenPrinted_thenPdfAWithDatamatrixInsThatDecodesToTheIns() throws Exception {
        CdaDocument doc = WriterFixtures.vaccinationNote(WriterFixtures.qualified(), "VAC-6");
        byte[] pdf = writer.pdf(doc);
        assertPdfA(pdf);
        String text = text(pdf);
        assertThat(text).contains("INS à scanner", "PAT-TROIS", "279035121518989", "Note de vaccination", "Page 1 / 1", "4456672");
        String scanned = decodeDatamatrix(pdf);
        assertThat(scanned).isEqualTo(DatamatrixIns.encode(doc.patient().identity()));
        DatamatrixInsContent content = DatamatrixIns.parse(scanned);
        assertThat(content.ins()).isEqualTo(WriterFixtures.INS);
        assertThat(content.traits().birthName()).isEqualTo("PAT-TROIS");
    }

    @Test
    void givenIdentityNotQualified_whenWrittenAndPrinted_thenNoInsAndNoDatamatrix() throws Exception {
        CdaDocument doc = WriterFixtures.vaccinationNote(WriterFixtures.provisional(), "VAC-7");
        byte[] cda = writer.write(doc);
        assertThat(validator.validate(cda).errors()).as(describe(validator.validate(cda))).isEmpty();
        CdaHeader h = reader.read(cda);
        assertThat(h.patient().ins()).isNull();
        assertThat(h.patient().otherIds()).containsExactly(WriterFixtures.IPP);
        assertThat(new String(cda, StandardCharsets.UTF_8)).doesNotContain("1.2.250.1.213.1.4.");
        byte[] pdf = writer.pdf(doc);
        assertPdfA(pdf);
        assertThat(text(pdf)).doesNotContain("INS à scanner").contains("Identité non qualifiée");
        assertThat(decodeDatamatrix(pdf)).isNull();
    }

    @Test
    void givenOneNoteOfVaccination_whenWrittenAndValidatedWarm_thenMedianIsPrinted() {
        validator.validate(writer.write(WriterFixtures.vaccinationNote(WriterFixtures.qualified(), "WARM")));
        long[] nanos = new long[9];
        for (int i = 0; i < nanos.length; i++) {
            long start = System.nanoTime();
            ValidationReport report = validator.validate(writer.write(WriterFixtures.vaccinationNote(WriterFixtures.qualified(), "B-" + i)));
            nanos[i] = System.nanoTime() - start;
            assertThat(report.valid()).isTrue();
        }
        Arrays.sort(nanos);
        System.out.printf("FIGURE write+validate VAC-NOTE (XSD + 5 schematrons), warm median: %d ms%n", nanos[nanos.length / 2] / 1_000_000);
    }

    @Test
    void givenVoletThatEmbedsItsPdf_whenWritten_thenPdfCopySectionValidatesAndRendersFirst() throws Exception {
        var base = new org.caducee.cda.volets.VaccinationNoteTemplate();
        var withCopy = new org.caducee.cda.write.CdaBodyTemplate<org.caducee.cda.volets.VaccinationNote>() {
            @Override
            public java.util.List<InstanceId> templateIds() {
                return base.templateIds();
            }

            @Override
            public org.caducee.cda.CodedValue documentCode() {
                return base.documentCode();
            }

            @Override
            public boolean embedsPdf() {
                return true;
            }

            @Override
            public java.util.List<org.caducee.cda.write.CdaSection> sections(org.caducee.cda.volets.VaccinationNote c, CdaDocument d) {
                return base.sections(c, d);
            }
        };
        CdaDocument plain = WriterFixtures.vaccinationNote(WriterFixtures.qualified(), "VAC-8");
        @SuppressWarnings("unchecked")
        var content = (DocumentContent.Structured<org.caducee.cda.volets.VaccinationNote>) plain.content();
        CdaDocument doc = new CdaDocument(plain.id(), plain.setId(), 1, plain.type(), plain.title(), plain.effectiveTime(),
                plain.confidentiality(), plain.patient(), plain.localPatientId(), plain.authorship(), plain.act(), null,
                new DocumentContent.Structured<>(withCopy, content.data()));
        byte[] cda = writer.write(doc);
        ValidationReport report = validator.validate(cda);
        System.out.println("N3 with PDF copy -> " + describe(report));
        assertThat(report.errors()).as(describe(report)).isEmpty();
        byte[] pdf = CdaTestSupport.service(org.caducee.cda.render.CdaRenderer.class).pdf(cda).orElseThrow();
        assertThat(pdf).isEqualTo(writer.pdf(doc));
    }

    private static void assertPdfA(byte[] pdf) throws Exception {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("caducee-", ".pdf");
        java.nio.file.Files.write(file, pdf);
        ValidationResult result = PreflightParser.validate(file.toFile());
        java.nio.file.Files.delete(file);
        StringBuilder errors = new StringBuilder();
        result.getErrorsList().forEach(e -> errors.append(e.getErrorCode()).append(' ').append(e.getDetails()).append('\n'));
        assertThat(result.isValid()).as(errors.toString()).isTrue();
    }

    private static String text(byte[] pdf) throws Exception {
        try (var doc = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(doc);
        }
    }

    /** Renders the first page at 200 dpi and reads a Datamatrix on it, as a scanner would; null when there is none. */
    private static String decodeDatamatrix(byte[] pdf) throws Exception {
        BufferedImage image;
        try (var doc = Loader.loadPDF(pdf)) {
            image = new PDFRenderer(doc).renderImageWithDPI(0, 200);
        }
        int w = image.getWidth();
        Map<DecodeHintType, Object> hints = new EnumMap<>(DecodeHintType.class);
        hints.put(DecodeHintType.TRY_HARDER, Boolean.TRUE);
        hints.put(DecodeHintType.CHARACTER_SET, "ISO-8859-1");
        try {
            // the identity block is at the top right of the page (A4, 50 pt margins): read that region, as a scanner aimed at it
            double scale = 200 / 72.0;
            int x = (int) (420 * scale);
            int y = (int) (60 * scale);
            int width = Math.min(w - x, (int) (150 * scale));
            int height = (int) (180 * scale);
            int[] region = image.getRGB(x, y, width, height, null, 0, width);
            var source = new RGBLuminanceSource(width, height, region);
            return new DataMatrixReader().decode(new BinaryBitmap(new HybridBinarizer(source)), hints).getText();
        } catch (com.google.zxing.NotFoundException | com.google.zxing.FormatException | com.google.zxing.ChecksumException e) {
            return null;
        }
    }
}
