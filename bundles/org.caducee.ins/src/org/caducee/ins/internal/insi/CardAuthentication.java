package org.caducee.ins.internal.insi;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import javax.net.ssl.SSLContext;

import org.caducee.ins.insi.InsiAuthentication;
import org.caducee.security.xml.EnvelopedSignature;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * PS card mode: TLS with the card's authentication key, and in {@code wsse:Security} an Assertion PS (SAML 2.0) signed
 * with the card's signature key ({@link EnvelopedSignature}: enveloped XML-DSig, exclusive c14n, RSA-SHA256, the
 * signature certificate in {@code KeyInfo}; the key may live on the card).
 */
public final class CardAuthentication implements InsiAuthentication {

    public static final String SAML = "urn:oasis:names:tc:SAML:2.0:assertion";

    private final KeyStore card;
    private final char[] pin;
    private final String authAlias;
    private final String signAlias;
    private final KeyStore trust;
    private final String psId;
    private final String billingId;
    private final String sector;
    private volatile SSLContext context;

    public CardAuthentication(KeyStore card, char[] pin, String authAlias, String signAlias, KeyStore trust, String psId, String billingId,
            String sector) {
        this.card = card;
        this.pin = pin.clone();
        this.authAlias = authAlias;
        this.signAlias = signAlias;
        this.trust = trust;
        this.psId = psId;
        this.billingId = billingId;
        this.sector = sector;
    }

    @Override
    public String mode() {
        return "cps";
    }

    @Override
    public SSLContext sslContext() throws GeneralSecurityException {
        SSLContext c = context;
        if (c == null) {
            c = Tls.context(card, pin, authAlias, trust);
            context = c;
        }
        return c;
    }

    @Override
    public String emitter() {
        return psId;
    }

    @Override
    public void fillSecurityHeader(Element security) throws GeneralSecurityException {
        Document doc = security.getOwnerDocument();
        X509Certificate cert = (X509Certificate) card.getCertificate(signAlias);
        PrivateKey key = (PrivateKey) card.getKey(signAlias, pin);
        if (cert == null || key == null) {
            throw new GeneralSecurityException("no signature key " + signAlias);
        }
        String id = "_" + UUID.randomUUID();
        Element assertion = doc.createElementNS(SAML, "saml:Assertion");
        assertion.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:saml", SAML);
        assertion.setAttribute("ID", id);
        assertion.setIdAttribute("ID", true);
        assertion.setAttribute("IssueInstant", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        assertion.setAttribute("Version", "2.0");
        security.appendChild(assertion);
        Element issuer = child(assertion, "Issuer", cert.getSubjectX500Principal().getName());
        issuer.setAttribute("Format", "urn:oasis:names:tc:SAML:1.1:nameid-format:X509SubjectName");
        Element subject = child(assertion, "Subject", null);
        child(subject, "NameID", psId).setAttribute("NameQualifier", "CPS");
        Element statement = child(assertion, "AttributeStatement", null);
        attribute(statement, "identifiantFacturation", billingId);
        attribute(statement, "secteurActivite", sector);

        // SAML schema: ds:Signature right after Issuer
        EnvelopedSignature.sign(assertion, subject, key, cert);
    }

    private static void attribute(Element statement, String name, String value) {
        if (value == null || value.isBlank()) {
            return;
        }
        Element a = child(statement, "Attribute", null);
        a.setAttribute("Name", name);
        child(a, "AttributeValue", value);
    }

    private static Element child(Element parent, String name, String text) {
        Element e = parent.getOwnerDocument().createElementNS(SAML, "saml:" + name);
        if (text != null) {
            e.setTextContent(text);
        }
        parent.appendChild(e);
        return e;
    }
}
