package org.caducee.dmp.wire;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.xml.crypto.MarshalException;
import javax.xml.crypto.dom.DOMStructure;
import javax.xml.crypto.dsig.CanonicalizationMethod;
import javax.xml.crypto.dsig.DigestMethod;
import javax.xml.crypto.dsig.Manifest;
import javax.xml.crypto.dsig.Reference;
import javax.xml.crypto.dsig.SignatureMethod;
import javax.xml.crypto.dsig.SignatureProperties;
import javax.xml.crypto.dsig.SignatureProperty;
import javax.xml.crypto.dsig.SignedInfo;
import javax.xml.crypto.dsig.Transform;
import javax.xml.crypto.dsig.XMLObject;
import javax.xml.crypto.dsig.XMLSignature;
import javax.xml.crypto.dsig.XMLSignatureException;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.dom.DOMSignContext;
import javax.xml.crypto.dsig.dom.DOMValidateContext;
import javax.xml.crypto.dsig.keyinfo.KeyInfoFactory;
import javax.xml.crypto.dsig.spec.C14NMethodParameterSpec;
import javax.xml.crypto.dsig.spec.TransformParameterSpec;

import org.caducee.dmp.internal.Messages;
import org.caducee.security.xml.SecureXml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The XAdES signature of a DMP submission set (IHE DSG, "source signature"): a {@code ds:Signature} whose SignedInfo
 * references the {@code IHEManifest} (one reference per document, {@code urn:oid:<uniqueId>}, plus one for the
 * submission set) and the XAdES {@code SignedProperties} (signing time, signing certificate, implied policy). It is
 * submitted as its own DocumentEntry linked to the submission set by a {@code signs} association. The submission
 * set's reference digests the uniqueIds of its documents, one per line, in manifest order (the submission set has no
 * bytes of its own). Digests and the signature use SHA-256: the JDK's secure validation refuses SHA-1 (ADR 0011).
 */
public final class SubmissionSignature {

    public static final String XADES = "http://uri.etsi.org/01903/v1.1.1#";
    public static final String MANIFEST_ID = "IHEManifest";
    public static final String PROPERTIES_ID = "S0-SignedProperties";
    /** purposeOfSignature of a source signature (ASTM E1762). */
    public static final String SOURCE_SIGNATURE = "1.2.840.10065.1.12.1.14";
    /** formatCode of the signature DocumentEntry. */
    public static final String FORMAT = "http://www.w3.org/2000/09/xmldsig#";
    /** classCode of the signature DocumentEntry. */
    public static final String CLASS_CODE = "urn:oid:1.3.6.1.4.1.19376.1.2.1.1.1";
    /** typeCode of the signature DocumentEntry. */
    public static final String TYPE_CODE = "E1762";

    private static final XMLSignatureFactory FACTORY = XMLSignatureFactory.getInstance("DOM");

    /** What a verified signature says: its signer and the digest (Base64) of each manifest URI. */
    public record Verified(X509Certificate signer, Map<String, String> digests) {
    }

    private SubmissionSignature() {
    }

    /** The URI of an object in the manifest. */
    public static String uri(String uniqueId) {
        return "urn:oid:" + uniqueId;
    }

    /** The digest (Base64) the manifest holds for {@code bytes}. */
    public static String digest(byte[] bytes) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The bytes the submission set's reference digests. */
    public static byte[] submissionSetContent(List<String> documentUniqueIds) {
        StringBuilder s = new StringBuilder();
        documentUniqueIds.forEach(id -> s.append(id).append('\n'));
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Signs the submission set {@code submissionSetUniqueId} made of {@code documents} (uniqueId → bytes); returns the
     * UTF-8 bytes of the {@code ds:Signature} document.
     */
    public static byte[] sign(String signatureId, String submissionSetUniqueId, Map<String, byte[]> documents, PrivateKey key,
            List<X509Certificate> chain, Instant now) {
        try {
            DigestMethod sha256 = FACTORY.newDigestMethod(DigestMethod.SHA256, null);
            List<Reference> manifestRefs = new ArrayList<>();
            manifestRefs.add(FACTORY.newReference(uri(submissionSetUniqueId), sha256, null, null, null,
                    MessageDigest.getInstance("SHA-256").digest(submissionSetContent(List.copyOf(documents.keySet())))));
            for (Map.Entry<String, byte[]> d : documents.entrySet()) {
                manifestRefs.add(FACTORY.newReference(uri(d.getKey()), sha256, null, null, null,
                        MessageDigest.getInstance("SHA-256").digest(d.getValue())));
            }
            Manifest manifest = FACTORY.newManifest(manifestRefs, MANIFEST_ID);

            Document doc = Soap.newDocument();
            Element purpose = doc.createElementNS(null, "purposeOfSignature");
            purpose.setTextContent(SOURCE_SIGNATURE);
            SignatureProperty property = FACTORY.newSignatureProperty(List.of(new DOMStructure(purpose)), "#" + signatureId,
                    "purposeOfSignature");
            SignatureProperties properties = FACTORY.newSignatureProperties(List.of(property), null);

            Element qualifying = doc.createElementNS(XADES, "xades:QualifyingProperties");
            qualifying.setAttribute("Target", "#" + signatureId);
            Element signed = Soap.append(qualifying, XADES, "xades:SignedProperties");
            signed.setAttribute("Id", PROPERTIES_ID);
            Element sigProps = Soap.append(signed, XADES, "xades:SignedSignatureProperties");
            Soap.append(sigProps, XADES, "xades:SigningTime").setTextContent(now.truncatedTo(ChronoUnit.SECONDS).toString());
            Element certDigest = Soap.append(Soap.append(Soap.append(sigProps, XADES, "xades:SigningCertificate"), XADES, "xades:Cert"),
                    XADES, "xades:CertDigest");
            Soap.append(certDigest, XADES, "xades:DigestMethod").setAttribute("Algorithm", DigestMethod.SHA256);
            Soap.append(certDigest, XADES, "xades:DigestValue").setTextContent(digest(chain.get(0).getEncoded()));
            Soap.append(Soap.append(sigProps, XADES, "xades:SignaturePolicyIdentifier"), XADES, "xades:SignaturePolicyImplied");

            List<XMLObject> objects = List.of(FACTORY.newXMLObject(List.of(manifest), null, null, null),
                    FACTORY.newXMLObject(List.of(properties), null, null, null),
                    FACTORY.newXMLObject(List.of(new DOMStructure(qualifying)), null, null, null));
            String c14n = CanonicalizationMethod.INCLUSIVE_WITH_COMMENTS;
            List<Reference> refs = List.of(
                    FACTORY.newReference("#" + MANIFEST_ID, sha256,
                            List.of(FACTORY.newTransform(c14n, (TransformParameterSpec) null)), Manifest.TYPE, null),
                    FACTORY.newReference("#" + PROPERTIES_ID, sha256,
                            List.of(FACTORY.newTransform(c14n, (TransformParameterSpec) null)), "http://uri.etsi.org/01903#SignedProperties",
                            null));
            String algorithm = "EC".equals(key.getAlgorithm()) ? SignatureMethod.ECDSA_SHA256 : SignatureMethod.RSA_SHA256;
            SignedInfo info = FACTORY.newSignedInfo(FACTORY.newCanonicalizationMethod(c14n, (C14NMethodParameterSpec) null),
                    FACTORY.newSignatureMethod(algorithm, null), refs);
            KeyInfoFactory kif = FACTORY.getKeyInfoFactory();
            XMLSignature signature = FACTORY.newXMLSignature(info, kif.newKeyInfo(List.of(kif.newX509Data(List.of(chain.get(0))))),
                    objects, signatureId, null);
            DOMSignContext context = new DOMSignContext(key, doc);
            context.setDefaultNamespacePrefix("ds");
            context.setIdAttributeNS(signed, null, "Id");
            signature.sign(context);
            return Soap.bytes(doc);
        } catch (GeneralSecurityException | MarshalException | XMLSignatureException e) {
            throw new IllegalStateException("XAdES: " + e.getMessage(), e);
        }
    }

    /**
     * Verifies the signature value and its SignedInfo references (manifest and signed properties); returns the signer
     * and the manifest digests for the caller to compare with the submitted documents.
     *
     * @throws IllegalArgumentException (French message) when the signature is unreadable or invalid
     */
    public static Verified verify(byte[] signatureBytes) {
        try {
            Document doc = SecureXml.parse(new ByteArrayInputStream(signatureBytes));
            Element root = doc.getDocumentElement();
            if (!XMLSignature.XMLNS.equals(root.getNamespaceURI()) || !"Signature".equals(root.getLocalName())) {
                throw new IllegalArgumentException(Messages.get("xades.notSignature"));
            }
            Element manifest = null;
            NodeList manifests = doc.getElementsByTagNameNS(XMLSignature.XMLNS, "Manifest");
            for (int i = 0; i < manifests.getLength(); i++) {
                Element m = (Element) manifests.item(i);
                if (MANIFEST_ID.equals(m.getAttribute("Id"))) {
                    m.setIdAttribute("Id", true);
                    manifest = m;
                }
            }
            NodeList props = doc.getElementsByTagNameNS(XADES, "SignedProperties");
            for (int i = 0; i < props.getLength(); i++) {
                ((Element) props.item(i)).setIdAttribute("Id", true);
            }
            if (manifest == null) {
                throw new IllegalArgumentException(Messages.get("xades.noManifest", MANIFEST_ID));
            }
            NodeList certs = doc.getElementsByTagNameNS(XMLSignature.XMLNS, "X509Certificate");
            if (certs.getLength() == 0) {
                throw new IllegalArgumentException(Messages.get("xades.noCertificate"));
            }
            X509Certificate signer = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                    new ByteArrayInputStream(Base64.getMimeDecoder().decode(certs.item(0).getTextContent().trim())));
            DOMValidateContext context = new DOMValidateContext(signer.getPublicKey(), root);
            context.setProperty("org.jcp.xml.dsig.secureValidation", Boolean.TRUE);
            XMLSignature signature = FACTORY.unmarshalXMLSignature(context);
            List<String> uris = new ArrayList<>();
            for (Object r : signature.getSignedInfo().getReferences()) {
                uris.add(((Reference) r).getURI());
            }
            if (!uris.contains("#" + MANIFEST_ID) || !uris.contains("#" + PROPERTIES_ID)) {
                throw new IllegalArgumentException(Messages.get("xades.wrongReferences"));
            }
            if (!signature.validate(context)) {
                throw new IllegalArgumentException(Messages.get("xades.badSignature"));
            }
            Map<String, String> digests = new LinkedHashMap<>();
            for (Element ref : Xml.children(manifest, XMLSignature.XMLNS, "Reference")) {
                digests.put(ref.getAttribute("URI"), Xml.child(ref, XMLSignature.XMLNS, "DigestValue")
                        .map(e -> e.getTextContent().trim()).orElse(""));
            }
            return new Verified(signer, digests);
        } catch (GeneralSecurityException | MarshalException | XMLSignatureException | RuntimeException e) {
            if (e instanceof IllegalArgumentException iae) {
                throw iae;
            }
            throw new IllegalArgumentException(Messages.get("xades.unreadable", e.getMessage()), e);
        }
    }
}
