package org.caducee.cda.write;

/**
 * Writes a {@link CdaDocument} as a CDA R2 document and as its PDF/A-1b copy (one model, one code path per document):
 * {@link DocumentContent.Unstructured} gives an N1 document whose {@code nonXMLBody} is the PDF copy;
 * {@link DocumentContent.Structured} gives an N3 document built by its template.
 */
public interface CdaWriter {

    /** The CDA R2 document (UTF-8 XML). */
    byte[] write(CdaDocument document);

    /**
     * The PDF/A-1b copy: header with structure and author, patient identity (with the Datamatrix INS and the words
     * "INS à scanner" when the identity is qualifiée), title, body, page numbers.
     */
    byte[] pdf(CdaDocument document);
}
