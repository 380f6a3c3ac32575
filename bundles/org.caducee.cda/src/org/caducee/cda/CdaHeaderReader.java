package org.caducee.cda;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Reads the header of any received CDA R2 document (OSGi service). Parsing is hardened (no DOCTYPE, no external
 * entity). Reading does not validate: use {@code CdaValidator} for that.
 */
public interface CdaHeaderReader {

    /** @throws CdaReadException with a French message when the bytes are not a readable CDA document */
    CdaHeader read(byte[] cda);

    /**
     * {@link #read(byte[])} reading the document only up to the start of its body (what the header needs: the level and
     * the media type of a non-XML body): the rest is neither read nor checked, so the caller checks the whole document
     * otherwise (its validation). The default reads everything.
     *
     * @throws CdaReadException with a French message when the header is not readable
     */
    default CdaHeader readHeader(byte[] cda) {
        return read(cda);
    }

    CdaHeader read(Path file) throws IOException;
}
