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

    CdaHeader read(Path file) throws IOException;
}
