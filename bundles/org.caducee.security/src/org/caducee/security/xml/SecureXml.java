package org.caducee.security.xml;

import java.io.IOException;
import java.io.InputStream;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.stream.XMLInputFactory;
import javax.xml.transform.TransformerFactory;
import javax.xml.validation.SchemaFactory;

import org.caducee.security.internal.Messages;
import org.w3c.dom.Document;
import org.xml.sax.ContentHandler;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;

/**
 * Hardened XML factories that every Caducée bundle must use for input it did not write itself. Each call returns a
 * NEW, configured instance of the JDK's built-in implementation (never one found through the class path): no DOCTYPE
 * at all for DOM and SAX, no external entities, DTDs, stylesheets or schemas, no XInclude, secure processing on
 * (JDK entity expansion, depth and size limits). The factories are namespace-aware.
 * <p>
 * Parsers throw the usual exceptions; {@link #explain(Throwable)} turns them into a French message for the user, and
 * {@link #parse(InputStream)} does both.
 */
public final class SecureXml {

    private static final String DISALLOW_DOCTYPE = "http://apache.org/xml/features/disallow-doctype-decl";
    private static final String EXTERNAL_GENERAL = "http://xml.org/sax/features/external-general-entities";
    private static final String EXTERNAL_PARAMETER = "http://xml.org/sax/features/external-parameter-entities";
    private static final String LOAD_EXTERNAL_DTD = "http://apache.org/xml/features/nonvalidating/load-external-dtd";
    /** JDK limits, tighter than the JDK defaults (64 000 expansions); irrelevant while DOCTYPE is refused. */
    private static final String ENTITY_EXPANSION_LIMIT = "jdk.xml.entityExpansionLimit";

    private SecureXml() {
    }

    /** DOM: DOCTYPE refused, no external entities, no XInclude, entity references not expanded. */
    public static DocumentBuilderFactory documentBuilderFactory() {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
        factory.setNamespaceAware(true);
        harden(factory);
        return factory;
    }

    /** Hardens a factory obtained elsewhere (e.g. another implementation); returns it. */
    public static DocumentBuilderFactory harden(DocumentBuilderFactory factory) {
        parserFeatures(factory, factory::setFeature);
        optional(() -> factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, ""));
        optional(() -> factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, ""));
        optional(() -> factory.setAttribute(ENTITY_EXPANSION_LIMIT, "1000"));
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        return factory;
    }

    /** A parser factory's {@code setFeature}. */
    private interface FeatureSetter {
        void set(String name, boolean value) throws ParserConfigurationException, SAXException;
    }

    /** The features DOM and SAX factories share: secure processing, DOCTYPE refused, no external entity or DTD. */
    private static void parserFeatures(Object factory, FeatureSetter features) {
        try {
            features.set(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            features.set(DISALLOW_DOCTYPE, true);
            features.set(EXTERNAL_GENERAL, false);
            features.set(EXTERNAL_PARAMETER, false);
            features.set(LOAD_EXTERNAL_DTD, false);
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("XML: cannot harden " + factory.getClass().getName(), e);
        }
    }

    /** SAX: DOCTYPE refused, no external entities, no XInclude. */
    public static SAXParserFactory saxParserFactory() {
        SAXParserFactory factory = SAXParserFactory.newDefaultInstance();
        factory.setNamespaceAware(true);
        harden(factory);
        return factory;
    }

    public static SAXParserFactory harden(SAXParserFactory factory) {
        parserFeatures(factory, factory::setFeature);
        factory.setXIncludeAware(false);
        return factory;
    }

    /** StAX: DTDs not supported (any entity reference then fails as undeclared), no external entities, namespace-aware. */
    public static XMLInputFactory xmlInputFactory() {
        return harden(XMLInputFactory.newDefaultFactory());
    }

    public static XMLInputFactory harden(XMLInputFactory factory) {
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        optional(() -> factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, ""));
        optional(() -> factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, ""));
        factory.setXMLResolver((publicId, systemId, baseUri, namespace) -> {
            throw new javax.xml.stream.XMLStreamException(Messages.get("xml.external"));
        });
        return factory;
    }

    /**
     * XSLT: secure processing, no external DTDs or stylesheets ({@code xsl:import}, {@code xsl:include},
     * {@code document()} to other files are refused). Give stylesheets that import others a {@code URIResolver}.
     */
    public static TransformerFactory transformerFactory() {
        return harden(TransformerFactory.newDefaultInstance());
    }

    public static TransformerFactory harden(TransformerFactory factory) {
        try {
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        } catch (javax.xml.transform.TransformerConfigurationException e) {
            throw new IllegalStateException("XML: cannot harden " + factory.getClass().getName(), e);
        }
        optional(() -> factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, ""));
        optional(() -> factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, ""));
        return factory;
    }

    /**
     * W3C XML Schema: secure processing, no external DTDs, no external schemas. Schemas split over several files
     * need a {@code LSResourceResolver} that serves the included files, or {@link #schemaFactory(String)}.
     */
    public static SchemaFactory schemaFactory() {
        return schemaFactory("");
    }

    /**
     * As {@link #schemaFactory()}, but schemas may import or include others through the listed protocols, e.g.
     * {@code "file,jar"} for the official XSD sets installed with the product, or
     * {@code "bundleresource,bundleentry"} for XSDs packaged in an OSGi bundle. Never {@code "all"}, never http.
     */
    public static SchemaFactory schemaFactory(String allowedSchemaProtocols) {
        SchemaFactory factory = SchemaFactory.newDefaultInstance();
        try {
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, allowedSchemaProtocols == null ? "" : allowedSchemaProtocols);
        } catch (SAXException e) {
            throw new IllegalStateException("XML: cannot harden SchemaFactory", e);
        }
        return factory;
    }

    /**
     * Parses untrusted XML into a DOM with {@link #documentBuilderFactory()}.
     *
     * @throws XmlRejectedException with a French message when the document is refused or unreadable
     */
    public static Document parse(InputStream in) {
        DocumentBuilder builder = PARSERS.get();
        try {
            builder.setEntityResolver((publicId, systemId) -> {
                throw new SAXException(Messages.get("xml.external"));
            });
            builder.setErrorHandler(null);
            return builder.parse(new InputSource(in));
        } catch (SAXException | IOException e) {
            throw new XmlRejectedException(explain(e), e);
        } finally {
            // back to the hardened state it was built in (features, limits, no handler): the next parse starts clean
            builder.reset();
        }
    }

    /**
     * One hardened DOM parser per thread, built from {@link #documentBuilderFactory()} on first use and reset after
     * every parse: building and hardening a factory and a parser costs more than parsing a small document, and a
     * {@code DocumentBuilder} may not be shared between threads. Only {@link #parse(InputStream)} uses it; the
     * factories handed out stay new instances.
     */
    private static final ThreadLocal<DocumentBuilder> PARSERS = ThreadLocal.withInitial(() -> {
        try {
            return documentBuilderFactory().newDocumentBuilder();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("XML: cannot create a hardened DocumentBuilder", e);
        }
    });

    /**
     * Streams untrusted XML into {@code handler} (a schema validator, JAXB, ...) with a hardened SAX parser from
     * {@link #saxParserFactory()}, one per thread, reset after each document; entity resolution is refused.
     *
     * @throws XmlRejectedException with a French message when the parser refuses or cannot read the document
     * @throws SAXException what the handler itself threw (a fatal schema error, a JAXB failure)
     */
    public static void parse(InputStream in, ContentHandler handler) throws SAXException {
        SAXParser parser = SAX_PARSERS.get();
        boolean[] parserFailed = { false };
        try {
            XMLReader reader = parser.getXMLReader();
            reader.setEntityResolver((publicId, systemId) -> {
                throw new SAXException(Messages.get("xml.external"));
            });
            reader.setErrorHandler(new ErrorHandler() {
                @Override
                public void warning(SAXParseException e) {
                }

                @Override
                public void error(SAXParseException e) {
                }

                @Override
                public void fatalError(SAXParseException e) throws SAXException {
                    parserFailed[0] = true;
                    throw e;
                }
            });
            reader.setContentHandler(handler);
            reader.parse(new InputSource(in));
        } catch (IOException e) {
            throw new XmlRejectedException(explain(e), e);
        } catch (SAXException e) {
            if (parserFailed[0]) {
                throw new XmlRejectedException(explain(e), e);
            }
            throw e;
        } finally {
            parser.reset();
        }
    }

    /** One hardened SAX parser per thread for {@link #parse(InputStream, ContentHandler)}, reset after each use. */
    private static final ThreadLocal<SAXParser> SAX_PARSERS = ThreadLocal.withInitial(() -> {
        try {
            return saxParserFactory().newSAXParser();
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("XML: cannot create a hardened SAX parser", e);
        }
    });

    /** A French message for the user explaining why a parser refused a document. */
    public static String explain(Throwable failure) {
        String text = collect(failure);
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        if (lower.contains("doctype")) {
            return Messages.get("xml.doctype");
        }
        if (lower.contains("accessexternal") || lower.contains("external") && lower.contains("access")
                || lower.contains(Messages.get("xml.external").toLowerCase(java.util.Locale.ROOT))) {
            return Messages.get("xml.external");
        }
        if (lower.contains("entity") || lower.contains("entité")) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("entity \"([^\"]{1,64})\"").matcher(text);
            return Messages.get("xml.entity", m.find() ? "&" + m.group(1) + ";" : "?");
        }
        if (lower.contains("limit") || lower.contains("jaxp0")) {
            return Messages.get("xml.limit");
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return Messages.get("xml.malformed", String.valueOf(root.getMessage()));
    }

    private static String collect(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = failure; t != null && text.length() < 4000; t = t.getCause() == t ? null : t.getCause()) {
            text.append(t.getMessage()).append(' ');
        }
        return text.toString();
    }

    private static void optional(Runnable setting) {
        try {
            setting.run();
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            // not supported by this implementation: the features set above already block the attack
        }
    }
}
