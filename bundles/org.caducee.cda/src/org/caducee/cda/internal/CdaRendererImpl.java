package org.caducee.cda.internal;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.StringWriter;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamSource;

import org.caducee.cda.CdaReadException;
import org.caducee.cda.render.CdaRenderer;
import org.caducee.security.xml.SecureXml;
import org.osgi.service.component.annotations.Component;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import net.sf.saxon.s9api.Processor;
import net.sf.saxon.s9api.QName;
import net.sf.saxon.s9api.SaxonApiException;
import net.sf.saxon.s9api.XdmAtomicValue;
import net.sf.saxon.s9api.XsltExecutable;
import net.sf.saxon.s9api.XsltTransformer;

/**
 * {@link CdaRenderer}: the document is parsed by the hardened parser (no DTD, no entities); its PDF is the
 * {@code nonXMLBody} or, in an N3 body, the first {@code observationMedia}/{@code value} of media type
 * {@code application/pdf}; the HTML comes from our stylesheet {@code cda-html.xsl} (Saxon-HE, compiled once).
 * <p>
 * The component is created by whoever first asks for it — often the UI thread, when a part that renders documents is
 * created. Compiling the stylesheet takes up to a second (Saxon loads and compiles it), so the constructor only
 * starts the compilation on a thread of its own; the first {@link #html} call (from a job) waits for it, or compiles
 * it itself when that thread has not started yet.
 */
@Component(service = CdaRenderer.class)
public final class CdaRendererImpl implements CdaRenderer {

    private static final String HL7 = "urn:hl7-org:v3";
    /** The processor and the compiled stylesheet, computed once, off the thread that creates the component. */
    private record Compiled(Processor processor, XsltExecutable html) {
    }

    private final FutureTask<Compiled> compiled = new FutureTask<>(CdaRendererImpl::compile);

    public CdaRendererImpl() {
        Thread warm = new Thread(compiled, "cda-html-xsl");
        warm.setDaemon(true);
        warm.start();
    }

    private static Compiled compile() {
        Processor processor = new Processor(false);
        try (InputStream xsl = CdaRendererImpl.class.getResourceAsStream("cda-html.xsl")) {
            return new Compiled(processor, processor.newXsltCompiler().compile(new StreamSource(xsl)));
        } catch (Exception e) {
            throw new IllegalStateException("cda-html.xsl", e);
        }
    }

    /** The compiled stylesheet: runs the compilation here if the warm-up thread has not taken it yet, else waits for it. */
    private Compiled compiled() {
        compiled.run();
        try {
            return compiled.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CdaReadException(Messages.get("read.failed", e.getMessage()), e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cda-html.xsl", e.getCause());
        }
    }

    private static Document parse(byte[] cda) {
        try {
            Document doc = SecureXml.parse(new ByteArrayInputStream(cda));
            Element root = doc.getDocumentElement();
            if (!"ClinicalDocument".equals(root.getLocalName()) || !HL7.equals(root.getNamespaceURI())) {
                throw new CdaReadException(Messages.get("read.notCda", root.getLocalName()), null);
            }
            return doc;
        } catch (CdaReadException e) {
            throw e;
        } catch (Exception e) {
            throw new CdaReadException(Messages.get("read.failed", SecureXml.explain(e)), e);
        }
    }

    @Override
    public Optional<byte[]> pdf(byte[] cda) {
        Document doc = parse(cda);
        for (String container : new String[] { "nonXMLBody", "observationMedia" }) {
            NodeList nodes = doc.getElementsByTagNameNS(HL7, container);
            for (int i = 0; i < nodes.getLength(); i++) {
                Element e = (Element) nodes.item(i);
                NodeList values = e.getElementsByTagNameNS(HL7, "nonXMLBody".equals(container) ? "text" : "value");
                for (int j = 0; j < values.getLength(); j++) {
                    Element v = (Element) values.item(j);
                    if ("application/pdf".equals(v.getAttribute("mediaType")) && "B64".equals(v.getAttribute("representation"))) {
                        try {
                            return Optional.of(Base64.getMimeDecoder().decode(v.getTextContent().strip()));
                        } catch (IllegalArgumentException bad) {
                            throw new CdaReadException(Messages.get("render.badPdf"), bad);
                        }
                    }
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public String html(byte[] cda) {
        Document doc = parse(cda);
        Compiled c = compiled();
        try {
            XsltTransformer t = c.html().load();
            t.setSource(new DOMSource(doc));
            t.setParameter(new QName("patientLabel"), new XdmAtomicValue(Messages.get("render.patient")));
            t.setParameter(new QName("authorLabel"), new XdmAtomicValue(Messages.get("render.author")));
            t.setParameter(new QName("dateLabel"), new XdmAtomicValue(Messages.get("render.date")));
            t.setParameter(new QName("pdfOnlyLabel"), new XdmAtomicValue(Messages.get("render.pdfOnly")));
            StringWriter out = new StringWriter();
            t.setDestination(c.processor().newSerializer(out));
            t.transform();
            return out.toString();
        } catch (SaxonApiException e) {
            throw new CdaReadException(Messages.get("read.failed", e.getMessage()), e);
        }
    }
}
