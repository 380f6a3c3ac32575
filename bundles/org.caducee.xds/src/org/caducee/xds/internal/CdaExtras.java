package org.caducee.xds.internal;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;

import org.caducee.security.xml.SecureXml;
import org.caducee.xds.XdsCode;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * What XDS needs from the CDA header beyond the core header reader: the healthcare facility type
 * ({@code componentOf/encompassingEncounter/location/healthCareFacility/code}), the practice setting
 * ({@code documentationOf/serviceEvent/performer/…/standardIndustryClassCode}, else the legal authenticator's or the
 * author's organization), the legal authenticator, the service stop time, author function codes and event codes.
 */
record CdaExtras(XdsCode healthcareFacilityType, XdsCode practiceSetting, Element legalAuthenticator, String serviceStop,
        List<XdsCode> authorFunctions, List<XdsCode> eventCodes, String mediaType) {

    static final String HL7 = "urn:hl7-org:v3";

    static CdaExtras read(byte[] cda) {
        Document doc = SecureXml.parse(new ByteArrayInputStream(cda));
        Element root = doc.getDocumentElement();
        XdsCode facility = code(path(root, "componentOf", "encompassingEncounter", "location", "healthCareFacility", "code"));
        XdsCode practice = null;
        for (Element serviceEvent : children(root, "documentationOf")) {
            Element se = child(serviceEvent, "serviceEvent");
            for (Element performer : children(se, "performer")) {
                practice = code(path(performer, "assignedEntity", "representedOrganization", "standardIndustryClassCode"));
                if (practice != null) {
                    break;
                }
            }
            if (practice != null) {
                break;
            }
        }
        Element legal = child(root, "legalAuthenticator");
        if (practice == null) {
            practice = code(path(legal, "assignedEntity", "representedOrganization", "standardIndustryClassCode"));
        }
        if (practice == null) {
            practice = code(path(root, "author", "assignedAuthor", "representedOrganization", "standardIndustryClassCode"));
        }
        String stop = null;
        Element se = path(root, "documentationOf", "serviceEvent", "effectiveTime", "high");
        if (se != null) {
            stop = se.getAttribute("value");
        }
        List<XdsCode> functions = new ArrayList<>();
        for (Element author : children(root, "author")) {
            XdsCode f = code(child(author, "functionCode"));
            if (f != null) {
                functions.add(f);
            }
        }
        List<XdsCode> events = new ArrayList<>();
        for (Element doc2 : children(root, "documentationOf")) {
            XdsCode c = code(path(doc2, "serviceEvent", "code"));
            if (c != null) {
                events.add(c);
            }
        }
        String mediaType = null;
        Element text = path(root, "component", "nonXMLBody", "text");
        if (text != null) {
            mediaType = text.getAttribute("mediaType");
        }
        return new CdaExtras(facility, practice, legal, stop == null || stop.isBlank() ? null : stop, functions, events,
                mediaType == null || mediaType.isBlank() ? null : mediaType);
    }

    static XdsCode code(Element e) {
        if (e == null || e.getAttribute("code").isBlank()) {
            return null;
        }
        return new XdsCode(e.getAttribute("code"), e.getAttribute("codeSystem"),
                e.getAttribute("displayName").isBlank() ? null : e.getAttribute("displayName"));
    }

    static Element path(Element from, String... names) {
        Element e = from;
        for (String n : names) {
            if (e == null) {
                return null;
            }
            e = child(e, n);
        }
        return e;
    }

    static Element child(Element parent, String name) {
        if (parent == null) {
            return null;
        }
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && name.equals(e.getLocalName()) && HL7.equals(e.getNamespaceURI())) {
                return e;
            }
        }
        return null;
    }

    static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        if (parent == null) {
            return out;
        }
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && name.equals(e.getLocalName()) && HL7.equals(e.getNamespaceURI())) {
                out.add(e);
            }
        }
        return out;
    }
}
