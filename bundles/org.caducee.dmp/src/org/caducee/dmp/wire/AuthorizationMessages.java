package org.caducee.dmp.wire;

import java.util.Optional;

import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * TD0.3, the professional's individual authorisation: {@code setAuthorization} in the namespace
 * {@value #NS}, action {@code AJOUT} or {@code SUPPRESSION}; the patient and the professional are those of the VIHF.
 */
public final class AuthorizationMessages {

    public static final String NS = "urn:si-dmp-habilitations";
    public static final String ACTION = "urn:si-dmp-habilitations:HabilitationsEndPoint:setAuthorization";

    /** The two actions of TD0.3. */
    public enum Action {
        AJOUT, SUPPRESSION
    }

    private AuthorizationMessages() {
    }

    public static void writeRequest(Document envelope, Action action) {
        Element root = Soap.append(Soap.body(envelope), NS, "hab:setAuthorization");
        Soap.append(root, NS, "hab:action").setTextContent(action.name());
    }

    public static Optional<Action> readRequest(Element payload) {
        if (!NS.equals(payload.getNamespaceURI()) || !"setAuthorization".equals(payload.getLocalName())) {
            return Optional.empty();
        }
        try {
            return Xml.child(payload, NS, "action").map(e -> Action.valueOf(e.getTextContent().trim()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public static void writeResponse(Document envelope) {
        Element root = Soap.append(Soap.body(envelope), NS, "hab:setAuthorizationResponse");
        Soap.append(root, NS, "hab:status").setTextContent("OK");
    }

    /** True when the body is a positive TD0.3 answer. */
    public static boolean readResponse(Element payload) {
        return NS.equals(payload.getNamespaceURI()) && "setAuthorizationResponse".equals(payload.getLocalName())
                && Xml.child(payload, NS, "status").map(e -> "OK".equals(e.getTextContent().trim())).orElse(false);
    }
}
