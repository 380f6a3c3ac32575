package org.caducee.xds.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.caducee.security.xml.SecureXml;
import org.caducee.security.xml.XmlRejectedException;
import org.caducee.xds.DocumentEntry;
import org.caducee.xds.EbrimCodec;
import org.caducee.xds.SubmissionMetadata;
import org.caducee.xds.SubmissionSet;
import org.caducee.xds.XdsAuthor;
import org.caducee.xds.XdsCode;
import org.caducee.xds.XdsException;
import org.caducee.xds.ebrim.lcm.SubmitObjectsRequest;
import org.caducee.xds.ebrim.rim.AssociationType1;
import org.caducee.xds.ebrim.rim.ClassificationType;
import org.caducee.xds.ebrim.rim.ExternalIdentifierType;
import org.caducee.xds.ebrim.rim.ExtrinsicObjectType;
import org.caducee.xds.ebrim.rim.IdentifiableType;
import org.caducee.xds.ebrim.rim.InternationalStringType;
import org.caducee.xds.ebrim.rim.LocalizedStringType;
import org.caducee.xds.ebrim.rim.ObjectFactory;
import org.caducee.xds.ebrim.rim.RegistryObjectListType;
import org.caducee.xds.ebrim.rim.RegistryObjectType;
import org.caducee.xds.ebrim.rim.RegistryPackageType;
import org.caducee.xds.ebrim.rim.SlotType1;
import org.caducee.xds.ebrim.rim.ValueListType;
import org.osgi.service.component.annotations.Component;
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.XMLFilterImpl;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBElement;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Marshaller;
import jakarta.xml.bind.Unmarshaller;
import jakarta.xml.bind.UnmarshallerHandler;

/** ebRIM 3.0 mapping of XDS metadata on the generated JAXB classes; the JAXB runtime is given explicitly (no SPI). */
@Component(service = EbrimCodec.class)
public final class EbrimCodecImpl implements EbrimCodec {

    static final String APPROVED = "urn:oasis:names:tc:ebxml-regrep:StatusType:Approved";
    static final String HAS_MEMBER = "urn:oasis:names:tc:ebxml-regrep:AssociationType:HasMember";
    static final String CLASSIFICATION_TYPE = "urn:oasis:names:tc:ebxml-regrep:ObjectType:RegistryObject:Classification";
    static final String EXTERNAL_ID_TYPE = "urn:oasis:names:tc:ebxml-regrep:ObjectType:RegistryObject:ExternalIdentifier";

    static final String DE_CLASS = "urn:uuid:41a5887f-8865-4c09-adf7-e362475b143a";
    static final String DE_CONFIDENTIALITY = "urn:uuid:f4f85eac-e6cb-4883-b524-f2705394840f";
    static final String DE_FORMAT = "urn:uuid:a09d5840-386c-46f2-b5ad-9c3699a4309d";
    static final String DE_FACILITY = "urn:uuid:f33fb8ac-18af-42cc-ae0e-ed0b0bdb91e1";
    static final String DE_PRACTICE = "urn:uuid:cccf5598-8b07-4b77-a05e-ae952c785ead";
    static final String DE_TYPE = "urn:uuid:f0306f51-975f-434e-a61c-c59651d33983";
    static final String DE_EVENT = "urn:uuid:2c6b8cb7-8b2a-4051-b291-b1ae6a575ef4";
    static final String DE_AUTHOR = "urn:uuid:93606bcf-9494-43ec-9b4e-a7748d1a838d";
    static final String DE_PATIENT_ID = "urn:uuid:58a6f841-87b3-4a3e-92fd-a8ffeff98427";
    static final String DE_UNIQUE_ID = "urn:uuid:2e82c1f6-a085-4c72-9da3-8640a32e42ab";
    static final String SS_AUTHOR = "urn:uuid:a7058bb9-b4e4-4307-ba5b-e3f0ab85e12d";
    static final String SS_CONTENT_TYPE = "urn:uuid:aa543740-bdda-424e-8c96-df4873be8500";
    static final String SS_PATIENT_ID = "urn:uuid:6b5aea1a-874d-4603-a4bc-96a0a7b38446";
    static final String SS_SOURCE_ID = "urn:uuid:554ac39e-e3fe-47fe-b233-965d2a147832";
    static final String SS_UNIQUE_ID = "urn:uuid:96fdda7c-d067-4183-912e-bf5ee74998a8";

    private static final Set<String> KNOWN_DE_SLOTS = Set.of("hash", "size", "URI", "creationTime", "serviceStartTime", "serviceStopTime",
            "languageCode", "sourcePatientId", "sourcePatientInfo", "legalAuthenticator");

    private final JAXBContext context;
    private final ObjectFactory rim = new ObjectFactory();

    public EbrimCodecImpl() {
        try {
            context = new org.glassfish.jaxb.runtime.v2.JAXBContextFactory().createContext(new Class<?>[] {
                    org.caducee.xds.ebrim.lcm.ObjectFactory.class, ObjectFactory.class, org.caducee.xds.ebrim.rs.ObjectFactory.class,
                    org.caducee.xds.ebrim.query.ObjectFactory.class, org.caducee.xds.ebrim.xdsb.ObjectFactory.class}, Map.of());
        } catch (JAXBException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The JAXB context of the generated ebRIM/XDS.b classes (for the DMP transactions). */
    public JAXBContext context() {
        return context;
    }

    // ---------------------------------------------------------------- writing

    @Override
    public SubmitObjectsRequest toRequest(SubmissionMetadata metadata) {
        SubmissionSet ss = metadata.submissionSet();
        RegistryObjectListType list = new RegistryObjectListType();
        RegistryPackageType pkg = new RegistryPackageType();
        pkg.setId(ss.entryUuid());
        pkg.setObjectType("urn:oasis:names:tc:ebxml-regrep:ObjectType:RegistryObject:RegistryPackage");
        pkg.setStatus(APPROVED);
        slot(pkg, "submissionTime", ss.submissionTime());
        pkg.setName(text(ss.title()));
        int n = 0;
        for (XdsAuthor a : ss.authors()) {
            pkg.getClassification().add(author(SS_AUTHOR, ss.entryUuid(), a, ss.entryUuid() + "_author" + (++n)));
        }
        if (ss.contentTypeCode() != null) {
            pkg.getClassification().add(coded(SS_CONTENT_TYPE, ss.entryUuid(), ss.contentTypeCode(), ss.entryUuid() + "_contentType"));
        }
        pkg.getExternalIdentifier().add(externalId(SS_PATIENT_ID, ss.entryUuid(), ss.patientId(), "XDSSubmissionSet.patientId"));
        pkg.getExternalIdentifier().add(externalId(SS_SOURCE_ID, ss.entryUuid(), ss.sourceId(), "XDSSubmissionSet.sourceId"));
        pkg.getExternalIdentifier().add(externalId(SS_UNIQUE_ID, ss.entryUuid(), ss.uniqueId(), "XDSSubmissionSet.uniqueId"));
        list.getIdentifiable().add(rim.createRegistryPackage(pkg));

        ClassificationType node = new ClassificationType();
        node.setId(ss.entryUuid() + "_submissionSet");
        node.setClassificationNode(SubmissionSet.CLASSIFICATION_NODE);
        node.setClassifiedObject(ss.entryUuid());
        node.setObjectType(CLASSIFICATION_TYPE);
        list.getIdentifiable().add(rim.createClassification(node));

        for (DocumentEntry de : metadata.documents()) {
            list.getIdentifiable().add(rim.createExtrinsicObject(extrinsic(de)));
            AssociationType1 assoc = new AssociationType1();
            assoc.setId(Hl7.urnUuid());
            assoc.setAssociationType(HAS_MEMBER);
            assoc.setSourceObject(ss.entryUuid());
            assoc.setTargetObject(de.entryUuid());
            slot(assoc, "SubmissionSetStatus", "Original");
            list.getIdentifiable().add(rim.createAssociation(assoc));
        }
        SubmitObjectsRequest request = new SubmitObjectsRequest();
        request.setRegistryObjectList(list);
        return request;
    }

    private ExtrinsicObjectType extrinsic(DocumentEntry de) {
        ExtrinsicObjectType eo = new ExtrinsicObjectType();
        String id = de.entryUuid();
        eo.setId(id);
        eo.setMimeType(de.mimeType());
        eo.setObjectType(DocumentEntry.OBJECT_TYPE);
        eo.setStatus(APPROVED);
        slot(eo, "hash", de.hash());
        slot(eo, "size", de.size() < 0 ? null : Long.toString(de.size()));
        slot(eo, "URI", de.uri());
        slot(eo, "creationTime", de.creationTime());
        slot(eo, "languageCode", de.languageCode());
        slot(eo, "legalAuthenticator", de.legalAuthenticator());
        slot(eo, "serviceStartTime", de.serviceStartTime());
        slot(eo, "serviceStopTime", de.serviceStopTime());
        slot(eo, "sourcePatientId", de.sourcePatientId());
        slot(eo, "sourcePatientInfo", de.sourcePatientInfo());
        de.extraSlots().forEach((name, values) -> slot(eo, name, values));
        eo.setName(text(de.title()));
        int n = 0;
        for (XdsAuthor a : de.authors()) {
            eo.getClassification().add(author(DE_AUTHOR, id, a, id + "_author" + (++n)));
        }
        addCoded(eo, DE_CLASS, de.classCode(), "_class");
        n = 0;
        for (XdsCode c : de.confidentialityCodes()) {
            addCoded(eo, DE_CONFIDENTIALITY, c, "_confidentiality" + (++n));
        }
        n = 0;
        for (XdsCode c : de.eventCodes()) {
            addCoded(eo, DE_EVENT, c, "_event" + (++n));
        }
        addCoded(eo, DE_FORMAT, de.formatCode(), "_format");
        addCoded(eo, DE_FACILITY, de.healthcareFacilityTypeCode(), "_facility");
        addCoded(eo, DE_PRACTICE, de.practiceSettingCode(), "_practice");
        addCoded(eo, DE_TYPE, de.typeCode(), "_type");
        eo.getExternalIdentifier().add(externalId(DE_PATIENT_ID, id, de.patientId(), "XDSDocumentEntry.patientId"));
        eo.getExternalIdentifier().add(externalId(DE_UNIQUE_ID, id, de.uniqueId(), "XDSDocumentEntry.uniqueId"));
        return eo;
    }

    private void addCoded(RegistryObjectType owner, String scheme, XdsCode code, String suffix) {
        if (code != null && !code.code().isEmpty()) {
            owner.getClassification().add(coded(scheme, owner.getId(), code, owner.getId() + suffix));
        }
    }

    private static ClassificationType coded(String scheme, String object, XdsCode code, String id) {
        ClassificationType c = new ClassificationType();
        c.setId(id);
        c.setObjectType(CLASSIFICATION_TYPE);
        c.setClassificationScheme(scheme);
        c.setClassifiedObject(object);
        c.setNodeRepresentation(code.code());
        slot(c, "codingScheme", code.codingScheme());
        c.setName(text(code.displayName()));
        return c;
    }

    private static ClassificationType author(String scheme, String object, XdsAuthor a, String id) {
        ClassificationType c = new ClassificationType();
        c.setId(id);
        c.setObjectType(CLASSIFICATION_TYPE);
        c.setClassificationScheme(scheme);
        c.setClassifiedObject(object);
        c.setNodeRepresentation("");
        slot(c, "authorPerson", a.person());
        slot(c, "authorInstitution", a.institutions());
        slot(c, "authorRole", a.roles());
        slot(c, "authorSpecialty", a.specialties());
        return c;
    }

    private static ExternalIdentifierType externalId(String scheme, String object, String value, String name) {
        ExternalIdentifierType e = new ExternalIdentifierType();
        e.setId(Hl7.urnUuid());
        e.setObjectType(EXTERNAL_ID_TYPE);
        e.setIdentificationScheme(scheme);
        e.setRegistryObject(object);
        e.setValue(value == null ? "" : value);
        e.setName(text(name));
        return e;
    }

    private static void slot(IdentifiableType owner, String name, String value) {
        if (value != null && !value.isEmpty()) {
            slot(owner, name, List.of(value));
        }
    }

    private static void slot(IdentifiableType owner, String name, List<String> values) {
        if (values == null || values.isEmpty()) {
            return;
        }
        SlotType1 s = new SlotType1();
        s.setName(name);
        ValueListType v = new ValueListType();
        v.getValue().addAll(values);
        s.setValueList(v);
        owner.getSlot().add(s);
    }

    private static InternationalStringType text(String value) {
        if (value == null) {
            return null;
        }
        InternationalStringType t = new InternationalStringType();
        LocalizedStringType l = new LocalizedStringType();
        l.setLang("fr-FR");
        l.setCharset("UTF-8");
        l.setValue(value);
        t.getLocalizedString().add(l);
        return t;
    }

    @Override
    public byte[] write(SubmissionMetadata metadata) {
        try {
            Marshaller m = context.createMarshaller();
            m.setProperty(Marshaller.JAXB_FORMATTED_OUTPUT, Boolean.TRUE);
            m.setProperty(Marshaller.JAXB_ENCODING, "UTF-8");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            m.marshal(toRequest(metadata), out);
            return out.toByteArray();
        } catch (JAXBException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---------------------------------------------------------------- reading

    @Override
    public SubmissionMetadata read(byte[] metadataXml) {
        // one streaming pass of the hardened SAX reader feeding JAXB, no DOM in between
        Unmarshaller u;
        try {
            u = context.createUnmarshaller();
        } catch (JAXBException e) {
            throw new IllegalStateException(e);
        }
        UnmarshallerHandler handler = u.getUnmarshallerHandler();
        String[] rootName = { null };
        XMLFilterImpl tee = new XMLFilterImpl() {
            @Override
            public void startElement(String uri, String localName, String qName, Attributes atts) throws SAXException {
                if (rootName[0] == null) {
                    rootName[0] = localName;
                }
                super.startElement(uri, localName, qName, atts);
            }
        };
        tee.setContentHandler(handler);
        Object root;
        try {
            SecureXml.parse(new ByteArrayInputStream(metadataXml), tee);
            root = handler.getResult();
        } catch (XmlRejectedException e) {
            throw new XdsException(XdsException.Reason.METADATA, Messages.get("ebrim.unreadable", e.getMessage()), e);
        } catch (SAXException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new XdsException(XdsException.Reason.METADATA, Messages.get("ebrim.notEbrim", String.valueOf(cause.getMessage())), e);
        } catch (JAXBException | RuntimeException e) {
            throw new XdsException(XdsException.Reason.METADATA, Messages.get("ebrim.notEbrim", String.valueOf(e.getMessage())), e);
        }
        if (root instanceof JAXBElement<?> el) {
            root = el.getValue();
        }
        if (root instanceof org.caducee.xds.ebrim.xdsb.ProvideAndRegisterDocumentSetRequestType pnr) {
            root = pnr.getSubmitObjectsRequest();
        }
        if (!(root instanceof SubmitObjectsRequest request)) {
            throw new XdsException(XdsException.Reason.METADATA, Messages.get("ebrim.notSubmit", rootName[0]));
        }
        return fromRequest(request);
    }

    @Override
    public SubmissionMetadata fromRequest(SubmitObjectsRequest request) {
        RegistryObjectListType list = request.getRegistryObjectList();
        if (list == null) {
            throw new XdsException(XdsException.Reason.METADATA, Messages.get("ebrim.empty"));
        }
        List<RegistryPackageType> packages = new ArrayList<>();
        List<ExtrinsicObjectType> entries = new ArrayList<>();
        List<ClassificationType> loose = new ArrayList<>();
        for (JAXBElement<? extends IdentifiableType> e : list.getIdentifiable()) {
            Object v = e.getValue();
            if (v instanceof RegistryPackageType p) {
                packages.add(p);
            } else if (v instanceof ExtrinsicObjectType eo) {
                entries.add(eo);
            } else if (v instanceof ClassificationType c) {
                loose.add(c);
            }
        }
        RegistryPackageType pkg = packages.stream().filter(p -> p.getClassification().stream()
                .anyMatch(c -> SubmissionSet.CLASSIFICATION_NODE.equals(c.getClassificationNode()))
                || loose.stream().anyMatch(c -> SubmissionSet.CLASSIFICATION_NODE.equals(c.getClassificationNode())
                        && p.getId().equals(c.getClassifiedObject())))
                .findFirst().orElse(packages.isEmpty() ? null : packages.get(0));
        SubmissionSet ss = pkg == null ? null : submissionSet(pkg);
        List<DocumentEntry> docs = new ArrayList<>();
        for (ExtrinsicObjectType eo : entries) {
            docs.add(documentEntry(eo));
        }
        if (docs.isEmpty()) {
            throw new XdsException(XdsException.Reason.METADATA, Messages.get("ebrim.noDocument"));
        }
        return new SubmissionMetadata(ss, docs);
    }

    private static SubmissionSet submissionSet(RegistryPackageType p) {
        List<XdsAuthor> authors = new ArrayList<>();
        XdsCode contentType = null;
        for (ClassificationType c : p.getClassification()) {
            if (SS_AUTHOR.equals(c.getClassificationScheme())) {
                authors.add(author(c));
            } else if (SS_CONTENT_TYPE.equals(c.getClassificationScheme())) {
                contentType = code(c);
            }
        }
        return new SubmissionSet(p.getId(), externalId(p, SS_UNIQUE_ID), externalId(p, SS_SOURCE_ID), slot(p, "submissionTime"),
                text(p.getName()), externalId(p, SS_PATIENT_ID), authors, contentType);
    }

    private static DocumentEntry documentEntry(ExtrinsicObjectType eo) {
        List<XdsAuthor> authors = new ArrayList<>();
        List<XdsCode> confidentiality = new ArrayList<>();
        List<XdsCode> events = new ArrayList<>();
        Map<String, XdsCode> single = new LinkedHashMap<>();
        for (ClassificationType c : eo.getClassification()) {
            String scheme = c.getClassificationScheme() == null ? "" : c.getClassificationScheme();
            switch (scheme) {
                case DE_AUTHOR -> authors.add(author(c));
                case DE_CONFIDENTIALITY -> confidentiality.add(code(c));
                case DE_EVENT -> events.add(code(c));
                default -> single.putIfAbsent(scheme, code(c));
            }
        }
        Map<String, List<String>> extra = new LinkedHashMap<>();
        for (SlotType1 s : eo.getSlot()) {
            if (!KNOWN_DE_SLOTS.contains(s.getName())) {
                extra.put(s.getName(), values(s));
            }
        }
        long size = -1;
        String sizeText = slot(eo, "size");
        if (sizeText != null) {
            try {
                size = Long.parseLong(sizeText.trim());
            } catch (NumberFormatException e) {
                throw new XdsException(XdsException.Reason.METADATA, Messages.get("ebrim.badSize", sizeText));
            }
        }
        return new DocumentEntry(eo.getId(), externalId(eo, DE_UNIQUE_ID), eo.getMimeType(), text(eo.getName()), slot(eo, "hash"), size,
                slot(eo, "URI"), slot(eo, "creationTime"), slot(eo, "serviceStartTime"), slot(eo, "serviceStopTime"),
                slot(eo, "languageCode"), externalId(eo, DE_PATIENT_ID), slot(eo, "sourcePatientId"), slotValues(eo, "sourcePatientInfo"),
                slot(eo, "legalAuthenticator"), authors, single.get(DE_CLASS), single.get(DE_TYPE), single.get(DE_FORMAT),
                single.get(DE_FACILITY), single.get(DE_PRACTICE), confidentiality, events, extra);
    }

    private static XdsAuthor author(ClassificationType c) {
        return new XdsAuthor(slot(c, "authorPerson"), slotValues(c, "authorInstitution"), slotValues(c, "authorRole"),
                slotValues(c, "authorSpecialty"));
    }

    private static XdsCode code(ClassificationType c) {
        return new XdsCode(c.getNodeRepresentation(), slot(c, "codingScheme"), text(c.getName()));
    }

    private static String externalId(RegistryObjectType o, String scheme) {
        return o.getExternalIdentifier().stream().filter(e -> scheme.equals(e.getIdentificationScheme())).map(e -> e.getValue().trim())
                .findFirst().orElse(null);
    }

    private static String slot(IdentifiableType o, String name) {
        List<String> v = slotValues(o, name);
        return v.isEmpty() ? null : v.get(0).trim();
    }

    private static List<String> slotValues(IdentifiableType o, String name) {
        return o.getSlot().stream().filter(s -> name.equals(s.getName())).findFirst().map(EbrimCodecImpl::values).orElse(List.of());
    }

    private static List<String> values(SlotType1 s) {
        return s.getValueList() == null ? List.of() : s.getValueList().getValue().stream().map(String::trim).toList();
    }

    private static String text(InternationalStringType t) {
        if (t == null || t.getLocalizedString().isEmpty()) {
            return null;
        }
        return t.getLocalizedString().get(0).getValue();
    }
}
