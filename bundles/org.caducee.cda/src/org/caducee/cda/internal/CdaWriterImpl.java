package org.caducee.cda.internal;

import org.caducee.cda.write.CdaDocument;
import org.caducee.cda.write.CdaWriter;
import org.caducee.cda.write.DocumentContent;
import org.osgi.service.component.annotations.Component;

/** {@link CdaWriter}: JAXB model of the ANS kit schema, PDF/A-1b by PDFBox. Stateless apart from the JAXB context. */
@Component(service = CdaWriter.class)
public final class CdaWriterImpl implements CdaWriter {

    private final CdaJaxb jaxb = new CdaJaxb();
    private final CdaPdfRenderer pdf = new CdaPdfRenderer();

    @Override
    public byte[] write(CdaDocument document) {
        byte[] copy = document.content() instanceof DocumentContent.Unstructured
                || document.content() instanceof DocumentContent.Structured<?> s && s.template().embedsPdf() ? pdf.render(document) : null;
        return jaxb.marshal(new CdaDocumentBuilder().build(document, copy));
    }

    @Override
    public byte[] pdf(CdaDocument document) {
        return pdf.render(document);
    }

    /** For tests and tools: JAXB read then write of a CDA (the model round trip). */
    public byte[] rewrite(byte[] cda) {
        return jaxb.marshal(jaxb.unmarshal(cda));
    }
}
