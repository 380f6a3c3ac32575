package org.caducee.dmp.wire;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.caducee.security.xml.SecureXml;
import org.caducee.xds.DocumentEntry;
import org.caducee.xds.EbrimCodec;
import org.caducee.xds.SubmissionMetadata;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The IHE XDS.b messages of the DMP services {@code registry} and {@code repository}: ITI-41 (Provide and Register
 * Document Set-b, documents as MTOM parts), ITI-18 (Registry Stored Query), ITI-43 (Retrieve Document Set) and
 * ITI-57 (Update Document Set), with the registry responses and their error lists. The ebRIM metadata themselves are
 * written and read by the {@link EbrimCodec} of {@code org.caducee.xds}; this class places them in the envelopes.
 */
public final class XdsMessages {

    public static final String LCM = "urn:oasis:names:tc:ebxml-regrep:xsd:lcm:3.0";
    public static final String RIM = "urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0";
    public static final String RS = "urn:oasis:names:tc:ebxml-regrep:xsd:rs:3.0";
    public static final String QUERY = "urn:oasis:names:tc:ebxml-regrep:xsd:query:3.0";
    public static final String XDSB = "urn:ihe:iti:xds-b:2007";

    public static final String ITI41 = "urn:ihe:iti:2007:ProvideAndRegisterDocumentSet-b";
    public static final String ITI18 = "urn:ihe:iti:2007:RegistryStoredQuery";
    public static final String ITI43 = "urn:ihe:iti:2007:RetrieveDocumentSet";
    public static final String ITI57 = "urn:ihe:iti:2010:UpdateDocumentSet";

    public static final String FIND_DOCUMENTS = "urn:uuid:14d4debf-8f97-4251-9a74-a90016b0af0d";
    public static final String FIND_SUBMISSION_SETS = "urn:uuid:f26abbcb-ac74-4422-8a30-edb644bbc1a9";
    public static final String GET_DOCUMENTS = "urn:uuid:5c4f972b-d56b-40ac-a5fc-c8ca9b40b9d4";
    public static final String GET_RELATED_DOCUMENTS = "urn:uuid:d90e5407-b356-4d91-a89f-873917b4b0e6";
    public static final String GET_SUBMISSION_SETS = "urn:uuid:51224314-5390-4169-9b91-b1980040715a";

    public static final String SUCCESS = "urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Success";
    public static final String FAILURE = "urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Failure";
    public static final String ERROR = "urn:oasis:names:tc:ebxml-regrep:ErrorSeverityType:Error";

    public static final String RPLC = "urn:ihe:iti:2007:AssociationType:RPLC";
    public static final String SIGNS = "urn:ihe:iti:2007:AssociationType:signs";
    public static final String HAS_MEMBER = "urn:oasis:names:tc:ebxml-regrep:AssociationType:HasMember";
    public static final String UPDATE_AVAILABILITY_STATUS = "urn:ihe:iti:2010:AssociationType:UpdateAvailabilityStatus";

    /** Error code of the registry when a document's uniqueId is already registered with the same content. */
    public static final String DUPLICATE_UNIQUE_ID = "XDSDuplicateUniqueIdInRegistry";

    /** One error of a registry response: its code (XDS or DMP) and the French text for the user. */
    public record RegistryError(String code, String context) {
    }

    /** A registry response: success, or failure with its errors. */
    public record RegistryResponse(boolean success, List<RegistryError> errors) {

        public RegistryResponse {
            errors = List.copyOf(errors);
        }

        public static RegistryResponse ok() {
            return new RegistryResponse(true, List.of());
        }

        public static RegistryResponse failure(String code, String context) {
            return new RegistryResponse(false, List.of(new RegistryError(code, context)));
        }

        public boolean has(String code) {
            return errors.stream().anyMatch(e -> e.code().equals(code));
        }
    }

    /** A stored query: its id and its parameters ({@code $XDSDocumentEntryPatientId} …), values unquoted. */
    public record StoredQuery(String queryId, Map<String, List<String>> parameters) {

        public StoredQuery {
            parameters = Map.copyOf(parameters);
        }

        public List<String> values(String name) {
            return parameters.getOrDefault(name, List.of());
        }

        public Optional<String> value(String name) {
            return values(name).stream().findFirst();
        }
    }

    /** One document asked for or returned by ITI-43. */
    public record DocumentReference(String repositoryUniqueId, String documentUniqueId, String mimeType, String contentId) {
    }

    /** An ITI-41 request as read: the metadata and the Content-ID of each document by its entryUUID. */
    public record ProvideAndRegister(Element submitObjectsRequest, Map<String, String> contentIds) {
    }

    private XdsMessages() {
    }

    // ---------------------------------------------------------------- ebRIM through the codec

    /** The SubmitObjectsRequest of {@code metadata}, as the root element of its own DOM document. */
    public static Element ebrim(EbrimCodec codec, SubmissionMetadata metadata) {
        return SecureXml.parse(new ByteArrayInputStream(codec.write(metadata))).getDocumentElement();
    }

    /** Reads a SubmitObjectsRequest element with the codec. */
    public static SubmissionMetadata metadata(EbrimCodec codec, Element submitObjectsRequest) {
        Document doc = Soap.newDocument();
        doc.appendChild(doc.importNode(submitObjectsRequest, true));
        return codec.read(Soap.bytes(doc));
    }

    /** The RegistryObjectList of a SubmitObjectsRequest (or of a query response). */
    public static Optional<Element> objectList(Element parent) {
        return Xml.child(parent, RIM, "RegistryObjectList");
    }

    /** The DocumentEntries of a RegistryObjectList with their availability status, in document order. */
    public static List<Map.Entry<DocumentEntry, String>> entries(EbrimCodec codec, Element objectList) {
        List<Element> extrinsic = Xml.children(objectList, RIM, "ExtrinsicObject");
        if (extrinsic.isEmpty()) {
            return List.of();
        }
        Document doc = Soap.newDocument();
        Element sor = doc.createElementNS(LCM, "lcm:SubmitObjectsRequest");
        doc.appendChild(sor);
        Element list = doc.createElementNS(RIM, "rim:RegistryObjectList");
        sor.appendChild(list);
        Map<String, String> status = new LinkedHashMap<>();
        for (Element e : extrinsic) {
            list.appendChild(doc.importNode(e, true));
            status.put(e.getAttribute("id"), e.getAttribute("status"));
        }
        List<Map.Entry<DocumentEntry, String>> result = new ArrayList<>();
        for (DocumentEntry entry : codec.read(Soap.bytes(doc)).documents()) {
            result.add(Map.entry(entry, status.getOrDefault(entry.entryUuid(), "")));
        }
        return result;
    }

    /** The submission sets (RegistryPackages) of a RegistryObjectList. */
    public static List<org.caducee.dmp.DmpSubmissionSet> submissionSets(Element objectList) {
        List<org.caducee.dmp.DmpSubmissionSet> sets = new ArrayList<>();
        for (Element p : Xml.children(objectList, RIM, "RegistryPackage")) {
            String uniqueId = "";
            String sourceId = "";
            for (Element id : Xml.children(p, RIM, "ExternalIdentifier")) {
                String name = Xml.path(id, RIM, "Name", "LocalizedString").map(e -> e.getAttribute("value")).orElse("");
                if (name.endsWith("uniqueId")) {
                    uniqueId = id.getAttribute("value");
                } else if (name.endsWith("sourceId")) {
                    sourceId = id.getAttribute("value");
                }
            }
            String time = "";
            for (Element slot : Xml.children(p, RIM, "Slot")) {
                if ("submissionTime".equals(slot.getAttribute("name"))) {
                    time = Xml.path(slot, RIM, "ValueList", "Value").map(Node::getTextContent).orElse("").trim();
                }
            }
            sets.add(new org.caducee.dmp.DmpSubmissionSet(p.getAttribute("id"), uniqueId, sourceId, time, p.getAttribute("status")));
        }
        return sets;
    }

    /** The associations of a RegistryObjectList: type, source, target and slots. */
    public record Association(String id, String type, String source, String target, Map<String, String> slots) {
    }

    public static List<Association> associations(Element objectList) {
        List<Association> result = new ArrayList<>();
        for (Element a : Xml.children(objectList, RIM, "Association")) {
            Map<String, String> slots = new LinkedHashMap<>();
            for (Element slot : Xml.children(a, RIM, "Slot")) {
                Xml.path(slot, RIM, "ValueList", "Value").ifPresent(v -> slots.put(slot.getAttribute("name"), v.getTextContent().trim()));
            }
            result.add(new Association(a.getAttribute("id"), a.getAttribute("associationType"), a.getAttribute("sourceObject"),
                    a.getAttribute("targetObject"), slots));
        }
        return result;
    }

    /** Adds an association to a RegistryObjectList. */
    public static Element addAssociation(Element objectList, String id, String type, String source, String target,
            Map<String, String> slots) {
        Element a = Soap.append(objectList, RIM, "rim:Association");
        a.setAttribute("id", id);
        a.setAttribute("objectType", "urn:oasis:names:tc:ebxml-regrep:ObjectType:RegistryObject:Association");
        a.setAttribute("associationType", type);
        a.setAttribute("sourceObject", source);
        a.setAttribute("targetObject", target);
        slots.forEach((name, value) -> slot(a, name, List.of(value)));
        return a;
    }

    private static void slot(Element parent, String name, List<String> values) {
        Element slot = Soap.append(parent, RIM, "rim:Slot");
        slot.setAttribute("name", name);
        Element list = Soap.append(slot, RIM, "rim:ValueList");
        for (String v : values) {
            Soap.append(list, RIM, "rim:Value").setTextContent(v);
        }
    }

    // ---------------------------------------------------------------- ITI-41

    /** Body of ITI-41: the metadata and one {@code xdsb:Document} per entryUUID pointing at its MTOM part. */
    public static void writeProvideAndRegister(Document envelope, Element submitObjectsRequest, Map<String, String> contentIds) {
        Element root = Soap.append(Soap.body(envelope), XDSB, "xdsb:ProvideAndRegisterDocumentSetRequest");
        root.appendChild(envelope.importNode(submitObjectsRequest, true));
        contentIds.forEach((entryUuid, cid) -> {
            Element document = Soap.append(root, XDSB, "xdsb:Document");
            document.setAttribute("id", entryUuid);
            Soap.append(document, Mtom.XOP, "xop:Include").setAttribute("href", "cid:" + cid);
        });
    }

    public static Optional<ProvideAndRegister> readProvideAndRegister(Element payload) {
        if (!XDSB.equals(payload.getNamespaceURI()) || !"ProvideAndRegisterDocumentSetRequest".equals(payload.getLocalName())) {
            return Optional.empty();
        }
        Optional<Element> sor = Xml.child(payload, LCM, "SubmitObjectsRequest");
        if (sor.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> cids = new LinkedHashMap<>();
        for (Element d : Xml.children(payload, XDSB, "Document")) {
            cids.put(d.getAttribute("id"), Xml.attribute(Xml.child(d, Mtom.XOP, "Include"), "href"));
        }
        return Optional.of(new ProvideAndRegister(sor.get(), cids));
    }

    // ---------------------------------------------------------------- responses

    public static Element writeRegistryResponse(Element parent, RegistryResponse response) {
        Element root = Soap.append(parent, RS, "rs:RegistryResponse");
        fillResponse(root, response);
        return root;
    }

    private static void fillResponse(Element root, RegistryResponse response) {
        root.setAttribute("status", response.success() ? SUCCESS : FAILURE);
        if (!response.errors().isEmpty()) {
            Element list = Soap.append(root, RS, "rs:RegistryErrorList");
            for (RegistryError e : response.errors()) {
                Element error = Soap.append(list, RS, "rs:RegistryError");
                error.setAttribute("errorCode", e.code());
                error.setAttribute("codeContext", e.context());
                error.setAttribute("severity", ERROR);
            }
        }
    }

    /** Reads any registry response form (RegistryResponse, AdhocQueryResponse, the one inside RetrieveDocumentSetResponse). */
    public static RegistryResponse readRegistryResponse(Element response) {
        Element root = response;
        if (XDSB.equals(response.getNamespaceURI()) && "RetrieveDocumentSetResponse".equals(response.getLocalName())) {
            root = Xml.child(response, RS, "RegistryResponse").orElseThrow(() -> new IllegalArgumentException("no RegistryResponse"));
        }
        String status = root.getAttribute("status");
        if (status.isEmpty()) {
            throw new IllegalArgumentException("registry response without status: " + root.getLocalName());
        }
        List<RegistryError> errors = new ArrayList<>();
        Xml.child(root, RS, "RegistryErrorList").ifPresent(list -> {
            for (Element e : Xml.children(list, RS, "RegistryError")) {
                errors.add(new RegistryError(e.getAttribute("errorCode"), e.getAttribute("codeContext")));
            }
        });
        return new RegistryResponse(SUCCESS.equals(status), errors);
    }

    // ---------------------------------------------------------------- ITI-18

    public static void writeQuery(Document envelope, StoredQuery query) {
        Element root = Soap.append(Soap.body(envelope), QUERY, "query:AdhocQueryRequest");
        Element option = Soap.append(root, QUERY, "query:ResponseOption");
        option.setAttribute("returnComposedObjects", "true");
        option.setAttribute("returnType", "LeafClass");
        Element adhoc = Soap.append(root, RIM, "rim:AdhocQuery");
        adhoc.setAttribute("id", query.queryId());
        query.parameters().forEach((name, values) -> {
            List<String> quoted = new ArrayList<>();
            for (String v : values) {
                quoted.add("'" + v.replace("'", "''") + "'");
            }
            slot(adhoc, name, values.size() > 1 || name.endsWith("Status") || name.endsWith("Code")
                    ? List.of("(" + String.join(",", quoted) + ")") : quoted);
        });
    }

    public static Optional<StoredQuery> readQuery(Element payload) {
        if (!QUERY.equals(payload.getNamespaceURI()) || !"AdhocQueryRequest".equals(payload.getLocalName())) {
            return Optional.empty();
        }
        Optional<Element> adhoc = Xml.child(payload, RIM, "AdhocQuery");
        if (adhoc.isEmpty()) {
            return Optional.empty();
        }
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        for (Element slot : Xml.children(adhoc.get(), RIM, "Slot")) {
            List<String> values = new ArrayList<>();
            Xml.child(slot, RIM, "ValueList").ifPresent(list -> {
                for (Element v : Xml.children(list, RIM, "Value")) {
                    values.addAll(unquote(v.getTextContent()));
                }
            });
            parameters.put(slot.getAttribute("name"), values);
        }
        return Optional.of(new StoredQuery(adhoc.get().getAttribute("id"), parameters));
    }

    private static List<String> unquote(String raw) {
        String s = raw.trim();
        if (s.startsWith("(") && s.endsWith(")")) {
            s = s.substring(1, s.length() - 1);
        }
        List<String> values = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\'') {
                if (quoted && i + 1 < s.length() && s.charAt(i + 1) == '\'') {
                    current.append('\'');
                    i++;
                } else {
                    quoted = !quoted;
                }
            } else if (c == ',' && !quoted) {
                values.add(current.toString().trim());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        if (!current.isEmpty() || !values.isEmpty()) {
            values.add(current.toString().trim());
        }
        return values;
    }

    /** Body of an ITI-18 answer: the status and, on success, the objects found (imported). */
    public static Element writeQueryResponse(Document envelope, RegistryResponse response, List<Element> objects) {
        Element root = Soap.append(Soap.body(envelope), QUERY, "query:AdhocQueryResponse");
        fillResponse(root, response);
        Element list = Soap.append(root, RIM, "rim:RegistryObjectList");
        for (Element o : objects) {
            list.appendChild(envelope.importNode(o, true));
        }
        return list;
    }

    // ---------------------------------------------------------------- ITI-43

    public static void writeRetrieve(Document envelope, List<DocumentReference> documents) {
        Element root = Soap.append(Soap.body(envelope), XDSB, "xdsb:RetrieveDocumentSetRequest");
        for (DocumentReference d : documents) {
            Element request = Soap.append(root, XDSB, "xdsb:DocumentRequest");
            Soap.append(request, XDSB, "xdsb:RepositoryUniqueId").setTextContent(d.repositoryUniqueId());
            Soap.append(request, XDSB, "xdsb:DocumentUniqueId").setTextContent(d.documentUniqueId());
        }
    }

    public static Optional<List<DocumentReference>> readRetrieve(Element payload) {
        if (!XDSB.equals(payload.getNamespaceURI()) || !"RetrieveDocumentSetRequest".equals(payload.getLocalName())) {
            return Optional.empty();
        }
        List<DocumentReference> documents = new ArrayList<>();
        for (Element r : Xml.children(payload, XDSB, "DocumentRequest")) {
            documents.add(new DocumentReference(text(r, "RepositoryUniqueId"), text(r, "DocumentUniqueId"), "", ""));
        }
        return Optional.of(documents);
    }

    public static void writeRetrieveResponse(Document envelope, RegistryResponse response, List<DocumentReference> documents) {
        Element root = Soap.append(Soap.body(envelope), XDSB, "xdsb:RetrieveDocumentSetResponse");
        writeRegistryResponse(root, response);
        for (DocumentReference d : documents) {
            Element r = Soap.append(root, XDSB, "xdsb:DocumentResponse");
            Soap.append(r, XDSB, "xdsb:RepositoryUniqueId").setTextContent(d.repositoryUniqueId());
            Soap.append(r, XDSB, "xdsb:DocumentUniqueId").setTextContent(d.documentUniqueId());
            Soap.append(r, XDSB, "xdsb:mimeType").setTextContent(d.mimeType());
            Soap.append(Soap.append(r, XDSB, "xdsb:Document"), Mtom.XOP, "xop:Include").setAttribute("href", "cid:" + d.contentId());
        }
    }

    public static List<DocumentReference> readRetrieveResponse(Element payload) {
        List<DocumentReference> documents = new ArrayList<>();
        for (Element r : Xml.children(payload, XDSB, "DocumentResponse")) {
            String href = Xml.child(r, XDSB, "Document").flatMap(d -> Xml.child(d, Mtom.XOP, "Include"))
                    .map(i -> i.getAttribute("href")).orElse("");
            documents.add(new DocumentReference(text(r, "RepositoryUniqueId"), text(r, "DocumentUniqueId"), text(r, "mimeType"),
                    href.startsWith("cid:") ? href.substring(4) : href));
        }
        return documents;
    }

    // ---------------------------------------------------------------- ITI-57

    /** Body of ITI-57: the SubmitObjectsRequest of the update (imported). */
    public static void writeUpdate(Document envelope, Element submitObjectsRequest) {
        Soap.body(envelope).appendChild(envelope.importNode(submitObjectsRequest, true));
    }

    public static Optional<Element> readUpdate(Element payload) {
        return LCM.equals(payload.getNamespaceURI()) && "SubmitObjectsRequest".equals(payload.getLocalName())
                ? Optional.of(payload) : Optional.empty();
    }

    /** A response envelope whose body is a RegistryResponse. */
    public static Document registryResponseEnvelope(String action, RegistryResponse response) {
        Document envelope = Soap.response(action);
        writeRegistryResponse(Soap.body(envelope), response);
        return envelope;
    }

    private static String text(Element parent, String localName) {
        return Xml.child(parent, XDSB, localName).map(Node::getTextContent).map(String::trim).orElse("");
    }
}
