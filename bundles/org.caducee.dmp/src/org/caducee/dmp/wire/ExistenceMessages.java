package org.caducee.dmp.wire;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.UUID;

import org.caducee.dmp.DmpAccess;
import org.caducee.dmp.DmpState;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * TD0.2, the DMP existence test: HL7v3 {@code PRPA_IN201307UV02} (Patient Registry Get Demographics Query) and its
 * answer {@code PRPA_IN201308UV02}. The DMP-specific access statuses travel in an extension element of
 * {@code registrationEvent} in the namespace {@value #EXTENSION_NS}; the public sources do not give their exact names,
 * so the client and the local simulator share this one definition (to align with the DMPi guide when available).
 */
public final class ExistenceMessages {

    public static final String HL7 = "urn:hl7-org:v3";
    public static final String ACTION = "urn:hl7-org:v3:PRPA_IN201307UV02";
    public static final String RESPONSE_ACTION = "urn:hl7-org:v3:PRPA_IN201308UV02";
    public static final String EXTENSION_NS = "urn:si-dmp:extensions";
    /** OID of the DMP system as receiver device. */
    public static final String DMP_DEVICE = "1.2.250.1.213.4.1.1.1";
    private static final DateTimeFormatter HL7_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);

    /** The patient asked about. */
    public record Query(String insMatricule, String insOid) {
    }

    private ExistenceMessages() {
    }

    /** Appends the query for the patient to the body of {@code envelope}. */
    public static void writeRequest(Document envelope, String lpsId, String lpsName, Query query, Instant now) {
        Element root = Soap.append(Soap.body(envelope), HL7, "PRPA_IN201307UV02");
        root.setAttribute("ITSVersion", "XML_1.0");
        Element id = hl7(root, "id");
        id.setAttribute("root", lpsId);
        id.setAttribute("extension", UUID.randomUUID().toString());
        hl7(root, "creationTime").setAttribute("value", HL7_TIME.format(now));
        Element interaction = hl7(root, "interactionId");
        interaction.setAttribute("root", "2.16.840.1.113883.1.6");
        interaction.setAttribute("extension", "PRPA_IN201307UV02");
        hl7(root, "processingCode").setAttribute("code", "D");
        hl7(root, "processingModeCode").setAttribute("code", "T");
        hl7(root, "acceptAckCode").setAttribute("code", "AL");
        device(hl7(root, "receiver"), "RCV", DMP_DEVICE, "DMP");
        device(hl7(root, "sender"), "SND", lpsId, lpsName);
        Element act = hl7(root, "controlActProcess");
        act.setAttribute("classCode", "CACT");
        act.setAttribute("moodCode", "EVN");
        Element reason = hl7(act, "reasonCode");
        reason.setAttribute("code", "TEST_EXST");
        reason.setAttribute("codeSystem", "1.2.250.1.213.1.1.4.11");
        Element byParameter = hl7(act, "queryByParameter");
        Element queryId = hl7(byParameter, "queryId");
        queryId.setAttribute("root", lpsId);
        queryId.setAttribute("extension", UUID.randomUUID().toString());
        hl7(byParameter, "statusCode").setAttribute("code", "new");
        hl7(byParameter, "responsePriorityCode").setAttribute("code", "I");
        Element patientId = hl7(hl7(byParameter, "parameterList"), "patientIdentifier");
        Element value = hl7(patientId, "value");
        value.setAttribute("root", query.insOid());
        value.setAttribute("extension", query.insMatricule());
        hl7(patientId, "semanticsText").setTextContent("Patient.Id");
    }

    /** The patient of a TD0.2 request body, if the payload is one. */
    public static Optional<Query> readRequest(Element payload) {
        if (!HL7.equals(payload.getNamespaceURI()) || !"PRPA_IN201307UV02".equals(payload.getLocalName())) {
            return Optional.empty();
        }
        Optional<Element> value = Xml.path(payload, HL7, "controlActProcess", "queryByParameter", "parameterList",
                "patientIdentifier", "value");
        String root = Xml.attribute(value, "root");
        String extension = Xml.attribute(value, "extension");
        return root.isEmpty() || extension.isEmpty() ? Optional.empty() : Optional.of(new Query(extension, root));
    }

    /** Appends the answer for the patient to the body of {@code envelope}. */
    public static void writeResponse(Document envelope, Query query, DmpState state, boolean authorized,
            boolean attendingDoctor) {
        Element root = Soap.append(Soap.body(envelope), HL7, "PRPA_IN201308UV02");
        root.setAttribute("ITSVersion", "XML_1.0");
        Element interaction = hl7(root, "interactionId");
        interaction.setAttribute("root", "2.16.840.1.113883.1.6");
        interaction.setAttribute("extension", "PRPA_IN201308UV02");
        Element ack = hl7(root, "acknowledgement");
        hl7(ack, "typeCode").setAttribute("code", "AA");
        Element act = hl7(root, "controlActProcess");
        act.setAttribute("classCode", "CACT");
        act.setAttribute("moodCode", "EVN");
        boolean found = state != DmpState.NOT_FOUND;
        if (found) {
            Element event = hl7(hl7(act, "subject"), "registrationEvent");
            hl7(event, "statusCode").setAttribute("code", state == DmpState.CLOSED ? "suspended" : "active");
            Element patient = hl7(hl7(event, "subject1"), "patient");
            Element id = hl7(patient, "id");
            id.setAttribute("root", query.insOid());
            id.setAttribute("extension", query.insMatricule());
            Element ext = Soap.append(event, EXTENSION_NS, "dmp:accessStatus");
            ext.setAttribute("authorization", state == DmpState.BLOCKED ? "INTERDITE" : authorized ? "VALIDE" : "AUCUNE");
            ext.setAttribute("attendingDoctor", Boolean.toString(attendingDoctor));
        }
        Element queryAck = hl7(act, "queryAck");
        hl7(queryAck, "queryResponseCode").setAttribute("code", found ? "OK" : "NF");
    }

    /** The access conditions read from a TD0.2 answer body. */
    public static DmpAccess readResponse(Element payload, Instant at) {
        if (!HL7.equals(payload.getNamespaceURI()) || !"PRPA_IN201308UV02".equals(payload.getLocalName())) {
            throw new IllegalArgumentException("not a PRPA_IN201308UV02 answer: " + payload.getLocalName());
        }
        String code = Xml.attribute(Xml.path(payload, HL7, "controlActProcess", "queryAck", "queryResponseCode"), "code");
        if ("NF".equals(code)) {
            return new DmpAccess(DmpState.NOT_FOUND, false, false, at);
        }
        if (!"OK".equals(code)) {
            throw new IllegalArgumentException("unexpected queryResponseCode " + code);
        }
        Optional<Element> event = Xml.path(payload, HL7, "controlActProcess", "subject", "registrationEvent");
        String status = Xml.attribute(event.flatMap(e -> Xml.child(e, HL7, "statusCode")), "code");
        Optional<Element> access = event.flatMap(e -> Xml.child(e, EXTENSION_NS, "accessStatus"));
        String authorization = Xml.attribute(access, "authorization");
        DmpState state = "suspended".equals(status) ? DmpState.CLOSED
                : "INTERDITE".equals(authorization) ? DmpState.BLOCKED : DmpState.OPEN;
        return new DmpAccess(state, "VALIDE".equals(authorization), Boolean.parseBoolean(Xml.attribute(access, "attendingDoctor")), at);
    }

    private static Element hl7(Element parent, String name) {
        return Soap.append(parent, HL7, name);
    }

    private static void device(Element role, String typeCode, String id, String name) {
        role.setAttribute("typeCode", typeCode);
        Element device = hl7(role, "device");
        device.setAttribute("classCode", "DEV");
        device.setAttribute("determinerCode", "INSTANCE");
        hl7(device, "id").setAttribute("root", id);
        hl7(device, "softwareName").setTextContent(name);
    }
}
