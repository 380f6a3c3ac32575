package org.caducee.security.xml;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

import javax.xml.crypto.dsig.CanonicalizationMethod;
import javax.xml.crypto.dsig.DigestMethod;
import javax.xml.crypto.dsig.Reference;
import javax.xml.crypto.dsig.SignatureMethod;
import javax.xml.crypto.dsig.SignedInfo;
import javax.xml.crypto.dsig.Transform;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.dom.DOMSignContext;
import javax.xml.crypto.dsig.keyinfo.KeyInfoFactory;
import javax.xml.crypto.dsig.spec.C14NMethodParameterSpec;
import javax.xml.crypto.dsig.spec.TransformParameterSpec;

import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The enveloped XML signature the national services expect on a SAML assertion (INSi "Assertion PS", DMP VIHF): one
 * reference to the element by its {@code ID}, transforms enveloped + exclusive c14n, SHA-256 digest, exclusive c14n of
 * the SignedInfo, RSA-SHA256 (ECDSA-SHA256 for an EC key), the signer's certificate in {@code KeyInfo/X509Data}, the
 * {@code ds:} prefix. The JDK's XML-DSig implementation signs, so the key may live on a card (SunPKCS11).
 */
public final class EnvelopedSignature {

    private EnvelopedSignature() {
    }

    /**
     * Signs {@code element}, whose {@code ID} attribute is registered as its identifier; the {@code ds:Signature} is
     * inserted before {@code nextSibling} ({@code null}: appended), as the element's schema orders it.
     */
    public static void sign(Element element, Node nextSibling, PrivateKey key, X509Certificate certificate) throws GeneralSecurityException {
        String id = element.getAttribute("ID");
        if (id.isEmpty()) {
            throw new GeneralSecurityException("element to sign has no ID");
        }
        element.setIdAttribute("ID", true);
        XMLSignatureFactory f = XMLSignatureFactory.getInstance("DOM");
        try {
            Reference reference = f.newReference("#" + id, f.newDigestMethod(DigestMethod.SHA256, null),
                    List.of(f.newTransform(Transform.ENVELOPED, (TransformParameterSpec) null),
                            f.newTransform(CanonicalizationMethod.EXCLUSIVE, (TransformParameterSpec) null)),
                    null, null);
            String algorithm = "EC".equals(key.getAlgorithm()) ? SignatureMethod.ECDSA_SHA256 : SignatureMethod.RSA_SHA256;
            SignedInfo info = f.newSignedInfo(f.newCanonicalizationMethod(CanonicalizationMethod.EXCLUSIVE, (C14NMethodParameterSpec) null),
                    f.newSignatureMethod(algorithm, null), List.of(reference));
            KeyInfoFactory keys = f.getKeyInfoFactory();
            DOMSignContext context = nextSibling == null ? new DOMSignContext(key, element) : new DOMSignContext(key, element, nextSibling);
            context.setDefaultNamespacePrefix("ds");
            f.newXMLSignature(info, keys.newKeyInfo(List.of(keys.newX509Data(List.of(certificate))))).sign(context);
        } catch (GeneralSecurityException e) {
            throw e;
        } catch (Exception e) {
            throw new GeneralSecurityException(e.getMessage(), e);
        }
    }
}
