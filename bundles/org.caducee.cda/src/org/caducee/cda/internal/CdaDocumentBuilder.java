package org.caducee.cda.internal;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.caducee.cda.CodedValue;
import org.caducee.cda.InstanceId;
import org.caducee.cda.internal.jaxb.*;
import org.caducee.cda.write.CdaAuthorship;
import org.caducee.cda.write.CdaDocument;
import org.caducee.cda.write.CdaEntry;
import org.caducee.cda.write.CdaSection;
import org.caducee.cda.write.DocumentContent;
import org.caducee.cda.write.SectionText;
import org.caducee.core.identity.Identity;
import org.caducee.core.identity.Ins;
import org.caducee.core.patient.Patient;

import jakarta.xml.bind.JAXBElement;

/**
 * Builds the JAXB tree of one {@link CdaDocument}: the CI-SIS header (structuration minimale) and an N1 or N3 body.
 * The only place where our document model becomes CDA: N1 and N3 share every header line.
 */
final class CdaDocumentBuilder {

    static final String ID_NAT_PS = "1.2.250.1.71.4.2.1";
    static final String ID_NAT_STRUCT = "1.2.250.1.71.4.2.2";
    private static final DateTimeFormatter HL7_TS = DateTimeFormatter.ofPattern("uuuuMMddHHmmssxx");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuuMMdd");

    private final ObjectFactory f = new ObjectFactory();

    /**
     * @param pdfCopy the PDF/A copy: the N1 body, or the FR-Document-PDF-copie section of an N3 body whose template
     *                {@code embedsPdf()}; may be {@code null} otherwise
     */
    POCDMT000040ClinicalDocument build(CdaDocument doc, byte[] pdfCopy) {
        var cd = f.createPOCDMT000040ClinicalDocument();
        cd.getRealmCode().add(cs("FR"));
        var typeId = f.createPOCDMT000040InfrastructureRootTypeId();
        typeId.setRoot("2.16.840.1.113883.1.3");
        typeId.setExtension("POCD_HD000040");
        cd.setTypeId(typeId);
        cd.getTemplateId().add(ii("2.16.840.1.113883.2.8.2.1", null));
        cd.getTemplateId().add(ii("1.2.250.1.213.1.1.1.1", null));
        CodedValue type = doc.type();
        if (doc.content() instanceof DocumentContent.Structured<?> s) {
            for (InstanceId t : s.template().templateIds()) {
                cd.getTemplateId().add(ii(t));
            }
            type = s.template().documentCode();
        } else {
            cd.getTemplateId().add(ii("1.3.6.1.4.1.19376.1.2.20", null));
        }
        cd.setId(ii(doc.id()));
        cd.setCode(ce(type));
        ST title = new ST();
        title.getContent().add(doc.title());
        cd.setTitle(title);
        cd.setEffectiveTime(ts(doc.effectiveTime()));
        cd.setConfidentialityCode(ce(confidentiality(doc.confidentiality())));
        cd.setLanguageCode(cs("fr-FR"));
        cd.setSetId(ii(doc.setId()));
        INT version = new INT();
        version.setValue(java.math.BigInteger.valueOf(doc.versionNumber()));
        cd.setVersionNumber(version);
        cd.getRecordTarget().add(recordTarget(doc.patient(), doc.localPatientId()));
        cd.getAuthor().add(author(doc.authorship(), doc.effectiveTime()));
        cd.setCustodian(custodian(doc.authorship()));
        cd.setLegalAuthenticator(legalAuthenticator(doc.authorship(), doc.effectiveTime()));
        cd.getDocumentationOf().add(documentationOf(doc, type));
        if (doc.replaces() != null) {
            var rel = f.createPOCDMT000040RelatedDocument();
            rel.setTypeCode(XActRelationshipDocument.RPLC);
            var parent = f.createPOCDMT000040ParentDocument();
            parent.getId().add(ii(doc.replaces()));
            rel.setParentDocument(parent);
            cd.getRelatedDocument().add(rel);
        }
        cd.setComponentOf(componentOf(doc));
        var component = f.createPOCDMT000040Component2();
        if (doc.content() instanceof DocumentContent.Structured<?> s) {
            var body = structuredBody(doc, s);
            if (s.template().embedsPdf()) {
                var pdfSection = f.createPOCDMT000040Component3();
                pdfSection.setSection(pdfCopySection(doc, pdfCopy));
                body.getComponent().add(pdfSection);
            }
            component.setStructuredBody(body);
        } else {
            var body = f.createPOCDMT000040NonXMLBody();
            ED text = new ED();
            text.setMediaType("application/pdf");
            text.setRepresentation(BinaryDataEncoding.B_64);
            text.getContent().add(Base64.getEncoder().encodeToString(pdfCopy));
            body.setText(text);
            component.setNonXMLBody(body);
        }
        cd.setComponent(component);
        return cd;
    }

    // ---------------------------------------------------------------- header

    private POCDMT000040RecordTarget recordTarget(Patient patient, InstanceId localId) {
        Identity identity = patient.identity();
        var role = f.createPOCDMT000040PatientRole();
        if (identity.insShareable()) {
            Ins ins = identity.ins();
            role.getId().add(ii(ins.oid(), ins.value()));
        }
        if (localId != null) {
            role.getId().add(ii(localId));
        }
        if (role.getId().isEmpty()) {
            throw new IllegalArgumentException(Messages.get("write.noPatientId"));
        }
        var address = patient.address();
        if (address != null && address.city() != null) {
            AD ad = new AD();
            if (address.line() != null) {
                ad.getContent().add(f.createADStreetAddressLine(adxp(new AdxpStreetAddressLine(), address.line())));
            }
            if (address.postalCode() != null) {
                ad.getContent().add(f.createADPostalCode(adxp(new AdxpPostalCode(), address.postalCode())));
            }
            ad.getContent().add(f.createADCity(adxp(new AdxpCity(), address.city())));
            role.getAddr().add(ad);
        }
        var contact = patient.contact();
        if (contact != null && contact.phone() != null) {
            TEL tel = new TEL();
            tel.setValue("tel:" + contact.phone().replace(" ", ""));
            role.getTelecom().add(tel);
        }
        var p = f.createPOCDMT000040Patient();
        p.setClassCode(EntityClass.PSN);
        var traits = identity.traits();
        PN name = new PN();
        name.getContent().add(f.createENFamily(enxp(new EnFamily(), traits.birthName(), EntityNamePartQualifier.BR)));
        if (!traits.birthFirstNames().isEmpty()) {
            name.getContent().add(f.createENGiven(enxp(new EnGiven(), traits.firstNamesList(), null)));
            name.getContent().add(f.createENGiven(enxp(new EnGiven(), traits.firstBirthFirstName(), EntityNamePartQualifier.BR)));
        }
        if (identity.usedName() != null) {
            name.getContent().add(f.createENFamily(enxp(new EnFamily(), identity.usedName(), EntityNamePartQualifier.CL)));
        }
        if (identity.usedFirstName() != null) {
            name.getContent().add(f.createENGiven(enxp(new EnGiven(), identity.usedFirstName(), EntityNamePartQualifier.CL)));
        }
        p.getContent().add(f.createPOCDMT000040PatientName(name));
        String sex = switch (traits.sex()) {
            case MALE -> "M";
            case FEMALE -> "F";
            case UNDETERMINED -> "U";
        };
        p.getContent().add(f.createPOCDMT000040PatientAdministrativeGenderCode(
                ce(new CodedValue(sex, "2.16.840.1.113883.5.1", switch (sex) {
                    case "M" -> "Masculin";
                    case "F" -> "Féminin";
                    default -> "Inconnu";
                }))));
        p.getContent().add(f.createPOCDMT000040PatientBirthTime(ts(traits.birthDate())));
        if (traits.birthplaceCode() != null) {
            var birthplace = f.createPOCDMT000040Birthplace();
            var place = f.createPOCDMT000040Place();
            AD ad = new AD();
            ad.getContent().add(f.createADCounty(adxp(new AdxpCounty(), traits.birthplaceCode())));
            place.setAddr(ad);
            birthplace.setPlace(place);
            p.getContent().add(f.createPOCDMT000040PatientBirthplace(birthplace));
        }
        role.setPatient(p);
        var rt = f.createPOCDMT000040RecordTarget();
        rt.setPatientRole(role);
        return rt;
    }

    private POCDMT000040Author author(CdaAuthorship a, OffsetDateTime time) {
        var author = f.createPOCDMT000040Author();
        author.setTypeCode(ParticipationType.AUT);
        author.setContextControlCode(ContextControl.OP);
        author.setTime(ts(time));
        var assigned = f.createPOCDMT000040AssignedAuthor();
        assigned.getId().add(ii(ID_NAT_PS, a.author().idNat()));
        assigned.setCode(ce(a.role()));
        assigned.setAssignedPerson(person(a));
        assigned.setRepresentedOrganization(organization(a, false));
        author.setAssignedAuthor(assigned);
        return author;
    }

    private POCDMT000040Custodian custodian(CdaAuthorship a) {
        var custodian = f.createPOCDMT000040Custodian();
        var assigned = f.createPOCDMT000040AssignedCustodian();
        var org = f.createPOCDMT000040CustodianOrganization();
        org.getId().add(ii(ID_NAT_STRUCT, a.structure().idNat()));
        ON name = new ON();
        name.getContent().add(a.structure().name());
        org.setName(name);
        assigned.setRepresentedCustodianOrganization(org);
        custodian.setAssignedCustodian(assigned);
        return custodian;
    }

    private POCDMT000040LegalAuthenticator legalAuthenticator(CdaAuthorship a, OffsetDateTime time) {
        var legal = f.createPOCDMT000040LegalAuthenticator();
        legal.setTime(ts(time));
        legal.setSignatureCode(cs("S"));
        legal.setAssignedEntity(assignedEntity(a));
        return legal;
    }

    private POCDMT000040AssignedEntity assignedEntity(CdaAuthorship a) {
        var entity = f.createPOCDMT000040AssignedEntity();
        entity.getId().add(ii(ID_NAT_PS, a.author().idNat()));
        entity.setCode(ce(a.role()));
        entity.setAssignedPerson(person(a));
        entity.setRepresentedOrganization(organization(a, true));
        return entity;
    }

    private POCDMT000040Person person(CdaAuthorship a) {
        var person = f.createPOCDMT000040Person();
        PN name = new PN();
        name.getContent().add(f.createENFamily(enxp(new EnFamily(), a.author().lastName(), null)));
        if (a.author().firstName() != null) {
            name.getContent().add(f.createENGiven(enxp(new EnGiven(), a.author().firstName(), null)));
        }
        person.getName().add(name);
        return person;
    }

    private POCDMT000040Organization organization(CdaAuthorship a, boolean withSetting) {
        var org = f.createPOCDMT000040Organization();
        org.getId().add(ii(ID_NAT_STRUCT, a.structure().idNat()));
        ON name = new ON();
        name.getContent().add(a.structure().name());
        org.getName().add(name);
        if (withSetting) {
            org.setStandardIndustryClassCode(ce(a.practiceSetting()));
        }
        return org;
    }

    private POCDMT000040DocumentationOf documentationOf(CdaDocument doc, CodedValue type) {
        var event = f.createPOCDMT000040ServiceEvent();
        event.setClassCode(ActClassRoot.ACT);
        event.setCode(ce(doc.act().code() != null ? doc.act().code() : type));
        event.setEffectiveTime(ivl(doc.act().start(), doc.act().end()));
        var performer = f.createPOCDMT000040Performer1();
        performer.setTypeCode(XServiceEventPerformer.PRF);
        performer.setAssignedEntity(assignedEntity(doc.authorship()));
        event.getPerformer().add(performer);
        var documentationOf = f.createPOCDMT000040DocumentationOf();
        documentationOf.setServiceEvent(event);
        return documentationOf;
    }

    private POCDMT000040Component1 componentOf(CdaDocument doc) {
        var encounter = f.createPOCDMT000040EncompassingEncounter();
        encounter.getId().add(ii(doc.act().encounterId()));
        encounter.setCode(ce(doc.act().encounterCode()));
        encounter.setEffectiveTime(ivl(doc.act().start(), doc.act().end()));
        var facility = f.createPOCDMT000040HealthCareFacility();
        facility.getId().add(ii(ID_NAT_STRUCT, doc.authorship().structure().idNat()));
        facility.setCode(ce(doc.authorship().facilityType()));
        var location = f.createPOCDMT000040Location();
        location.setHealthCareFacility(facility);
        encounter.setLocation(location);
        var componentOf = f.createPOCDMT000040Component1();
        componentOf.setEncompassingEncounter(encounter);
        return componentOf;
    }

    // ---------------------------------------------------------------- N3 body

    private POCDMT000040StructuredBody structuredBody(CdaDocument doc, DocumentContent.Structured<?> content) {
        var body = f.createPOCDMT000040StructuredBody();
        for (CdaSection s : content.sections(doc)) {
            var component = f.createPOCDMT000040Component3();
            component.setSection(section(doc, s));
            body.getComponent().add(component);
        }
        return body;
    }

    /** Section FR-Document-PDF-copie: entry FR-Document-attache (organizer) with the type observation and the PDF. */
    private POCDMT000040Section pdfCopySection(CdaDocument doc, byte[] pdf) {
        CodedValue copy = new CodedValue("55108-5", "2.16.840.1.113883.6.1", "Copie du document");
        var section = f.createPOCDMT000040Section();
        section.getTemplateId().add(ii("1.2.250.1.213.1.1.2.243", null));
        section.setId(ii(derived(doc, "pdf-section"), null));
        section.setCode(ce(copy));
        ST title = new ST();
        title.getContent().add(copy.displayName());
        section.setTitle(title);
        StrucDocText text = f.createStrucDocText();
        StrucDocTable table = f.createStrucDocTable();
        StrucDocTbody tbody = f.createStrucDocTbody();
        StrucDocTr tr = f.createStrucDocTr();
        StrucDocTd td = f.createStrucDocTd();
        StrucDocRenderMultiMedia media = f.createStrucDocRenderMultiMedia();
        var mediaHolder = f.createPOCDMT000040ObservationMedia();
        media.getReferencedObject().add(mediaHolder);
        td.getContent().add(f.createStrucDocTdRenderMultiMedia(media));
        StrucDocContent label = f.createStrucDocContent();
        label.setID("pdf-copy-type");
        label.getContent().add(copy.displayName());
        td.getContent().add(f.createStrucDocTdContent(label));
        tr.getThOrTd().add(td);
        tbody.getTr().add(tr);
        table.getTbody().add(tbody);
        text.getContent().add(f.createStrucDocTextTable(table));
        section.setText(text);

        var organizer = f.createPOCDMT000040Organizer();
        organizer.setClassCode(XActClassDocumentEntryOrganizer.CLUSTER);
        organizer.setMoodCode(ActMood.EVN);
        organizer.getTemplateId().add(ii("1.2.250.1.213.1.1.3.18", null));
        organizer.getId().add(ii(derived(doc, "pdf-organizer"), null));
        organizer.setCode(cd(new CodedValue("55107-7", "2.16.840.1.113883.6.1", "Document attaché")));
        organizer.setStatusCode(cs("completed"));
        var type = f.createPOCDMT000040Observation();
        type.setClassCode(ActClassObservation.OBS);
        type.setMoodCode(XActMoodDocumentObservation.EVN);
        type.getTemplateId().add(ii("1.3.6.1.4.1.19376.1.5.3.1.4.13", null));
        type.getTemplateId().add(ii("1.2.250.1.213.1.1.3.48", null));
        type.getTemplateId().add(ii("1.2.250.1.213.1.1.3.48.18", null));
        type.getId().add(ii(derived(doc, "pdf-type"), null));
        type.setCode(cd(new CodedValue("69764-9", "2.16.840.1.113883.6.1", "Type de document")));
        type.setText(reference("#pdf-copy-type"));
        type.setStatusCode(cs("completed"));
        IVLTS na = new IVLTS();
        na.setNullFlavor(NullFlavor.NA);
        type.setEffectiveTime(na);
        type.getValue().add(cd(copy));
        var c1 = f.createPOCDMT000040Component4();
        c1.setObservation(type);
        organizer.getComponent().add(c1);
        mediaHolder.setClassCode(ActClassObservation.OBS);
        mediaHolder.setMoodCode(ActMood.EVN);
        mediaHolder.setXmlId("pdf-copy");
        ED value = new ED();
        value.setMediaType("application/pdf");
        value.setRepresentation(BinaryDataEncoding.B_64);
        value.getContent().add(Base64.getEncoder().encodeToString(pdf));
        mediaHolder.setValue(value);
        var c2 = f.createPOCDMT000040Component4();
        c2.setObservationMedia(mediaHolder);
        organizer.getComponent().add(c2);
        var entry = f.createPOCDMT000040Entry();
        entry.setOrganizer(organizer);
        section.getEntry().add(entry);
        return section;
    }

    private static String derived(CdaDocument doc, String kind) {
        return java.util.UUID.nameUUIDFromBytes((doc.id().value() + "/" + kind).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .toString().toUpperCase(java.util.Locale.ROOT);
    }

    private POCDMT000040Section section(CdaDocument doc, CdaSection s) {
        var section = f.createPOCDMT000040Section();
        s.templateIds().forEach(t -> section.getTemplateId().add(ii(t)));
        if (s.id() != null) {
            section.setId(ii(s.id()));
        }
        section.setCode(ce(s.code()));
        ST title = new ST();
        title.getContent().add(s.title());
        section.setTitle(title);
        section.setText(narrative(s.text()));
        for (CdaEntry e : s.entries()) {
            var entry = f.createPOCDMT000040Entry();
            switch (e) {
                case CdaEntry.SubstanceAdministration sa -> entry.setSubstanceAdministration(substanceAdministration(doc, sa));
                case CdaEntry.Observation o -> entry.setObservation(observation(o));
                case CdaEntry.Act a -> entry.setAct(act(a));
            }
            section.getEntry().add(entry);
        }
        return section;
    }

    private StrucDocText narrative(SectionText text) {
        StrucDocText out = f.createStrucDocText();
        for (String p : text.paragraphs()) {
            StrucDocParagraph para = f.createStrucDocParagraph();
            para.getContent().add(p);
            out.getContent().add(f.createStrucDocTextParagraph(para));
        }
        if (!text.headers().isEmpty() || !text.rows().isEmpty()) {
            StrucDocTable table = f.createStrucDocTable();
            table.setBorder("1");
            if (!text.headers().isEmpty()) {
                StrucDocThead head = f.createStrucDocThead();
                StrucDocTr tr = f.createStrucDocTr();
                for (String h : text.headers()) {
                    StrucDocTh th = f.createStrucDocTh();
                    th.getContent().add(h);
                    tr.getThOrTd().add(th);
                }
                head.getTr().add(tr);
                table.setThead(head);
            }
            StrucDocTbody tbody = f.createStrucDocTbody();
            for (List<SectionText.Cell> row : text.rows()) {
                StrucDocTr tr = f.createStrucDocTr();
                for (SectionText.Cell cell : row) {
                    StrucDocTd td = f.createStrucDocTd();
                    if (cell.id() != null) {
                        StrucDocContent c = f.createStrucDocContent();
                        c.setID(cell.id());
                        c.getContent().add(cell.text());
                        td.getContent().add(f.createStrucDocTdContent(c));
                    } else {
                        td.getContent().add(cell.text());
                    }
                    tr.getThOrTd().add(td);
                }
                tbody.getTr().add(tr);
            }
            table.getTbody().add(tbody);
            out.getContent().add(f.createStrucDocTextTable(table));
        }
        return out;
    }

    private POCDMT000040SubstanceAdministration substanceAdministration(CdaDocument doc, CdaEntry.SubstanceAdministration e) {
        var sa = f.createPOCDMT000040SubstanceAdministration();
        sa.setClassCode(ActClass.SBADM);
        sa.setMoodCode(XDocumentSubstanceMood.EVN);
        sa.setNegationInd(Boolean.FALSE);
        e.templateIds().forEach(t -> sa.getTemplateId().add(ii(t)));
        if (e.id() != null) {
            sa.getId().add(ii(e.id()));
        }
        if (e.code() != null) {
            sa.setCode(cd(e.code()));
        }
        if (e.textReference() != null) {
            sa.setText(reference(e.textReference()));
        }
        sa.setStatusCode(cs(e.statusCode()));
        if (e.effectiveTime() != null) {
            SXCMTS t = new SXCMTS();
            t.setValue(e.effectiveTime());
            sa.getEffectiveTime().add(t);
        }
        if (e.route() != null) {
            sa.setRouteCode(ce(e.route()));
        }
        if (e.approachSite() != null) {
            sa.getApproachSiteCode().add(cd(e.approachSite()));
        }
        if (e.product() != null) {
            var p = e.product();
            var material = f.createPOCDMT000040Material();
            CE code = ce(p.code());
            p.translations().forEach(t -> code.getTranslation().add(cd(t)));
            if (p.textReference() != null) {
                code.setOriginalText(reference(p.textReference()));
            }
            material.setCode(code);
            if (p.name() != null) {
                EN name = new EN();
                name.getContent().add(p.name());
                material.setName(name);
            }
            if (p.lotNumber() != null) {
                ST lot = new ST();
                lot.getContent().add(p.lotNumber());
                material.setLotNumberText(lot);
            }
            var product = f.createPOCDMT000040ManufacturedProduct();
            p.templateIds().forEach(t -> product.getTemplateId().add(ii(t)));
            product.setManufacturedMaterial(material);
            var consumable = f.createPOCDMT000040Consumable();
            consumable.setTypeCode(ParticipationType.CSM);
            consumable.setManufacturedProduct(product);
            sa.setConsumable(consumable);
        }
        if (e.documentAuthor()) {
            sa.getAuthor().add(author(doc.authorship(), doc.effectiveTime()));
        }
        for (CdaEntry.Relationship r : e.relationships()) {
            sa.getEntryRelationship().add(relationship(r));
        }
        return sa;
    }

    private POCDMT000040EntryRelationship relationship(CdaEntry.Relationship r) {
        var rel = f.createPOCDMT000040EntryRelationship();
        rel.setTypeCode(XActRelationshipEntryRelationship.fromValue(r.typeCode()));
        switch (r.target()) {
            case CdaEntry.Observation o -> rel.setObservation(observation(o));
            case CdaEntry.Act a -> rel.setAct(act(a));
            case CdaEntry.SubstanceAdministration s -> throw new IllegalArgumentException("nested substanceAdministration");
        }
        return rel;
    }

    private POCDMT000040Observation observation(CdaEntry.Observation o) {
        var obs = f.createPOCDMT000040Observation();
        obs.setClassCode(ActClassObservation.OBS);
        obs.setMoodCode(XActMoodDocumentObservation.EVN);
        o.templateIds().forEach(t -> obs.getTemplateId().add(ii(t)));
        if (o.id() != null) {
            obs.getId().add(ii(o.id()));
        }
        obs.setCode(cd(o.code()));
        if (o.textReference() != null) {
            obs.setText(reference(o.textReference()));
        }
        obs.setStatusCode(cs(o.statusCode()));
        if (o.effectiveTime() != null) {
            IVLTS t = new IVLTS();
            t.setValue(o.effectiveTime());
            obs.setEffectiveTime(t);
        }
        if (o.value() != null) {
            obs.getValue().add(switch (o.value()) {
                case CdaEntry.Value.Integer i -> {
                    INT v = new INT();
                    v.setValue(java.math.BigInteger.valueOf(i.value()));
                    yield v;
                }
                case CdaEntry.Value.Quantity q -> {
                    PQ v = new PQ();
                    v.setValue(q.value());
                    v.setUnit(q.unit());
                    yield v;
                }
                case CdaEntry.Value.Coded c -> cd(c.code());
                case CdaEntry.Value.Text t -> {
                    ST v = new ST();
                    v.getContent().add(t.text());
                    yield v;
                }
            });
        }
        return obs;
    }

    private POCDMT000040Act act(CdaEntry.Act a) {
        var act = f.createPOCDMT000040Act();
        act.setClassCode(XActClassDocumentEntryAct.ACT);
        act.setMoodCode(XDocumentActMood.EVN);
        a.templateIds().forEach(t -> act.getTemplateId().add(ii(t)));
        act.setCode(cd(a.code()));
        ED text = new ED();
        if (a.textReference() != null) {
            text.getContent().add(f.createEDReference(tel(a.textReference())));
        }
        if (a.text() != null) {
            text.getContent().add(a.text());
        }
        act.setText(text);
        act.setStatusCode(cs(a.statusCode()));
        return act;
    }

    // ---------------------------------------------------------------- data types

    private ED reference(String ref) {
        ED ed = new ED();
        ed.getContent().add(f.createEDReference(tel(ref)));
        return ed;
    }

    private static TEL tel(String value) {
        TEL tel = new TEL();
        tel.setValue(value);
        return tel;
    }

    private static <T extends ENXP> T enxp(T part, String text, EntityNamePartQualifier qualifier) {
        part.getContent().add(text);
        if (qualifier != null) {
            part.getQualifier().add(qualifier);
        }
        return part;
    }

    private static <T extends ADXP> T adxp(T part, String text) {
        part.getContent().add(text);
        return part;
    }

    static II ii(String root, String extension) {
        II ii = new II();
        ii.setRoot(root);
        ii.setExtension(extension);
        return ii;
    }

    static II ii(InstanceId id) {
        return ii(id.root(), id.extension());
    }

    static CS cs(String code) {
        CS cs = new CS();
        cs.setCode(code);
        return cs;
    }

    static CE ce(CodedValue value) {
        CE ce = new CE();
        fill(ce, value);
        return ce;
    }

    static CD cd(CodedValue value) {
        CD cd = new CD();
        fill(cd, value);
        return cd;
    }

    private static void fill(CD cd, CodedValue value) {
        cd.setCode(value.code());
        cd.setCodeSystem(value.codeSystem());
        cd.setDisplayName(value.displayName());
    }

    static TS ts(OffsetDateTime time) {
        TS ts = new TS();
        ts.setValue(HL7_TS.format(time));
        return ts;
    }

    static TS ts(LocalDate date) {
        TS ts = new TS();
        ts.setValue(DATE.format(date));
        return ts;
    }

    private IVLTS ivl(OffsetDateTime start, OffsetDateTime end) {
        IVLTS ivl = new IVLTS();
        IVXBTS low = new IVXBTS();
        low.setValue(HL7_TS.format(start));
        ivl.getRest().add(f.createIVLTSLow(low));
        if (end != null) {
            IVXBTS high = new IVXBTS();
            high.setValue(HL7_TS.format(end));
            ivl.getRest().add(f.createIVLTSHigh(high));
        }
        return ivl;
    }

    static CodedValue confidentiality(String code) {
        return new CodedValue(code, "2.16.840.1.113883.5.25", switch (code) {
            case "R" -> "Restreint";
            case "V" -> "Très restreint";
            default -> "Normal";
        });
    }
}
