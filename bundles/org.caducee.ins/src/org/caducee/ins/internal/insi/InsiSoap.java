package org.caducee.ins.internal.insi;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;

import org.caducee.core.identity.BirthTraits;
import org.caducee.core.identity.Ins;
import org.caducee.core.identity.InsType;
import org.caducee.core.identity.Sex;
import org.caducee.ins.insi.InsiException;
import org.caducee.ins.insi.InsiException.Kind;
import org.caducee.ins.insi.InsiResult;
import org.caducee.ins.insi.InsiSettings;
import org.caducee.ins.insi.VitaleQuery;
import org.caducee.ins.internal.Messages;
import org.caducee.ins.matching.InsiAnswer;
import org.caducee.ins.matching.TraitsQuery;
import org.caducee.security.xml.SecureXml;
import org.caducee.security.xml.XmlRejectedException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The INSi SOAP 1.2 messages as DOM: requests (ContexteBAM, ContexteLPS, WS-Addressing, wsse:Security, body) and the
 * reading of answers and faults. Answers are parsed with {@link SecureXml} (no DOCTYPE, no external entities).
 */
public final class InsiSoap {

    public static final String SOAP12 = "http://www.w3.org/2003/05/soap-envelope";
    public static final String WSA = "http://www.w3.org/2005/08/addressing";
    public static final String WSSE = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
    public static final String CTXBAM = "urn:siram:bam:ctxbam";
    public static final String CTXLPS = "urn:siram:lps:ctxlps";
    public static final String REC_SANS = "http://www.cnamts.fr/INSiRecSans";
    public static final String REC_VIT = "http://www.cnamts.fr/INSiRecVit";
    public static final String RESULTAT = "http://www.cnamts.fr/INSiResultat";
    public static final String SIRAM = "urn:siram";
    public static final String ACTION_VITALE = "urn:ServiceIdentiteCertifiee:1.0.0:rechercherInsAvecCarteVitale";
    public static final String ACTION_TRAITS = "urn:ServiceIdentiteCertifiee:1.0.0:rechercherInsAvecTraitsIdentite";

    private InsiSoap() {
    }

    /** The envelope of a {@code rechercherInsAvecTraitsIdentite} request, without wsse:Security content. */
    public static Document traitsRequest(TraitsQuery q, InsiSettings s, String emitter, String messageId) {
        Document doc = newDocument();
        Element body = envelope(doc, s, emitter, messageId, ACTION_TRAITS, null);
        Element rec = el(body, REC_SANS, "RECSANSVITALE", null);
        el(rec, REC_SANS, "NomNaissance", q.birthName());
        if (q.firstName() != null && !q.firstName().isBlank()) {
            el(rec, REC_SANS, "Prenom", q.firstName());
        }
        el(rec, REC_SANS, "Sexe", q.sex().code());
        el(rec, REC_SANS, "DateNaissance", q.birthDate().toString());
        if (q.birthplaceCode() != null) {
            el(rec, REC_SANS, "LieuNaissance", q.birthplaceCode());
        }
        return doc;
    }

    /** The envelope of a {@code rechercherInsAvecCarteVitale} request. */
    public static Document vitaleRequest(VitaleQuery q, InsiSettings s, String emitter, String messageId) {
        Document doc = newDocument();
        Element body = envelope(doc, s, emitter, messageId, ACTION_VITALE, q);
        Element rec = el(body, REC_VIT, "RECVITALE", null);
        Element m = el(rec, REC_VIT, "MatriculeIndividu", null);
        el(m, REC_VIT, "NumIdentifiant", q.nir());
        if (q.nirKey() != null) {
            el(m, REC_VIT, "Cle", q.nirKey());
        }
        if (q.insuredNir() != null) {
            Element od = el(rec, REC_VIT, "MatriculeOD", null);
            el(od, REC_VIT, "NumIdentifiant", q.insuredNir());
            if (q.insuredKey() != null) {
                el(od, REC_VIT, "Cle", q.insuredKey());
            }
        }
        if (q.birthName() != null && !q.birthName().isBlank()) {
            el(rec, REC_VIT, "NomNaissance", q.birthName().toUpperCase(Locale.ROOT));
        }
        el(rec, REC_VIT, "DateNaissance", q.birthDate());
        el(rec, REC_VIT, "RangNaissance", Integer.toString(q.birthRank()));
        return doc;
    }

    private static Element envelope(Document doc, InsiSettings s, String emitter, String messageId, String action, VitaleQuery vitale) {
        Element env = doc.createElementNS(SOAP12, "soap:Envelope");
        doc.appendChild(env);
        Element header = el(env, SOAP12, "soap:Header", null);
        // explicit pattern: OffsetDateTime.toString() drops ":00" seconds, which xsd:dateTime refuses
        String now = OffsetDateTime.now(ZoneOffset.UTC).format(java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX"));

        Element bam = el(header, CTXBAM, "ctxbam:ContexteBAM", null);
        bam.setAttribute("Version", "01_02");
        el(bam, CTXBAM, "ctxbam:Id", UUID.randomUUID().toString());
        el(bam, CTXBAM, "ctxbam:Temps", now);
        el(bam, CTXBAM, "ctxbam:Emetteur", emitter);
        Element cover = el(bam, CTXBAM, "ctxbam:COUVERTURE", null);
        if (vitale != null) {
            if (vitale.insuredNir() != null) {
                Element id = el(el(cover, CTXBAM, "ctxbam:ASSURE", null), CTXBAM, "ctxbam:Id", null);
                el(id, CTXBAM, "ctxbam:Num", vitale.insuredNir());
                if (vitale.insuredKey() != null) {
                    el(id, CTXBAM, "ctxbam:Cle", vitale.insuredKey());
                }
            }
            Element ben = el(cover, CTXBAM, "ctxbam:BENEFICIAIRE", null);
            Element nir = el(ben, CTXBAM, "ctxbam:Nir", null);
            el(nir, CTXBAM, "ctxbam:Num", vitale.nir());
            if (vitale.nirKey() != null) {
                el(nir, CTXBAM, "ctxbam:Cle", vitale.nirKey());
            }
            if (vitale.birthDate().matches("\\d{4}-\\d{2}-\\d{2}")) {
                el(ben, CTXBAM, "ctxbam:DateNai", vitale.birthDate());
            }
            el(ben, CTXBAM, "ctxbam:Rang", Integer.toString(vitale.birthRank()));
        }

        Element lps = el(header, CTXLPS, "ctxlps:ContexteLPS", null);
        lps.setAttribute("Nature", "CTXLPS");
        lps.setAttribute("Version", "01_00");
        el(lps, CTXLPS, "ctxlps:Id", UUID.randomUUID().toString());
        el(lps, CTXLPS, "ctxlps:Temps", now);
        el(lps, CTXLPS, "ctxlps:Emetteur", emitter);
        Element soft = el(lps, CTXLPS, "ctxlps:LPS", null);
        el(soft, CTXLPS, "ctxlps:IDAM", s.idam()).setAttribute("R", "4");
        el(soft, CTXLPS, "ctxlps:Version", s.softwareVersion());
        el(soft, CTXLPS, "ctxlps:Instance", s.instanceId());
        el(soft, CTXLPS, "ctxlps:Nom", s.softwareName());

        el(header, WSA, "wsa:Action", action);
        el(header, WSA, "wsa:MessageID", "uuid:" + messageId);
        el(header, WSSE, "wsse:Security", null);

        Element body = el(env, SOAP12, "soap:Body", null);
        body.setAttribute("Id", "_0");
        return body;
    }

    /** The {@code wsse:Security} header element of a request. */
    public static Element security(Document request) {
        return (Element) request.getElementsByTagNameNS(WSSE, "Security").item(0);
    }

    /** Transformers and builders are not thread-safe and costly to create: one per thread. */
    private static final ThreadLocal<Transformer> TRANSFORMER = ThreadLocal.withInitial(() -> {
        try {
            return SecureXml.transformerFactory().newTransformer();
        } catch (javax.xml.transform.TransformerConfigurationException e) {
            throw new IllegalStateException(e);
        }
    });
    private static final ThreadLocal<javax.xml.parsers.DocumentBuilder> BUILDER = ThreadLocal.withInitial(() -> {
        try {
            return SecureXml.documentBuilderFactory().newDocumentBuilder();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    });

    public static byte[] serialize(Document doc) {
        try {
            Transformer t = TRANSFORMER.get();
            t.reset();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            t.transform(new DOMSource(doc), new StreamResult(out));
            return out.toByteArray();
        } catch (TransformerException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads an answer: a {@code RESULTAT}, or a SOAP fault thrown as {@link InsiException}. */
    public static InsiResult read(byte[] answer) throws InsiException {
        Document doc;
        try {
            doc = SecureXml.parse(new ByteArrayInputStream(answer));
        } catch (XmlRejectedException e) {
            throw new InsiException(Kind.BAD_RESPONSE, Messages.get("insi.badResponse", e.getMessage()), e);
        }
        Element env = doc.getDocumentElement();
        if (!SOAP12.equals(env.getNamespaceURI()) || !"Envelope".equals(env.getLocalName())) {
            throw new InsiException(Kind.BAD_RESPONSE, Messages.get("insi.badResponse", Messages.get("insi.notSoap12")), null);
        }
        Element body = first(env, SOAP12, "Body");
        if (body == null) {
            throw new InsiException(Kind.BAD_RESPONSE, Messages.get("insi.badResponse", Messages.get("insi.noBody")), null);
        }
        Element fault = first(body, SOAP12, "Fault");
        if (fault != null) {
            throw fault(fault);
        }
        Element result = first(body, RESULTAT, "RESULTAT");
        if (result == null) {
            throw new InsiException(Kind.BAD_RESPONSE, Messages.get("insi.badResponse", Messages.get("insi.noResult")), null);
        }
        return result(result);
    }

    static InsiResult result(Element result) throws InsiException {
        Element cr = first(result, RESULTAT, "CR");
        String code = text(cr, "CodeCR");
        String label = text(cr, "LibelleCR");
        InsiAnswer answer = InsiAnswer.fromCode(code)
                .orElseThrow(() -> new InsiException(Kind.BAD_RESPONSE, Messages.get("insi.badResponse", Messages.get("insi.unknownCode", code)), null));
        if (answer != InsiAnswer.FOUND) {
            return new InsiResult(answer, label, null, List.of(), null, List.of());
        }
        Element individu = first(result, RESULTAT, "INDIVIDU");
        if (individu == null) {
            throw new InsiException(Kind.BAD_RESPONSE, Messages.get("insi.badResponse", Messages.get("insi.noIndividual")), null);
        }
        try {
            Ins active = ins(first(individu, RESULTAT, "INSACTIF"));
            List<Ins> history = new ArrayList<>();
            for (Node n = individu.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element e && RESULTAT.equals(e.getNamespaceURI()) && "INSHISTO".equals(e.getLocalName())) {
                    Ins h = ins(e);
                    if (!h.value().equals(active.value()) && !history.contains(h)) {
                        history.add(h);
                    }
                }
            }
            Element tiq = first(individu, RESULTAT, "TIQ");
            String list = text(tiq, "ListePrenom");
            String firstNames = list == null || list.isBlank() ? text(tiq, "Prenom") : list;
            BirthTraits traits = BirthTraits.of(text(tiq, "NomNaissance"), firstNames, Sex.fromCode(text(tiq, "Sexe")),
                    LocalDate.parse(text(tiq, "DateNaissance")), text(tiq, "LieuNaissance"));
            List<String> warnings = new ArrayList<>();
            InsiResult r = new InsiResult(answer, label, active, history, traits, warnings);
            for (Ins bad : r.invalidKeys()) {
                warnings.add(Messages.get("insi.warn.key", bad.value(), Ins.computeKey(bad.number())));
            }
            return new InsiResult(answer, label, active, history, traits, warnings);
        } catch (IllegalArgumentException | NullPointerException | DateTimeParseException e) {
            throw new InsiException(Kind.BAD_RESPONSE, Messages.get("insi.badResponse", String.valueOf(e.getMessage())), e);
        }
    }

    private static Ins ins(Element e) {
        if (e == null) {
            throw new IllegalArgumentException(Messages.get("insi.noIns"));
        }
        Element id = first(e, RESULTAT, "IdIndividu");
        return new Ins(text(id, "NumIdentifiant"), text(id, "Cle"), InsType.fromOid(text(e, "OID")));
    }

    /** A SOAP 1.2 fault as an exception with a French message a secretary understands. */
    static InsiException fault(Element fault) {
        String subcode = null;
        Element code = first(fault, SOAP12, "Code");
        Element sub = code == null ? null : first(code, SOAP12, "Subcode");
        if (sub != null) {
            subcode = localPart(text(sub, SOAP12, "Value"));
        }
        String reason = null;
        Element reasonEl = first(fault, SOAP12, "Reason");
        if (reasonEl != null) {
            reason = text(reasonEl, SOAP12, "Text");
        }
        String detailCode = null;
        String detailText = null;
        Element detail = first(fault, SOAP12, "Detail");
        if (detail != null) {
            Element erreur = first(detail, SIRAM, "Erreur");
            if (erreur != null) {
                detailCode = erreur.getAttribute("code");
                detailText = erreur.getTextContent();
            }
        }
        String key = detailCode != null && !detailCode.isBlank() ? detailCode : subcode;
        String explanation = key == null ? null : Messages.find("insi.fault." + key.toLowerCase(Locale.ROOT));
        String said = detailText != null && !detailText.isBlank() ? detailText.trim() : reason == null ? "" : reason.trim();
        String message = explanation != null ? explanation + " (" + key + (key.toLowerCase(Locale.ROOT).equals("desir_580") && !said.isEmpty() ? " : " + said : "") + ")"
                : Messages.get("insi.fault.other", key == null ? "?" : key, said);
        return new InsiException(Kind.FAULT, message, key, null);
    }

    private static String localPart(String qname) {
        if (qname == null) {
            return null;
        }
        int colon = qname.indexOf(':');
        return colon < 0 ? qname.trim() : qname.substring(colon + 1).trim();
    }

    static Element first(Element parent, String ns, String local) {
        if (parent == null) {
            return null;
        }
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && local.equals(e.getLocalName()) && ns.equals(e.getNamespaceURI())) {
                return e;
            }
        }
        return null;
    }

    private static String text(Element parent, String local) {
        return text(parent, RESULTAT, local);
    }

    private static String text(Element parent, String ns, String local) {
        Element e = first(parent, ns, local);
        return e == null ? null : e.getTextContent().trim();
    }

    private static Element el(Node parent, String ns, String qname, String text) {
        Document doc = parent instanceof Document d ? d : parent.getOwnerDocument();
        Element e = doc.createElementNS(ns, qname);
        if (text != null) {
            e.setTextContent(text);
        }
        parent.appendChild(e);
        return e;
    }

    private static Document newDocument() {
        return BUILDER.get().newDocument();
    }
}
