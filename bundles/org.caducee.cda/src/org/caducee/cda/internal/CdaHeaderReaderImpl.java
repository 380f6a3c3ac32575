package org.caducee.cda.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.ParserConfigurationException;

import org.caducee.cda.CdaAuthor;
import org.caducee.cda.CdaHeader;
import org.caducee.cda.CdaHeaderReader;
import org.caducee.cda.CdaLevel;
import org.caducee.cda.CdaOrganization;
import org.caducee.cda.CdaPatient;
import org.caducee.cda.CdaReadException;
import org.caducee.cda.CdaRelatedDocument;
import org.caducee.cda.CodedValue;
import org.caducee.cda.InstanceId;
import org.caducee.core.identity.Ins;
import org.caducee.core.identity.InsType;
import org.caducee.core.identity.Sex;
import org.caducee.security.xml.SecureXml;
import org.caducee.security.xml.XmlRejectedException;
import org.osgi.service.component.annotations.Component;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/** {@link CdaHeaderReader} on a hardened DOM ({@link SecureXml#parse}); {@code readHeader} builds it from the SAX stream. */
@Component(service = CdaHeaderReader.class)
public final class CdaHeaderReaderImpl implements CdaHeaderReader {

    static final String HL7 = "urn:hl7-org:v3";

    @Override
    public CdaHeader read(Path file) throws IOException {
        return read(Files.readAllBytes(file));
    }

    @Override
    public CdaHeader read(byte[] cda) {
        Document doc;
        try {
            doc = SecureXml.parse(new ByteArrayInputStream(cda));
        } catch (XmlRejectedException e) {
            throw new CdaReadException(Messages.get("read.failed", e.getMessage()), e);
        }
        return header(doc);
    }

    @Override
    public CdaHeader readHeader(byte[] cda) {
        DocumentBuilder builder = builders.get();
        HeaderOnly handler = new HeaderOnly(builder.newDocument());
        try {
            SecureXml.parse(new ByteArrayInputStream(cda), handler);
        } catch (XmlRejectedException e) {
            throw new CdaReadException(Messages.get("read.failed", e.getMessage()), e);
        } catch (SAXException e) {
            if (e != HeaderOnly.BODY_REACHED) {
                throw new CdaReadException(Messages.get("read.failed", e.getMessage()), e);
            }
        }
        if (handler.document.getDocumentElement() == null) {
            throw new CdaReadException(Messages.get("read.failed", "-"), null);
        }
        return header(handler.document);
    }

    /** One DOM builder per thread (only its {@code newDocument()} is used). */
    private final ThreadLocal<DocumentBuilder> builders = ThreadLocal.withInitial(() -> {
        try {
            return SecureXml.documentBuilderFactory().newDocumentBuilder();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    });

    /**
     * Builds the DOM of the document's elements, attributes and text up to the body: under {@code component}, the body
     * element itself ({@code structuredBody} ends the reading there) and, for a {@code nonXMLBody}, its first child
     * with its attributes ({@code text mediaType}); then stops the parse.
     */
    private static final class HeaderOnly extends DefaultHandler {

        /** Thrown to stop the parse once the header is read (no stack: not an error). */
        static final SAXException BODY_REACHED = new SAXException("body reached") {
            private static final long serialVersionUID = 1L;

            @Override
            public synchronized Throwable fillInStackTrace() {
                return this;
            }
        };

        final Document document;
        private Node current;
        private int depth;
        private boolean inBody;

        HeaderOnly(Document document) {
            this.document = document;
            this.current = document;
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes) throws SAXException {
            depth++;
            Element e = document.createElementNS(uri == null || uri.isEmpty() ? null : uri, qName);
            for (int i = 0; i < attributes.getLength(); i++) {
                String au = attributes.getURI(i);
                e.setAttributeNS(au == null || au.isEmpty() ? null : au, attributes.getQName(i), attributes.getValue(i));
            }
            current.appendChild(e);
            current = e;
            if (depth == 2 && "component".equals(localName) && HL7.equals(uri)) {
                inBody = true;
            } else if (inBody && (depth == 4 || (depth == 3 && !"nonXMLBody".equals(localName)))) {
                throw BODY_REACHED;
            }
        }

        @Override
        public void endElement(String uri, String localName, String qName) {
            current = current.getParentNode();
            depth--;
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            if (!inBody && depth > 0) {
                current.appendChild(document.createTextNode(new String(ch, start, length)));
            }
        }
    }

    private static CdaHeader header(Document doc) {
        Element root = doc.getDocumentElement();
        if (!HL7.equals(root.getNamespaceURI()) || !"ClinicalDocument".equals(root.getLocalName())) {
            throw new CdaReadException(Messages.get("read.notCda", root.getNodeName()), null);
        }
        try {
            return header(root);
        } catch (RuntimeException e) {
            throw new CdaReadException(Messages.get("read.failed", e.getMessage()), e);
        }
    }

    private static CdaHeader header(Element doc) {
        List<String> templateIds = new ArrayList<>();
        for (Element t : children(doc, "templateId")) {
            templateIds.add(id(t).value());
        }
        Element versionNumber = child(doc, "versionNumber");
        Element body = child(child(doc, "component"), "nonXMLBody");
        CdaLevel level = body != null ? CdaLevel.N1 : CdaLevel.N3;
        String mediaType = body == null ? null : attr(child(body, "text"), "mediaType");
        List<CdaAuthor> authors = new ArrayList<>();
        for (Element a : children(doc, "author")) {
            authors.add(author(a));
        }
        List<CdaRelatedDocument> related = new ArrayList<>();
        for (Element r : children(doc, "relatedDocument")) {
            Element parent = child(r, "parentDocument");
            related.add(new CdaRelatedDocument(attr(r, "typeCode"), id(child(parent, "id")), id(child(parent, "setId")),
                    integer(attr(child(parent, "versionNumber"), "value"))));
        }
        Element custodian = path(doc, "custodian", "assignedCustodian", "representedCustodianOrganization");
        Element serviceEvent = path(doc, "documentationOf", "serviceEvent", "effectiveTime", "low");
        return new CdaHeader(id(child(doc, "id")), id(child(doc, "setId")), integer(attr(versionNumber, "value")),
                coded(child(doc, "code")), text(child(doc, "title")), Hl7Time.parse(attr(child(doc, "effectiveTime"), "value")),
                coded(child(doc, "confidentialityCode")), attr(child(doc, "languageCode"), "code"), templateIds, level, mediaType,
                patient(path(doc, "recordTarget", "patientRole")), authors, organization(custodian),
                Hl7Time.parse(attr(serviceEvent, "value")), related);
    }

    private static CdaPatient patient(Element role) {
        if (role == null) {
            return null;
        }
        Ins ins = null;
        List<InstanceId> others = new ArrayList<>();
        for (Element e : children(role, "id")) {
            InstanceId id = id(e);
            Ins candidate = ins(id);
            if (candidate != null && ins == null) {
                ins = candidate;
            } else {
                others.add(id);
            }
        }
        Element patient = child(role, "patient");
        String birthName = null, givenNames = null, firstGiven = null, usedFamily = null, usedGiven = null;
        Element name = child(patient, "name");
        for (Element part : children(name, null)) {
            String qualifier = attr(part, "qualifier");
            String value = text(part);
            if ("family".equals(part.getLocalName())) {
                if (qualifier != null && qualifier.contains("BR")) {
                    birthName = value;
                } else if (qualifier != null && qualifier.contains("CL")) {
                    usedFamily = value;
                } else if (birthName == null && qualifier == null) {
                    birthName = value;
                }
            } else if ("given".equals(part.getLocalName())) {
                if (qualifier == null) {
                    givenNames = value;
                } else if (qualifier.contains("BR")) {
                    firstGiven = value;
                } else if (qualifier.contains("CL")) {
                    usedGiven = value;
                }
            }
        }
        Sex sex = null;
        String gender = attr(child(patient, "administrativeGenderCode"), "code");
        if (gender != null) {
            try {
                sex = Sex.fromCode(gender);
            } catch (IllegalArgumentException e) {
                sex = null;
            }
        }
        String birthTime = attr(child(patient, "birthTime"), "value");
        String birthPlace = text(path(patient, "birthplace", "place", "addr", "county"));
        return new CdaPatient(ins, others, birthName, givenNames, firstGiven, usedFamily, usedGiven, sex, Hl7Time.date(birthTime),
                birthPlace);
    }

    /** The INS an id carries (an INS OID and a well-formed matricule), else {@code null}. */
    private static Ins ins(InstanceId id) {
        InsType type;
        try {
            type = InsType.fromOid(id.root());
        } catch (IllegalArgumentException e) {
            return null;
        }
        try {
            return id.extension() == null ? null : Ins.parse(id.extension(), type);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static CdaAuthor author(Element author) {
        Element assigned = child(author, "assignedAuthor");
        Element name = path(assigned, "assignedPerson", "name");
        Element org = child(assigned, "representedOrganization");
        return new CdaAuthor(Hl7Time.parse(attr(child(author, "time"), "value")), id(child(assigned, "id")),
                coded(child(assigned, "code")), text(child(name, "prefix")), text(child(name, "given")),
                text(child(name, "family")), organization(org));
    }

    private static CdaOrganization organization(Element org) {
        return org == null ? null : new CdaOrganization(id(child(org, "id")), text(child(org, "name")));
    }

    private static InstanceId id(Element e) {
        return e == null || e.getAttribute("root").isEmpty() ? null : new InstanceId(attr(e, "root"), attr(e, "extension"));
    }

    private static CodedValue coded(Element e) {
        return e == null ? null : new CodedValue(attr(e, "code"), attr(e, "codeSystem"), attr(e, "displayName"));
    }

    private static Integer integer(String value) {
        try {
            return value == null ? null : Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String attr(Element e, String name) {
        if (e == null || !e.hasAttribute(name)) {
            return null;
        }
        return e.getAttribute(name);
    }

    private static String text(Element e) {
        if (e == null) {
            return null;
        }
        String t = e.getTextContent().replaceAll("\\s+", " ").trim();
        return t.isEmpty() ? null : t;
    }

    private static Element path(Element from, String... names) {
        Element e = from;
        for (String n : names) {
            e = child(e, n);
        }
        return e;
    }

    private static Element child(Element parent, String name) {
        if (parent == null) {
            return null;
        }
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && HL7.equals(e.getNamespaceURI()) && name.equals(e.getLocalName())) {
                return e;
            }
        }
        return null;
    }

    /** HL7 child elements named {@code name}, or all HL7 child elements when {@code name} is null. */
    private static List<Element> children(Element parent, String name) {
        List<Element> list = new ArrayList<>();
        if (parent == null) {
            return list;
        }
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && HL7.equals(e.getNamespaceURI()) && (name == null || name.equals(e.getLocalName()))) {
                list.add(e);
            }
        }
        return list;
    }
}
