package org.caducee.cda.internal;

import javax.xml.parsers.ParserConfigurationException;

import org.caducee.security.xml.SecureXml;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;

/** SAX readers from {@link SecureXml}: no DOCTYPE, no external entity; any entity resolution is refused. */
final class HardenedReaders {

    private HardenedReaders() {
    }

    static XMLReader newReader() {
        try {
            XMLReader reader = SecureXml.saxParserFactory().newSAXParser().getXMLReader();
            reader.setEntityResolver((publicId, systemId) -> {
                throw new SAXException(Messages.get("xml.rejected", systemId));
            });
            return reader;
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("XML: cannot create a hardened SAX reader", e);
        }
    }
}
