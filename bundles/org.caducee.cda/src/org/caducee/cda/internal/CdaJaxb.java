package org.caducee.cda.internal;

import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import javax.xml.namespace.QName;
import javax.xml.transform.stream.StreamSource;

import org.caducee.cda.internal.jaxb.POCDMT000040ClinicalDocument;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBElement;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Marshaller;
import jakarta.xml.bind.Unmarshaller;

/**
 * The JAXB context of the CDA R2 model generated from the ANS kit's schema (created once per writer: it is thread
 * safe; marshallers are not and are created per call). The JAXB implementation is named explicitly (no ServiceLoader
 * lookup in OSGi).
 */
public final class CdaJaxb {

    public static final String HL7 = "urn:hl7-org:v3";
    private static final QName CLINICAL_DOCUMENT = new QName(HL7, "ClinicalDocument");

    private final JAXBContext context;

    public CdaJaxb() {
        try {
            context = org.glassfish.jaxb.runtime.v2.ContextFactory.createContext(
                    new Class<?>[] { org.caducee.cda.internal.jaxb.ObjectFactory.class,
                            org.caducee.cda.internal.jaxb.sdtc.ObjectFactory.class, org.caducee.cda.internal.jaxb.pharm.ObjectFactory.class,
                            org.caducee.cda.internal.jaxb.ihelab.ObjectFactory.class, org.caducee.cda.internal.jaxb.dicom.ObjectFactory.class }, Map.of());
        } catch (JAXBException e) {
            throw new IllegalStateException("CDA JAXB model unusable", e);
        }
    }

    public byte[] marshal(POCDMT000040ClinicalDocument document) {
        try {
            Marshaller m = context.createMarshaller();
            m.setProperty(Marshaller.JAXB_FORMATTED_OUTPUT, Boolean.TRUE);
            m.setProperty(Marshaller.JAXB_ENCODING, "UTF-8");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            m.marshal(new JAXBElement<>(CLINICAL_DOCUMENT, POCDMT000040ClinicalDocument.class, document), out);
            return out.toByteArray();
        } catch (JAXBException e) {
            throw new IllegalStateException("CDA not writable", e);
        }
    }

    /** Reads a CDA into the model with the hardened StAX factory (no DTD, no external entities). */
    public POCDMT000040ClinicalDocument unmarshal(byte[] cda) {
        try {
            Unmarshaller u = context.createUnmarshaller();
            var factory = org.caducee.security.xml.SecureXml.xmlInputFactory();
            var reader = factory.createXMLStreamReader(new StreamSource(new StringReader(new String(cda, StandardCharsets.UTF_8))).getReader());
            return u.unmarshal(reader, POCDMT000040ClinicalDocument.class).getValue();
        } catch (JAXBException | javax.xml.stream.XMLStreamException e) {
            throw new IllegalArgumentException(Messages.get("read.failed", e.getMessage()), e);
        }
    }
}
