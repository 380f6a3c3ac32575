package org.caducee.dmp.wire;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.util.Optional;
import java.util.UUID;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;

import org.caducee.security.xml.SecureXml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** SOAP 1.2 envelopes of the DMP services: WS-Addressing headers, the VIHF in {@code wsse:Security}, faults. */
public final class Soap {

    public static final String ENVELOPE = "http://www.w3.org/2003/05/soap-envelope";
    public static final String ADDRESSING = "http://www.w3.org/2005/08/addressing";
    public static final String WSSE = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
    public static final String SAML = "urn:oasis:names:tc:SAML:2.0:assertion";
    /** Content type of a SOAP 1.2 request (the action travels in the WS-Addressing header and here). */
    public static final String CONTENT_TYPE = "application/soap+xml; charset=UTF-8";

    /** A SOAP fault as the user sees it: the DMP's code and its reason. */
    public record Fault(String code, String subcode, String reason) {
    }

    private Soap() {
    }

    /** A request envelope carrying {@code assertion} (imported, signature untouched) and the body built by the caller. */
    public static Document request(String action, URI to, Element assertion) {
        Document doc = newDocument();
        Element envelope = doc.createElementNS(ENVELOPE, "soap:Envelope");
        doc.appendChild(envelope);
        Element header = append(envelope, ENVELOPE, "soap:Header");
        Element actionElement = append(header, ADDRESSING, "wsa:Action");
        actionElement.setAttributeNS(ENVELOPE, "soap:mustUnderstand", "true");
        actionElement.setTextContent(action);
        append(header, ADDRESSING, "wsa:MessageID").setTextContent("urn:uuid:" + UUID.randomUUID());
        append(header, ADDRESSING, "wsa:To").setTextContent(to.toString());
        Element security = append(header, WSSE, "wsse:Security");
        security.setAttributeNS(ENVELOPE, "soap:mustUnderstand", "true");
        security.appendChild(doc.importNode(assertion, true));
        append(envelope, ENVELOPE, "soap:Body");
        return doc;
    }

    /** A response envelope with an empty body. */
    public static Document response(String action) {
        Document doc = newDocument();
        Element envelope = doc.createElementNS(ENVELOPE, "soap:Envelope");
        doc.appendChild(envelope);
        Element header = append(envelope, ENVELOPE, "soap:Header");
        append(header, ADDRESSING, "wsa:Action").setTextContent(action);
        append(envelope, ENVELOPE, "soap:Body");
        return doc;
    }

    /** A fault envelope: {@code code} is Sender or Receiver, {@code subcode} the DMP's error code. */
    public static Document fault(String code, String subcode, String reason) {
        Document doc = response("http://www.w3.org/2005/08/addressing/soap/fault");
        Element fault = append(body(doc), ENVELOPE, "soap:Fault");
        Element codeElement = append(fault, ENVELOPE, "soap:Code");
        append(codeElement, ENVELOPE, "soap:Value").setTextContent("soap:" + code);
        append(append(codeElement, ENVELOPE, "soap:Subcode"), ENVELOPE, "soap:Value").setTextContent(subcode);
        Element text = append(append(fault, ENVELOPE, "soap:Reason"), ENVELOPE, "soap:Text");
        text.setAttributeNS("http://www.w3.org/XML/1998/namespace", "xml:lang", "fr");
        text.setTextContent(reason);
        return doc;
    }

    /** The body element of an envelope. */
    public static Element body(Document envelope) {
        Element root = envelope.getDocumentElement();
        if (root == null || !ENVELOPE.equals(root.getNamespaceURI()) || !"Envelope".equals(root.getLocalName())) {
            throw new IllegalArgumentException("not a SOAP 1.2 envelope");
        }
        return Xml.child(root, ENVELOPE, "Body").orElseThrow(() -> new IllegalArgumentException("no SOAP body"));
    }

    /** The first element of the body (the payload or the fault). */
    public static Element payload(Document envelope) {
        return Xml.firstElement(body(envelope)).orElseThrow(() -> new IllegalArgumentException("empty SOAP body"));
    }

    /** The fault of an envelope, if it carries one. */
    public static Optional<Fault> fault(Document envelope) {
        Element first = Xml.firstElement(body(envelope)).orElse(null);
        if (first == null || !ENVELOPE.equals(first.getNamespaceURI()) || !"Fault".equals(first.getLocalName())) {
            return Optional.empty();
        }
        String code = Xml.path(first, ENVELOPE, "Code", "Value").map(Node::getTextContent).orElse("");
        String subcode = Xml.path(first, ENVELOPE, "Code", "Subcode", "Value").map(Node::getTextContent).orElse("");
        String reason = Xml.path(first, ENVELOPE, "Reason", "Text").map(Node::getTextContent).orElse("");
        return Optional.of(new Fault(code.trim(), subcode.trim(), reason.trim()));
    }

    /** The action of an envelope's WS-Addressing header. */
    public static Optional<String> action(Document envelope) {
        return Xml.path(envelope.getDocumentElement(), ENVELOPE, "Header").flatMap(h -> Xml.child(h, ADDRESSING, "Action"))
                .map(e -> e.getTextContent().trim());
    }

    /** The VIHF of a request envelope. */
    public static Optional<Element> assertion(Document envelope) {
        return Xml.path(envelope.getDocumentElement(), ENVELOPE, "Header").flatMap(h -> Xml.child(h, WSSE, "Security"))
                .flatMap(s -> Xml.child(s, SAML, "Assertion"));
    }

    /** UTF-8 bytes of a document, without the XML declaration's standalone noise. */
    public static byte[] bytes(Document doc) {
        try {
            Transformer t = SecureXml.transformerFactory().newTransformer();
            t.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            t.transform(new DOMSource(doc), new StreamResult(out));
            return out.toByteArray();
        } catch (TransformerException e) {
            throw new IllegalStateException(e);
        }
    }

    static Element append(Element parent, String ns, String qname) {
        Element e = parent.getOwnerDocument().createElementNS(ns, qname);
        parent.appendChild(e);
        return e;
    }

    static Document newDocument() {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            return f.newDocumentBuilder().newDocument();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }
}
