package org.caducee.dmp.vihf;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import javax.xml.XMLConstants;
import javax.xml.crypto.MarshalException;
import javax.xml.crypto.dsig.Reference;
import javax.xml.crypto.dsig.XMLSignature;
import javax.xml.crypto.dsig.XMLSignatureException;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.dom.DOMValidateContext;
import javax.xml.crypto.dsig.keyinfo.KeyInfo;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.caducee.dmp.AccessMode;
import org.caducee.dmp.internal.Messages;
import org.caducee.security.xml.EnvelopedSignature;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Builds, signs, reads and verifies VIHF assertions: SAML 2.0, enveloped XML signature over the assertion's
 * {@code ID} with exclusive canonicalisation and RSA-SHA256, the signer's certificate in {@code KeyInfo}, and the
 * issuer set to the signer's subject DN. Uses the JDK's XML signature implementation only.
 */
public final class VihfAssertions {

    public static final String SAML = "urn:oasis:names:tc:SAML:2.0:assertion";
    private static final String XSI = XMLConstants.W3C_XML_SCHEMA_INSTANCE_NS_URI;
    private static final String HL7 = "urn:hl7-org:v3";

    static final String ATTR_VERSION = "VIHF_Version";
    static final String ATTR_STRUCTURE = "Identifiant_Structure";
    static final String ATTR_SECTOR = "Secteur_Activite";
    static final String ATTR_ROLE = "urn:oasis:names:tc:xacml:2.0:subject:role";
    static final String ATTR_SUBJECT = "urn:oasis:names:tc:xspa:1.0:subject:subject-id";
    static final String ATTR_PURPOSE = "urn:oasis:names:tc:xspa:1.0:subject:purposeofuse";
    static final String ATTR_RESOURCE = "urn:oasis:names:tc:xacml:2.0:resource:resource-id";
    static final String ATTR_RESOURCE_URN = "Ressource_URN";
    static final String ATTR_AUTH_MODE = "Authentification_Mode";
    static final String ATTR_LPS_ID = "LPS_ID";
    static final String ATTR_LPS_NAME = "LPS_Nom";
    static final String ATTR_LPS_VERSION = "LPS_Version";
    static final String ATTR_LPS_HOMOLOGATION = "LPS_ID_HOMOLOGATION_DMP";

    private final XMLSignatureFactory signatures = XMLSignatureFactory.getInstance("DOM");

    /** A signed assertion, as the root element of its own document. */
    public Element signed(VihfClaims claims, Instant now, PrivateKey key, List<X509Certificate> chain) {
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("chain");
        }
        Document doc = newDocument();
        Element assertion = build(doc, claims, now, chain.get(0).getSubjectX500Principal().getName());
        sign(assertion, key, chain);
        return assertion;
    }

    private Element build(Document doc, VihfClaims c, Instant now, String issuerDn) {
        Instant issued = now.truncatedTo(ChronoUnit.SECONDS);
        Element a = doc.createElementNS(SAML, "saml2:Assertion");
        doc.appendChild(a);
        // explicit declarations: canonicalisation works on the declarations present in the tree, which must be the
        // same before signing and after the assertion has travelled
        a.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:saml2", SAML);
        a.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:xsi", XSI);
        a.setAttribute("ID", "_" + UUID.randomUUID());
        a.setAttribute("IssueInstant", issued.toString());
        a.setAttribute("Version", "2.0");
        a.setIdAttribute("ID", true);
        Element issuer = child(a, "Issuer", issuerDn);
        issuer.setAttribute("Format", "urn:oasis:names:tc:SAML:1.1:nameid-format:X509SubjectName");
        Element subject = child(a, "Subject", null);
        child(subject, "NameID", c.nationalId()).setAttribute("Format",
                "urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified");
        child(subject, "SubjectConfirmation", null).setAttribute("Method", "urn:oasis:names:tc:SAML:2.0:cm:sender-vouches");
        Element conditions = child(a, "Conditions", null);
        conditions.setAttribute("NotBefore", issued.toString());
        conditions.setAttribute("NotOnOrAfter", issued.plus(c.validity()).toString());
        Element authn = child(a, "AuthnStatement", null);
        authn.setAttribute("AuthnInstant", issued.toString());
        child(child(authn, "AuthnContext", null), "AuthnContextClassRef", c.authenticationContext().classRef());
        Element statement = child(a, "AttributeStatement", null);
        text(statement, ATTR_VERSION, VihfClaims.VERSION);
        text(statement, ATTR_STRUCTURE, c.structureId());
        text(statement, ATTR_SECTOR, c.activitySector() + "^" + VihfClaims.SECTOR_SYSTEM);
        Element role = attribute(statement, ATTR_ROLE);
        coded(role, "Role", c.professionCode(), VihfClaims.PROFESSION_SYSTEM);
        c.specialtyCode().ifPresent(s -> coded(role, "Role", s, VihfClaims.SPECIALTY_SYSTEM));
        text(statement, ATTR_SUBJECT, c.displayName());
        coded(attribute(statement, ATTR_PURPOSE), "PurposeOfUse", c.accessMode().code(), AccessMode.CODE_SYSTEM);
        text(statement, ATTR_RESOURCE, c.patientInsResource());
        text(statement, ATTR_RESOURCE_URN, "urn:dmp");
        text(statement, ATTR_AUTH_MODE, c.authenticationMode().name());
        text(statement, ATTR_LPS_ID, c.lpsId());
        text(statement, ATTR_LPS_NAME, c.lpsName());
        text(statement, ATTR_LPS_VERSION, c.lpsVersion());
        text(statement, ATTR_LPS_HOMOLOGATION, c.dmpHomologation());
        return a;
    }

    private void sign(Element assertion, PrivateKey key, List<X509Certificate> chain) {
        try {
            // SAML schema order: the signature goes right after the Issuer.
            EnvelopedSignature.sign(assertion, firstChild(assertion, "Issuer").getNextSibling(), key, chain.get(0));
        } catch (GeneralSecurityException e) {
            throw new VihfException(Messages.get("vihf.signFailed", e.getMessage()), e);
        }
    }

    /**
     * Verifies the enveloped signature of {@code assertion} and its validity window at {@code now}; returns the
     * signer's certificate (the caller checks that it chains to a trusted IGC Santé authority).
     */
    public X509Certificate verify(Element assertion, Instant now) {
        if (!SAML.equals(assertion.getNamespaceURI()) || !"Assertion".equals(assertion.getLocalName())) {
            throw new VihfException(Messages.get("vihf.notAssertion"));
        }
        assertion.setIdAttribute("ID", true);
        NodeList found = assertion.getElementsByTagNameNS(XMLSignature.XMLNS, "Signature");
        if (found.getLength() != 1) {
            throw new VihfException(Messages.get("vihf.unsigned"));
        }
        try {
            X509Certificate signer = signerCertificate((Element) found.item(0));
            DOMValidateContext context = new DOMValidateContext(signer.getPublicKey(), found.item(0));
            context.setProperty("org.jcp.xml.dsig.secureValidation", Boolean.TRUE);
            XMLSignature signature = signatures.unmarshalXMLSignature(context);
            List<?> refs = signature.getSignedInfo().getReferences();
            if (refs.size() != 1 || !("#" + assertion.getAttribute("ID")).equals(((Reference) refs.get(0)).getURI())) {
                throw new VihfException(Messages.get("vihf.wrongReference"));
            }
            if (!signature.validate(context)) {
                throw new VihfException(Messages.get("vihf.badSignature"));
            }
            Element conditions = firstChild(assertion, "Conditions");
            Instant notBefore = Instant.parse(conditions.getAttribute("NotBefore"));
            Instant notAfter = Instant.parse(conditions.getAttribute("NotOnOrAfter"));
            if (now.isBefore(notBefore.minus(Duration.ofMinutes(5))) || !now.isBefore(notAfter)) {
                throw new VihfException(Messages.get("vihf.expired", notBefore, notAfter));
            }
            return signer;
        } catch (MarshalException | XMLSignatureException | RuntimeException e) {
            if (e instanceof VihfException v) {
                throw v;
            }
            throw new VihfException(Messages.get("vihf.badSignature"), e);
        }
    }

    private static X509Certificate signerCertificate(Element signature) {
        NodeList certs = signature.getElementsByTagNameNS(XMLSignature.XMLNS, "X509Certificate");
        if (certs.getLength() == 0) {
            throw new VihfException(Messages.get("vihf.noCertificate"));
        }
        try {
            byte[] der = java.util.Base64.getMimeDecoder().decode(certs.item(0).getTextContent().trim());
            return (X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509")
                    .generateCertificate(new java.io.ByteArrayInputStream(der));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new VihfException(Messages.get("vihf.noCertificate"), e);
        }
    }

    /** The claims carried by an assertion (not verified: call {@link #verify} first). */
    public VihfClaims read(Element assertion) {
        Map<String, List<Element>> values = new HashMap<>();
        for (Element attr : children(firstChild(assertion, "AttributeStatement"), "Attribute")) {
            values.put(attr.getAttribute("Name"), children(attr, "AttributeValue"));
        }
        List<Element> roles = values.getOrDefault(ATTR_ROLE, List.of());
        String profession = null;
        Optional<String> specialty = Optional.empty();
        for (Element value : roles) {
            Element role = firstElement(value);
            if (role == null) {
                continue;
            }
            if (VihfClaims.PROFESSION_SYSTEM.equals(role.getAttribute("codeSystem"))) {
                profession = role.getAttribute("code");
            } else if (VihfClaims.SPECIALTY_SYSTEM.equals(role.getAttribute("codeSystem"))) {
                specialty = Optional.of(role.getAttribute("code"));
            }
        }
        Element purpose = values.containsKey(ATTR_PURPOSE) ? firstElement(values.get(ATTR_PURPOSE).get(0)) : null;
        String sector = required(values, ATTR_SECTOR);
        Element conditions = firstChild(assertion, "Conditions");
        Duration validity = Duration.between(Instant.parse(conditions.getAttribute("NotBefore")),
                Instant.parse(conditions.getAttribute("NotOnOrAfter")));
        try {
            AuthenticationMode mode = AuthenticationMode.valueOf(required(values, ATTR_AUTH_MODE));
            return new VihfClaims(firstChild(firstChild(assertion, "Subject"), "NameID").getTextContent(),
                    required(values, ATTR_SUBJECT), require(profession, ATTR_ROLE), specialty,
                    required(values, ATTR_STRUCTURE), sector.substring(0, Math.max(0, sector.indexOf('^'))),
                    required(values, ATTR_RESOURCE), accessMode(purpose),
                    mode, required(values, ATTR_LPS_ID),
                    required(values, ATTR_LPS_NAME), required(values, ATTR_LPS_VERSION),
                    required(values, ATTR_LPS_HOMOLOGATION), validity, context(assertion));
        } catch (IllegalArgumentException e) {
            throw new VihfException(Messages.get("vihf.badAttribute", e.getMessage()), e);
        }
    }

    private static AccessMode accessMode(Element purpose) {
        if (purpose == null || !AccessMode.CODE_SYSTEM.equals(purpose.getAttribute("codeSystem"))) {
            throw new VihfException(Messages.get("vihf.missingAttribute", ATTR_PURPOSE));
        }
        for (AccessMode mode : AccessMode.values()) {
            if (mode.code().equals(purpose.getAttribute("code"))) {
                return mode;
            }
        }
        throw new VihfException(Messages.get("vihf.badAttribute", purpose.getAttribute("code")));
    }

    private static String required(Map<String, List<Element>> values, String name) {
        List<Element> list = values.get(name);
        String text = list == null || list.isEmpty() ? null : list.get(0).getTextContent().trim();
        return require(text == null || text.isEmpty() ? null : text, name);
    }

    private static String require(String value, String name) {
        if (value == null) {
            throw new VihfException(Messages.get("vihf.missingAttribute", name));
        }
        return value;
    }

    private static Document newDocument() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            return factory.newDocumentBuilder().newDocument();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Element child(Element parent, String name, String text) {
        Element e = parent.getOwnerDocument().createElementNS(SAML, "saml2:" + name);
        if (text != null) {
            e.setTextContent(text);
        }
        parent.appendChild(e);
        return e;
    }

    private static Element attribute(Element statement, String name) {
        Element attr = child(statement, "Attribute", null);
        attr.setAttribute("Name", name);
        return attr;
    }

    private static void text(Element statement, String name, String value) {
        child(attribute(statement, name), "AttributeValue", value);
    }

    private static void coded(Element attribute, String element, String code, String system) {
        Element value = child(attribute, "AttributeValue", null);
        Element coded = value.getOwnerDocument().createElementNS(HL7, element);
        coded.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns", HL7);
        coded.setAttributeNS(XSI, "xsi:type", "CE");
        coded.setAttribute("code", code);
        coded.setAttribute("codeSystem", system);
        value.appendChild(coded);
    }

    /** The credential named by the {@code AuthnContextClassRef}; an unknown or missing one is refused. */
    private static AuthenticationContext context(Element assertion) {
        NodeList refs = assertion.getElementsByTagNameNS(SAML, "AuthnContextClassRef");
        String ref = refs.getLength() == 0 ? null : refs.item(0).getTextContent();
        return AuthenticationContext.ofClassRef(ref)
                .orElseThrow(() -> new VihfException(Messages.get("vihf.badAttribute", "AuthnContextClassRef " + ref)));
    }

    private static Element firstChild(Element parent, String localName) {
        List<Element> list = children(parent, localName);
        if (list.isEmpty()) {
            throw new VihfException(Messages.get("vihf.missingElement", localName));
        }
        return list.get(0);
    }

    private static List<Element> children(Element parent, String localName) {
        List<Element> list = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && SAML.equals(e.getNamespaceURI()) && localName.equals(e.getLocalName())) {
                list.add(e);
            }
        }
        return list;
    }

    private static Element firstElement(Element parent) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                return e;
            }
        }
        return null;
    }
}
