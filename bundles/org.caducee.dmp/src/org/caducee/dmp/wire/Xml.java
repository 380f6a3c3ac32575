package org.caducee.dmp.wire;

import java.util.Optional;

import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** Namespace-aware child navigation over DOM. */
final class Xml {

    private Xml() {
    }

    static Optional<Element> child(Element parent, String ns, String localName) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && ns.equals(e.getNamespaceURI()) && localName.equals(e.getLocalName())) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    static java.util.List<Element> children(Element parent, String ns, String localName) {
        java.util.List<Element> found = new java.util.ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && ns.equals(e.getNamespaceURI()) && localName.equals(e.getLocalName())) {
                found.add(e);
            }
        }
        return found;
    }

    static Optional<Element> path(Element from, String ns, String... localNames) {
        Optional<Element> current = Optional.of(from);
        for (String name : localNames) {
            current = current.flatMap(e -> child(e, ns, name));
        }
        return current;
    }

    static Optional<Element> firstElement(Element parent) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    static String attribute(Optional<Element> element, String name) {
        return element.map(e -> e.getAttribute(name)).orElse("");
    }
}
