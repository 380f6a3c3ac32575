package org.caducee.cda.internal;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdfwriter.compress.CompressParameters;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDMetadata;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.color.PDOutputIntent;
import org.apache.xmpbox.XMPMetadata;
import org.apache.xmpbox.schema.DublinCoreSchema;
import org.apache.xmpbox.schema.PDFAIdentificationSchema;
import org.apache.xmpbox.xml.XmpSerializer;
import org.caducee.cda.write.CdaDocument;
import org.caducee.cda.write.CdaSection;
import org.caducee.cda.write.DocumentContent;
import org.caducee.cda.write.SectionText;
import org.caducee.core.identity.Identity;
import org.caducee.ins.datamatrix.DatamatrixIns;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.datamatrix.DataMatrixWriter;
import com.google.zxing.datamatrix.encoder.SymbolShapeHint;

/**
 * The PDF/A-1b copy of a {@link CdaDocument}: embedded Liberation Sans (shipped inside PDFBox), XMP metadata with the
 * PDF/A identification, sRGB output intent (the JDK's profile), no compression of the cross-reference (PDF 1.4). Layout:
 * structure and author, date, patient identity block (with the Datamatrix INS drawn as vector squares and the words
 * "INS à scanner" when the identity is qualifiée), title, body, page numbers. Same document, same bytes.
 */
final class CdaPdfRenderer {

    private static final String FONT = "/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf";
    private static final float MARGIN = 50;
    private static final float FOOTER = 40;
    private static final DateTimeFormatter FR_DATE = DateTimeFormatter.ofPattern("dd/MM/uuuu");
    private static final DateTimeFormatter FR_TIME = DateTimeFormatter.ofPattern("dd/MM/uuuu 'à' HH'h'mm");

    byte[] render(CdaDocument doc) {
        try (PDDocument pdf = new PDDocument()) {
            PDFont font;
            try (InputStream in = PDType0Font.class.getResourceAsStream(FONT)) {
                font = PDType0Font.load(pdf, in, true);
            }
            Layout layout = new Layout(pdf, font);
            header(doc, layout);
            body(doc, layout);
            layout.finish(doc.title());
            metadata(pdf, doc);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            pdf.save(out, CompressParameters.NO_COMPRESSION);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(Messages.get("write.pdfFailed", e.getMessage()), e);
        }
    }

    private static void header(CdaDocument doc, Layout l) throws IOException {
        var a = doc.authorship();
        l.line(a.structure().name(), 13);
        l.line(Messages.get("pdf.author", a.author().displayName(), a.author().rpps()), 10);
        l.line(Messages.get("pdf.date", doc.effectiveTime().format(FR_TIME)), 10);
        l.space(10);
        Identity identity = doc.patient().identity();
        var traits = identity.traits();
        List<String> lines = new ArrayList<>();
        lines.add(Messages.get("pdf.birthName", traits.birthName()));
        if (identity.usedName() != null) {
            lines.add(Messages.get("pdf.usedName", identity.usedName()));
        }
        lines.add(Messages.get("pdf.firstNames", traits.firstNamesList()));
        if (identity.usedFirstName() != null) {
            lines.add(Messages.get("pdf.usedFirstName", identity.usedFirstName()));
        }
        lines.add(Messages.get("pdf.birth", traits.birthDate().format(FR_DATE), Messages.get("sex." + traits.sex().code())));
        BitMatrix matrix = null;
        if (identity.insShareable()) {
            lines.add(Messages.get("pdf.ins", identity.ins().value(), identity.ins().isNia() ? "NIA" : "NIR"));
            matrix = datamatrix(DatamatrixIns.encode(identity));
        } else {
            lines.add(Messages.get("pdf.identityNotQualified"));
        }
        l.identityBlock(Messages.get("pdf.patient"), lines, matrix, Messages.get("pdf.insScan"));
        l.space(14);
        l.wrapped(doc.title(), 16);
        if (doc.replaces() != null) {
            l.wrapped(Messages.get("pdf.version", doc.versionNumber(), doc.replaces().value()), 9);
        }
        l.space(8);
    }

    private static void body(CdaDocument doc, Layout l) throws IOException {
        switch (doc.content()) {
            case DocumentContent.Unstructured u -> {
                for (String p : u.paragraphs()) {
                    l.wrapped(p, 11);
                    l.space(6);
                }
            }
            case DocumentContent.Structured<?> s -> {
                for (CdaSection section : s.sections(doc)) {
                    l.wrapped(section.title(), 13);
                    l.space(4);
                    SectionText text = section.text();
                    for (String p : text.paragraphs()) {
                        l.wrapped(p, 11);
                        l.space(4);
                    }
                    for (List<SectionText.Cell> row : text.rows()) {
                        for (int i = 0; i < row.size(); i++) {
                            String value = row.get(i).text();
                            if (value == null || value.isBlank()) {
                                continue;
                            }
                            String label = i < text.headers().size() ? text.headers().get(i) + " : " : "";
                            l.wrapped(label + value, 11);
                        }
                        l.space(6);
                    }
                    l.space(6);
                }
            }
        }
    }

    static BitMatrix datamatrix(String content) {
        Map<EncodeHintType, Object> hints = new EnumMap<>(EncodeHintType.class);
        hints.put(EncodeHintType.DATA_MATRIX_SHAPE, SymbolShapeHint.FORCE_SQUARE);
        hints.put(EncodeHintType.CHARACTER_SET, "ISO-8859-1");
        return new DataMatrixWriter().encode(content, BarcodeFormat.DATA_MATRIX, 0, 0, hints);
    }

    private static void metadata(PDDocument pdf, CdaDocument doc) throws IOException {
        try {
            XMPMetadata xmp = XMPMetadata.createXMPMetadata();
            DublinCoreSchema dc = xmp.createAndAddDublinCoreSchema();
            dc.setTitle(doc.title());
            PDFAIdentificationSchema id = xmp.createAndAddPDFAIdentificationSchema();
            id.setPart(1);
            id.setConformance("B");
            ByteArrayOutputStream xml = new ByteArrayOutputStream();
            new XmpSerializer().serialize(xmp, xml, true);
            PDMetadata metadata = new PDMetadata(pdf);
            metadata.importXMPMetadata(xml.toByteArray());
            pdf.getDocumentCatalog().setMetadata(metadata);
        } catch (Exception e) {
            throw new IOException(e.getMessage(), e);
        }
        PDDocumentInformation info = pdf.getDocumentInformation();
        info.setTitle(doc.title());
        byte[] icc = ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData();
        PDOutputIntent intent = new PDOutputIntent(pdf, new ByteArrayInputStream(icc));
        intent.setInfo("sRGB IEC61966-2.1");
        intent.setOutputCondition("sRGB IEC61966-2.1");
        intent.setOutputConditionIdentifier("sRGB IEC61966-2.1");
        intent.setRegistryName("http://www.color.org");
        pdf.getDocumentCatalog().addOutputIntent(intent);
        // a stable file identifier: same document, same bytes
        byte[] digest;
        try {
            digest = MessageDigest.getInstance("SHA-256").digest(doc.id().value().getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] first = java.util.Arrays.copyOf(digest, 16);
        COSArray ids = new COSArray();
        ids.add(new COSString(first));
        ids.add(new COSString(first));
        pdf.getDocument().getTrailer().setItem(COSName.ID, ids);
    }

    /** Top-down text layout over A4 pages with automatic page breaks; page numbers are written at the end. */
    private static final class Layout {
        private final PDDocument pdf;
        private final PDFont font;
        private final List<PDPage> pages = new ArrayList<>();
        private PDPageContentStream stream;
        private float y;
        private final float width = PDRectangle.A4.getWidth() - 2 * MARGIN;

        Layout(PDDocument pdf, PDFont font) throws IOException {
            this.pdf = pdf;
            this.font = font;
            newPage();
        }

        private void newPage() throws IOException {
            if (stream != null) {
                stream.close();
            }
            PDPage page = new PDPage(PDRectangle.A4);
            pdf.addPage(page);
            pages.add(page);
            stream = new PDPageContentStream(pdf, page);
            stream.setNonStrokingColor(0f, 0f, 0f);
            stream.setStrokingColor(0f, 0f, 0f);
            y = PDRectangle.A4.getHeight() - MARGIN;
        }

        private void ensure(float height) throws IOException {
            if (y - height < MARGIN + FOOTER) {
                newPage();
            }
        }

        void space(float h) {
            y -= h;
        }

        void line(String text, float size) throws IOException {
            ensure(size * 1.3f);
            y -= size * 1.3f;
            show(text, MARGIN, y, size);
        }

        void wrapped(String text, float size) throws IOException {
            for (String line : wrap(text, size, width)) {
                line(line, size);
            }
        }

        private List<String> wrap(String text, float size, float max) throws IOException {
            List<String> out = new ArrayList<>();
            for (String paragraph : clean(text).split("\n")) {
                StringBuilder current = new StringBuilder();
                for (String word : paragraph.split(" ")) {
                    String candidate = current.isEmpty() ? word : current + " " + word;
                    if (font.getStringWidth(candidate) / 1000 * size > max && !current.isEmpty()) {
                        out.add(current.toString());
                        current = new StringBuilder(word);
                    } else {
                        current = new StringBuilder(candidate);
                    }
                }
                out.add(current.toString());
            }
            return out;
        }

        void identityBlock(String title, List<String> lines, BitMatrix matrix, String scanCaption) throws IOException {
            float size = 10;
            float lineHeight = size * 1.35f;
            float box = 72;
            float textHeight = (lines.size() + 1) * lineHeight + 10;
            float height = Math.max(textHeight, matrix == null ? 0 : box + 24);
            ensure(height + 4);
            float top = y;
            stream.setLineWidth(0.6f);
            stream.addRect(MARGIN, top - height, width, height);
            stream.stroke();
            float ty = top - 4 - lineHeight;
            show(title, MARGIN + 8, ty, 11);
            for (String line : lines) {
                ty -= lineHeight;
                show(line, MARGIN + 8, ty, size);
            }
            if (matrix != null) {
                float x0 = MARGIN + width - box - 10;
                float y0 = top - 8 - box;
                float module = box / matrix.getWidth();
                // runs of dark modules as one rectangle, slightly overlapping, so that no hairline appears between
                // modules on screen (anti-aliasing) and the symbol scans from the display as from paper
                float overlap = module * 0.04f;
                for (int row = 0; row < matrix.getHeight(); row++) {
                    int col = 0;
                    while (col < matrix.getWidth()) {
                        if (!matrix.get(col, row)) {
                            col++;
                            continue;
                        }
                        int start = col;
                        while (col < matrix.getWidth() && matrix.get(col, row)) {
                            col++;
                        }
                        stream.addRect(x0 + start * module, y0 + box - (row + 1) * module - overlap, (col - start) * module + overlap,
                                module + overlap);
                    }
                }
                stream.fill();
                float captionWidth = font.getStringWidth(scanCaption) / 1000 * 8;
                show(scanCaption, x0 + (box - captionWidth) / 2, y0 - 11, 8);
            }
            y = top - height;
        }

        private void show(String text, float x, float baseline, float size) throws IOException {
            stream.beginText();
            stream.setFont(font, size);
            stream.newLineAtOffset(x, baseline);
            stream.showText(clean(text));
            stream.endText();
        }

        private static String clean(String text) {
            return text == null ? "" : text.replace('\t', ' ').replace("\r", "");
        }

        void finish(String title) throws IOException {
            stream.close();
            int n = pages.size();
            for (int i = 0; i < n; i++) {
                try (PDPageContentStream s = new PDPageContentStream(pdf, pages.get(i), PDPageContentStream.AppendMode.APPEND, false)) {
                    s.setNonStrokingColor(0f, 0f, 0f);
                    String footer = clean(title) + " — " + Messages.get("pdf.page", i + 1, n);
                    float w = font.getStringWidth(footer) / 1000 * 8;
                    s.beginText();
                    s.setFont(font, 8);
                    s.newLineAtOffset(PDRectangle.A4.getWidth() - MARGIN - w, MARGIN / 2 + 6);
                    s.showText(footer);
                    s.endText();
                }
            }
        }
    }
}
