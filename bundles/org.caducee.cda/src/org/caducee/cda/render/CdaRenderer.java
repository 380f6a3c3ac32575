package org.caducee.cda.render;

import java.util.Optional;

/**
 * What a viewer shows for a CDA document: an N1 document is its PDF; an N3 document that embeds its PDF copy shows that
 * PDF first; every document also has a structured HTML rendering (our own stylesheet, French labels).
 */
public interface CdaRenderer {

    /**
     * The PDF the document carries (N1 body, or the PDF copy embedded in an N3 body), if any.
     *
     * @throws org.caducee.cda.CdaReadException with a French message when the bytes are not a readable CDA
     */
    Optional<byte[]> pdf(byte[] cda);

    /** The structured rendering as a standalone HTML page (UTF-8). */
    String html(byte[] cda);
}
