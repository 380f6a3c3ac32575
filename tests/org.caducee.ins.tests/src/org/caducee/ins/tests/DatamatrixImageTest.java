package org.caducee.ins.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;

import javax.imageio.ImageIO;

import org.caducee.ins.datamatrix.DatamatrixImage;
import org.caducee.ins.datamatrix.DatamatrixIns;
import org.caducee.ins.datamatrix.DatamatrixInsContent;
import org.caducee.ins.datamatrix.DatamatrixInsException;
import org.caducee.ins.datamatrix.DatamatrixInsException.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.datamatrix.DataMatrixWriter;

/** A Datamatrix INS read from an image file (a scanned or photographed document) with ZXing. */
class DatamatrixImageTest {

    static final String GS = String.valueOf(DatamatrixIns.GS);
    /** ADRUN ZOE of the CNDA test persons, as a document's Datamatrix INS holds her. */
    static final String ZOE = DatamatrixIns.HEADER + "S1275126322074974S21.2.250.1.213.1.4.8" + GS + "S3ZOE" + GS + "S5FS631-12-1975S763220S4ADRUN";

    @TempDir
    Path dir;

    /**
     * Writes a page-like PNG: a white page of {@code width}×{@code height} with the Datamatrix of {@code content} drawn
     * at (x, y), {@code module} pixels per module.
     */
    static Path page(Path file, String content, int width, int height, int x, int y, int module) throws IOException {
        BitMatrix matrix = new DataMatrixWriter().encode(content, BarcodeFormat.DATA_MATRIX, 0, 0);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < width; i++) {
            for (int j = 0; j < height; j++) {
                image.setRGB(i, j, 0xFFFFFF);
            }
        }
        for (int i = 0; i < matrix.getWidth(); i++) {
            for (int j = 0; j < matrix.getHeight(); j++) {
                if (matrix.get(i, j)) {
                    for (int a = 0; a < module; a++) {
                        for (int b = 0; b < module; b++) {
                            image.setRGB(x + i * module + a, y + j * module + b, 0x101010);
                        }
                    }
                }
            }
        }
        ImageIO.write(image, "png", file.toFile());
        return file;
    }

    @Test
    void givenAScannedPageWithTheCode_whenRead_thenTraitsAndInsAreThere() throws Exception {
        Path scan = page(dir.resolve("ordonnance.png"), ZOE, 1240, 1754, 900, 120, 5);

        DatamatrixInsContent content = DatamatrixImage.parse(scan);

        assertThat(content.ins().value()).isEqualTo("275126322074974");
        assertThat(content.keyValid()).isTrue();
        assertThat(content.traits().birthName()).isEqualTo("ADRUN");
        assertThat(content.traits().birthFirstNames()).containsExactly("ZOE");
        assertThat(content.traits().birthplaceCode()).isEqualTo("63220");
        assertThat(DatamatrixImage.read(scan)).isEqualTo(ZOE);
    }

    @Test
    void givenAJpegOfTheCodeAlone_whenRead_thenItIsDecoded() throws Exception {
        Path png = page(dir.resolve("code.png"), ZOE, 300, 300, 40, 40, 6);
        Path jpeg = dir.resolve("code.jpg");
        BufferedImage rgb = ImageIO.read(png.toFile());
        ImageIO.write(rgb, "jpg", jpeg.toFile());
        assertThat(DatamatrixImage.parse(jpeg).ins().value()).isEqualTo("275126322074974");
    }

    @Test
    void givenFilesThatAreNoUsableImage_whenRead_thenAClearFrenchErrorNamesTheFile() throws Exception {
        Path missing = dir.resolve("absent.png");
        assertProblem(missing, Problem.IMAGE_UNREADABLE, "introuvable");

        Path text = Files.writeString(dir.resolve("lettre.png"), "ceci n’est pas une image", StandardCharsets.UTF_8);
        assertProblem(text, Problem.IMAGE_UNREADABLE, "lettre.png");

        BufferedImage blank = new BufferedImage(400, 300, BufferedImage.TYPE_INT_RGB);
        Path white = dir.resolve("blanc.png");
        ImageIO.write(blank, "png", white.toFile());
        assertProblem(white, Problem.NO_CODE_IN_IMAGE, "Aucun Datamatrix");

        // a few hundred bytes declaring a 60000 × 60000 picture: refused before any pixel is decoded
        Path bomb = Files.write(dir.resolve("bombe.png"), pngHeader(60_000, 60_000));
        assertProblem(bomb, Problem.IMAGE_UNREADABLE, "trop grande");

        // a readable code that is not a Datamatrix INS
        Path other = page(dir.resolve("autre.png"), "https://exemple.fr/facture/123", 300, 300, 40, 40, 6);
        assertThatThrownBy(() -> DatamatrixImage.parse(other)).isInstanceOf(DatamatrixInsException.class)
                .satisfies(e -> assertThat(((DatamatrixInsException) e).problem()).isEqualTo(Problem.BAD_HEADER));
    }

    private static void assertProblem(Path file, Problem problem, String inMessage) {
        assertThatThrownBy(() -> DatamatrixImage.parse(file)).isInstanceOf(DatamatrixInsException.class).hasMessageContaining(inMessage)
                .satisfies(e -> assertThat(((DatamatrixInsException) e).problem()).isEqualTo(problem));
    }

    /** PNG signature and IHDR chunk only, declaring the given size. */
    private static byte[] pngHeader(int width, int height) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DataOutputStream data = new DataOutputStream(out);
        data.write(new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' });
        ByteArrayOutputStream chunk = new ByteArrayOutputStream();
        DataOutputStream c = new DataOutputStream(chunk);
        c.writeBytes("IHDR");
        c.writeInt(width);
        c.writeInt(height);
        c.write(new byte[] { 8, 2, 0, 0, 0 });
        byte[] body = chunk.toByteArray();
        data.writeInt(body.length - 4);
        data.write(body);
        CRC32 crc = new CRC32();
        crc.update(body);
        data.writeInt((int) crc.getValue());
        data.write(new byte[64]);
        return out.toByteArray();
    }
}
