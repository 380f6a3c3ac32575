package org.caducee.xds.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.caducee.cda.CdaAuthor;
import org.caducee.cda.CdaHeader;
import org.caducee.cda.CdaHeaderReader;
import org.caducee.cda.CdaLevel;
import org.caducee.cda.CdaPatient;
import org.caducee.cda.CdaReadException;
import org.caducee.cda.CodedValue;
import org.caducee.cda.InstanceId;
import org.caducee.cda.validation.CdaValidator;
import org.caducee.core.installation.Installation;
import org.caducee.security.xml.XmlRejectedException;
import org.caducee.xds.DocumentEntry;
import org.caducee.xds.SubmissionSet;
import org.caducee.xds.Visibility;
import org.caducee.xds.XdsAuthor;
import org.caducee.xds.XdsCode;
import org.caducee.xds.XdsException;
import org.caducee.xds.XdsMetadataFactory;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.w3c.dom.Element;

/**
 * XDS metadata from the CDA header. Settings (installation): {@value #SETTING_FACILITY} and {@value #SETTING_PRACTICE}
 * give the defaults when the CDA names no healthcare facility type or practice setting (a GP practice:
 * {@code SA07} / {@code AMBULATOIRE}); {@value #SETTING_SOURCE_ID} the submission set sourceId (OID).
 */
@Component(service = XdsMetadataFactory.class)
public final class XdsMetadataFactoryImpl implements XdsMetadataFactory {

    public static final String SETTING_FACILITY = "xds.healthcareFacilityTypeCode";
    public static final String SETTING_PRACTICE = "xds.practiceSettingCode";
    public static final String SETTING_SOURCE_ID = "xds.sourceId";

    private final CdaHeaderReader reader;
    private final Installation installation;
    private final Terminology terminology;

    @Activate
    public XdsMetadataFactoryImpl(@Reference CdaHeaderReader reader, @Reference CdaValidator validator, @Reference Installation installation) {
        this(reader, validator.kitDirectory(), installation);
    }

    XdsMetadataFactoryImpl(CdaHeaderReader reader, Path kitDirectory, Installation installation) {
        this.reader = reader;
        this.installation = installation;
        this.terminology = new Terminology(kitDirectory);
    }

    Terminology terminology() {
        return terminology;
    }

    @Override
    public DocumentEntry documentEntry(byte[] cda, String uri, Set<Visibility> visibility) {
        CdaHeader h;
        CdaExtras extras;
        try {
            h = reader.read(cda);
            extras = CdaExtras.read(cda);
        } catch (CdaReadException | XmlRejectedException e) {
            throw new XdsException(XdsException.Reason.DOCUMENT, Messages.get("metadata.unreadable", e.getMessage()), e);
        }
        if (h.id() == null) {
            throw new XdsException(XdsException.Reason.DOCUMENT, Messages.get("metadata.noId"));
        }
        if (h.code() == null || h.code().code() == null) {
            throw new XdsException(XdsException.Reason.DOCUMENT, Messages.get("metadata.noType", h.id().value()));
        }
        CdaPatient p = h.patient();
        String patientId = patientId(p);
        if (patientId == null) {
            throw new XdsException(XdsException.Reason.DOCUMENT, Messages.get("metadata.noPatient", h.id().value()));
        }
        XdsCode typeCode = terminology.complete(Terminology.TYPE, code(h.code()));
        XdsCode classCode = terminology.classCodeFor(typeCode.code())
                .orElseThrow(() -> new XdsException(XdsException.Reason.DOCUMENT, Messages.get("metadata.noClass", typeCode.code())));
        XdsCode formatCode = formatCode(h, extras)
                .orElseThrow(() -> new XdsException(XdsException.Reason.DOCUMENT, Messages.get("metadata.noFormat", String.join(", ", h.templateIds()))));
        XdsCode facility = extras.healthcareFacilityType() != null ? extras.healthcareFacilityType()
                : new XdsCode(installation.setting(SETTING_FACILITY).orElse("SA07"), null, null);
        facility = terminology.complete(Terminology.FACILITY, facility);
        XdsCode practice = extras.practiceSetting() != null ? extras.practiceSetting()
                : new XdsCode(installation.setting(SETTING_PRACTICE).orElse("AMBULATOIRE"), null, null);
        practice = terminology.complete(Terminology.PRACTICE, practice);
        List<XdsCode> confidentiality = new ArrayList<>();
        confidentiality.add(terminology.complete(Terminology.CONFIDENTIALITY,
                h.confidentiality() == null ? new XdsCode("N", "2.16.840.1.113883.5.25", null) : code(h.confidentiality())));
        for (Visibility v : Visibility.values()) {
            if (visibility != null && visibility.contains(v)) {
                confidentiality.add(terminology.complete(Terminology.CONFIDENTIALITY, new XdsCode(v.name(), Visibility.CODING_SCHEME, null)));
            }
        }
        List<XdsAuthor> authors = new ArrayList<>();
        for (int i = 0; i < h.authors().size(); i++) {
            CdaAuthor a = h.authors().get(i);
            String role = i < extras.authorFunctions().size() ? ce(extras.authorFunctions().get(i)) : null;
            String specialty = a.role() == null ? null : ce(terminology.complete(Terminology.SPECIALTY, code(a.role())));
            String person = a.family() == null && a.given() == null ? null : Hl7.xcn(a);
            authors.add(new XdsAuthor(person, a.organization() == null ? List.of() : List.of(Hl7.xon(a.organization())),
                    role == null ? List.of() : List.of(role), specialty == null ? List.of() : List.of(specialty)));
        }
        String sourcePatientId = p.otherIds().stream().filter(id -> id.extension() != null).findFirst().map(id -> Hl7.cx(id, "PI"))
                .orElse(patientId);
        byte[] content = Objects.requireNonNull(cda);
        Map<String, List<String>> extra = new LinkedHashMap<>();
        return new DocumentEntry(Hl7.urnUuid(), h.id().value(), "text/xml", h.title(), Hl7.sha1(content), content.length, uri,
                Hl7.dtm(h.effectiveTime()), Hl7.dtm(h.serviceStart()), Hl7.dtm(extras.serviceStop()),
                h.languageCode() == null ? "fr-FR" : h.languageCode(), patientId, sourcePatientId, sourcePatientInfo(p),
                legalAuthenticator(extras.legalAuthenticator()), authors, classCode, typeCode, formatCode, facility, practice,
                confidentiality, extras.eventCodes(), extra);
    }

    @Override
    public SubmissionSet submissionSet(List<DocumentEntry> documents, String title) {
        if (documents.isEmpty()) {
            throw new IllegalArgumentException("documents");
        }
        DocumentEntry first = documents.get(0);
        List<XdsAuthor> authors = first.authors().isEmpty() ? List.of() : List.of(first.authors().get(0));
        String sourceId = installation.setting(SETTING_SOURCE_ID).filter(s -> !s.isBlank()).orElseGet(() -> sourceIdFrom(authors));
        return new SubmissionSet(Hl7.urnUuid(), Hl7.uuidOid(), sourceId, Hl7.dtm(java.time.OffsetDateTime.now()),
                title != null ? title : first.title(), first.patientId(), authors, first.healthcareFacilityTypeCode());
    }

    /** {@code authority.id} of the first author's institution when it is numeric, else a generated OID. */
    private static String sourceIdFrom(List<XdsAuthor> authors) {
        for (XdsAuthor a : authors) {
            for (String xon : a.institutions()) {
                String[] comps = xon.split("\\^", -1);
                if (comps.length >= 10 && comps[5].contains("&") && comps[9].matches("\\d+")) {
                    String[] auth = comps[5].split("&", -1);
                    return auth[1] + "." + comps[9];
                }
            }
        }
        return Hl7.uuidOid();
    }

    private Optional<XdsCode> formatCode(CdaHeader h, CdaExtras extras) {
        if (h.level() == CdaLevel.N1) {
            String media = h.mediaType() != null ? h.mediaType() : extras.mediaType();
            return terminology.formatCodeFor(media == null ? "application/pdf" : media);
        }
        Optional<XdsCode> found = Optional.empty();
        for (String templateId : h.templateIds()) {
            String root = templateId.contains("^") ? templateId.substring(0, templateId.indexOf('^')) : templateId;
            Optional<XdsCode> f = terminology.formatCodeFor(root);
            if (f.isPresent()) {
                found = f;
            }
        }
        return found;
    }

    static String patientId(CdaPatient p) {
        if (p == null) {
            return null;
        }
        if (p.ins() != null) {
            return p.ins().toCx();
        }
        return p.otherIds().stream().filter(id -> id.extension() != null).findFirst().map(id -> Hl7.cx(id, "PI")).orElse(null);
    }

    static List<String> sourcePatientInfo(CdaPatient p) {
        List<String> out = new ArrayList<>();
        if (p.birthName() != null) {
            out.add("PID-5|" + Hl7.esc(p.birthName()) + "^" + Hl7.esc(p.firstBirthGivenName()) + "^" + Hl7.esc(p.birthGivenNames())
                    + "^^^^L");
        }
        if (p.usedFamilyName() != null || p.usedGivenName() != null) {
            out.add("PID-5|" + Hl7.esc(p.usedFamilyName() != null ? p.usedFamilyName() : p.birthName()) + "^"
                    + Hl7.esc(p.usedGivenName()) + "^^^^^D");
        }
        if (p.birthDate() != null) {
            out.add("PID-7|" + p.birthDate().format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE));
        }
        if (p.sex() != null) {
            out.add("PID-8|" + switch (p.sex()) {
                case MALE -> "M";
                case FEMALE -> "F";
                default -> "U";
            });
        }
        if (p.birthPlaceCode() != null) {
            out.add("PID-11|^^^^^^BDL^^" + p.birthPlaceCode());
        }
        return out;
    }

    private static String legalAuthenticator(Element legal) {
        if (legal == null) {
            return null;
        }
        Element entity = CdaExtras.child(legal, "assignedEntity");
        Element id = CdaExtras.child(entity, "id");
        Element name = CdaExtras.path(entity, "assignedPerson", "name");
        if (id == null) {
            return null;
        }
        String family = text(CdaExtras.child(name, "family"));
        String given = text(CdaExtras.child(name, "given"));
        String prefix = text(CdaExtras.child(name, "prefix"));
        InstanceId ii = new InstanceId(id.getAttribute("root"), id.getAttribute("extension"));
        return Hl7.xcn(new CdaAuthor(null, ii, null, prefix, given, family, null));
    }

    private static String text(Element e) {
        return e == null ? null : e.getTextContent().trim();
    }

    private static XdsCode code(CodedValue v) {
        return new XdsCode(v.code(), v.codeSystem(), v.displayName());
    }

    private static String ce(XdsCode c) {
        return c == null ? null : Hl7.ce(new CodedValue(c.code(), c.codingScheme(), c.displayName()));
    }
}
