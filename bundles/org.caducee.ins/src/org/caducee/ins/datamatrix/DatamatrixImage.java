package org.caducee.ins.datamatrix;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import org.caducee.ins.datamatrix.DatamatrixInsException.Problem;
import org.caducee.ins.internal.Messages;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.ChecksumException;
import com.google.zxing.DecodeHintType;
import com.google.zxing.FormatException;
import com.google.zxing.LuminanceSource;
import com.google.zxing.NotFoundException;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.Result;
import com.google.zxing.common.GlobalHistogramBinarizer;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.datamatrix.DataMatrixReader;

/**
 * Reads a Datamatrix INS from an image file (a scan or a photo of a document) with ZXing, for workstations without a
 * 2D scanner; {@link #parse} then reads the content as {@link DatamatrixIns#parse} does. The file is checked before
 * decoding: at most {@value #MAX_BYTES} bytes and {@value #MAX_PIXELS} pixels (a small file may declare a huge
 * picture). Errors are {@link DatamatrixInsException}s with a French message naming the file.
 */
public final class DatamatrixImage {

    /** Largest image file read. */
    public static final long MAX_BYTES = 25L * 1024 * 1024;
    /** Largest picture decoded (width × height). */
    public static final long MAX_PIXELS = 40_000_000L;

    private DatamatrixImage() {
    }

    /** The Datamatrix INS in the image, parsed. */
    public static DatamatrixInsContent parse(Path image) {
        return DatamatrixIns.parse(read(image));
    }

    /** The raw text of the first Datamatrix found in the image (field separators as GS characters). */
    public static String read(Path image) {
        BufferedImage picture = load(image);
        int width = picture.getWidth();
        int height = picture.getHeight();
        int[] pixels = picture.getRGB(0, 0, width, height, null, 0, width);
        LuminanceSource source = new RGBLuminanceSource(width, height, pixels);
        Map<DecodeHintType, Object> hints = new EnumMap<>(DecodeHintType.class);
        hints.put(DecodeHintType.TRY_HARDER, Boolean.TRUE);
        hints.put(DecodeHintType.POSSIBLE_FORMATS, List.of(BarcodeFormat.DATA_MATRIX));
        DataMatrixReader reader = new DataMatrixReader();
        for (BinaryBitmap bitmap : List.of(new BinaryBitmap(new HybridBinarizer(source)), new BinaryBitmap(new GlobalHistogramBinarizer(source)))) {
            for (boolean pure : new boolean[] { false, true }) {
                Map<DecodeHintType, Object> h = new EnumMap<>(hints);
                if (pure) {
                    h.put(DecodeHintType.PURE_BARCODE, Boolean.TRUE);
                }
                try {
                    Result result = reader.decode(bitmap, h);
                    return result.getText();
                } catch (NotFoundException | ChecksumException | FormatException e) {
                    // next binarizer / mode
                }
            }
        }
        throw new DatamatrixInsException(Problem.NO_CODE_IN_IMAGE, Messages.get("dm.image.noCode", image.getFileName()));
    }

    private static BufferedImage load(Path image) {
        String name = String.valueOf(image.getFileName());
        try {
            if (!Files.isRegularFile(image)) {
                throw new DatamatrixInsException(Problem.IMAGE_UNREADABLE, Messages.get("dm.image.missing", image));
            }
            long size = Files.size(image);
            if (size > MAX_BYTES) {
                throw new DatamatrixInsException(Problem.IMAGE_UNREADABLE, Messages.get("dm.image.tooBig", name, size / (1024 * 1024) + " Mo"));
            }
            try (ImageInputStream in = ImageIO.createImageInputStream(image.toFile())) {
                Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
                if (readers == null || !readers.hasNext()) {
                    throw new DatamatrixInsException(Problem.IMAGE_UNREADABLE, Messages.get("dm.image.unreadable", name, "format inconnu"));
                }
                ImageReader reader = readers.next();
                try {
                    reader.setInput(in, true, true);
                    long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                    if (pixels > MAX_PIXELS) {
                        throw new DatamatrixInsException(Problem.IMAGE_UNREADABLE,
                                Messages.get("dm.image.tooBig", name, reader.getWidth(0) + " × " + reader.getHeight(0) + " pixels"));
                    }
                    BufferedImage picture = reader.read(0);
                    if (picture == null) {
                        throw new DatamatrixInsException(Problem.IMAGE_UNREADABLE, Messages.get("dm.image.unreadable", name, "image vide"));
                    }
                    return picture;
                } finally {
                    reader.dispose();
                }
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof DatamatrixInsException d) {
                throw d;
            }
            throw new DatamatrixInsException(Problem.IMAGE_UNREADABLE, Messages.get("dm.image.unreadable", name, e.getMessage()));
        }
    }
}
