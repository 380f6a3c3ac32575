package org.caducee.cda.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;

import javax.xml.transform.sax.SAXSource;

import org.caducee.cda.validation.CdaKitException;
import org.caducee.cda.validation.Finding;
import org.caducee.cda.validation.Severity;
import org.xml.sax.InputSource;

import net.sf.saxon.Configuration;
import net.sf.saxon.lib.Feature;
import net.sf.saxon.s9api.Axis;
import net.sf.saxon.s9api.DocumentBuilder;
import net.sf.saxon.s9api.ExtensionFunction;
import net.sf.saxon.s9api.ItemType;
import net.sf.saxon.s9api.OccurrenceIndicator;
import net.sf.saxon.s9api.Processor;
import net.sf.saxon.s9api.QName;
import net.sf.saxon.s9api.SaxonApiException;
import net.sf.saxon.s9api.SequenceType;
import net.sf.saxon.s9api.XdmAtomicValue;
import net.sf.saxon.s9api.XdmDestination;
import net.sf.saxon.s9api.XdmItem;
import net.sf.saxon.s9api.XdmNode;
import net.sf.saxon.s9api.XdmNodeKind;
import net.sf.saxon.s9api.XdmSequenceIterator;
import net.sf.saxon.s9api.XdmValue;
import net.sf.saxon.s9api.XPathCompiler;
import net.sf.saxon.s9api.Xslt30Transformer;
import net.sf.saxon.s9api.XsltCompiler;
import net.sf.saxon.s9api.XsltExecutable;

/**
 * Runs ISO schematrons with Saxon-HE: each {@code .sch} is transpiled once by SchXslt2 ({@code transpile.xsl}) into
 * XSLT, its match patterns guarded ({@link MatchPatternGuard}, {@code schematron-guard.xsl}), compiled to an
 * {@link XsltExecutable} and kept in memory (thread-safe, lazily, one compilation per file even under concurrent
 * calls). Saxon parses every XML file (kit files included) with the hardened readers of
 * {@code SecureXml}; only {@code file}, {@code jar} and bundle URLs are allowed.
 */
final class SchematronEngine {

    private static final String SVRL = "http://purl.oclc.org/dsdl/svrl";
    private static final String SCHXSLT = "http://dmaus.name/ns/2023/schxslt";
    private static final String GUARD = "urn:caducee:schematron-guard";

    private final Processor processor;
    private final Supplier<URL> transpilerLocation;
    private final boolean guardPatterns;
    private final ConcurrentHashMap<Path, FutureTask<XsltExecutable>> compiled = new ConcurrentHashMap<>();
    private volatile XsltExecutable transpiler;
    private volatile XsltExecutable guard;

    SchematronEngine(Supplier<URL> transpilerLocation) {
        this(transpilerLocation, true);
    }

    /** {@code guardPatterns} false: the transpiled XSLT as SchXslt2 writes it (tests compare both). */
    SchematronEngine(Supplier<URL> transpilerLocation, boolean guardPatterns) {
        this.transpilerLocation = transpilerLocation;
        this.guardPatterns = guardPatterns;
        this.processor = new Processor(false);
        Configuration config = processor.getUnderlyingConfiguration();
        config.setParseOptions(config.getParseOptions().withXMLReaderMaker(HardenedReaders::newReader));
        config.setConfigurationProperty(Feature.ALLOWED_PROTOCOLS, "file,jar,bundleentry,bundleresource");
        config.setResourceResolver(new KitDocumentCache(new KitFixes(config.getResourceResolver()), processor));
    }

    Processor processor() {
        return processor;
    }

    /** Parses a document with the hardened reader into a Saxon tree (line numbers kept). */
    XdmNode parse(InputSource input) throws SaxonApiException {
        DocumentBuilder builder = processor.newDocumentBuilder();
        builder.setLineNumbering(true);
        return builder.build(new SAXSource(HardenedReaders.newReader(), input));
    }

    /** The compiled schematron, compiled on the first call for this file. */
    XsltExecutable compiled(Path sch) {
        Path key = sch.toAbsolutePath().normalize();
        FutureTask<XsltExecutable> task = compiled.get(key);
        if (task == null) {
            FutureTask<XsltExecutable> created = new FutureTask<>(() -> compile(key));
            task = compiled.putIfAbsent(key, created);
            if (task == null) {
                task = created;
                created.run();
            }
        }
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CdaKitException(Messages.get("kit.schematronUnusable", sch.getFileName(), e), e);
        } catch (ExecutionException e) {
            compiled.remove(key, task); // let a fixed kit be retried
            Throwable cause = e.getCause();
            if (cause instanceof CdaKitException kit) {
                throw kit;
            }
            throw new CdaKitException(Messages.get("kit.schematronUnusable", sch.getFileName(), message(cause)), cause);
        }
    }

    private XsltExecutable compile(Path sch) throws SaxonApiException {
        if (!Files.isRegularFile(sch)) {
            throw new CdaKitException(Messages.get("kit.fileMissing", sch));
        }
        String uri = sch.toUri().toString();
        XdmNode schema = parse(new InputSource(uri));
        Xslt30Transformer transpile = transpiler().load30();
        XdmDestination xslt = new XdmDestination();
        xslt.setBaseURI(sch.toUri());
        transpile.transform(schema.asSource(), xslt);
        XdmNode stylesheet = xslt.getXdmNode();
        if (guardPatterns) {
            XdmDestination guarded = new XdmDestination();
            guarded.setBaseURI(sch.toUri());
            guard().load30().applyTemplates(stylesheet, guarded);
            stylesheet = guarded.getXdmNode();
        }
        XsltCompiler compiler = processor.newXsltCompiler();
        return compiler.compile(stylesheet.asSource());
    }

    private XsltExecutable guard() throws SaxonApiException {
        XsltExecutable g = guard;
        if (g == null) {
            synchronized (this) {
                g = guard;
                if (g == null) {
                    processor.registerExtensionFunction(new ExtensionFunction() {
                        @Override
                        public QName getName() {
                            return new QName(GUARD, "guard");
                        }

                        @Override
                        public SequenceType getResultType() {
                            return SequenceType.makeSequenceType(ItemType.STRING, OccurrenceIndicator.ONE);
                        }

                        @Override
                        public SequenceType[] getArgumentTypes() {
                            return new SequenceType[] {SequenceType.makeSequenceType(ItemType.STRING, OccurrenceIndicator.ONE)};
                        }

                        @Override
                        public XdmValue call(XdmValue[] arguments) {
                            return new XdmAtomicValue(MatchPatternGuard.guard(arguments[0].itemAt(0).getStringValue()));
                        }
                    });
                    URL url = SchematronEngine.class.getResource("schematron-guard.xsl");
                    try (InputStream in = url.openStream()) {
                        InputSource source = new InputSource(in);
                        source.setSystemId(url.toExternalForm());
                        g = processor.newXsltCompiler().compile(new SAXSource(HardenedReaders.newReader(), source));
                    } catch (IOException e) {
                        throw new IllegalStateException("schematron-guard.xsl missing from the bundle", e);
                    }
                    guard = g;
                }
            }
        }
        return g;
    }

    private XsltExecutable transpiler() throws SaxonApiException {
        XsltExecutable t = transpiler;
        if (t == null) {
            synchronized (this) {
                t = transpiler;
                if (t == null) {
                    URL url = transpilerLocation.get();
                    if (url == null) {
                        throw new CdaKitException(Messages.get("kit.transpilerMissing"));
                    }
                    XsltCompiler compiler = processor.newXsltCompiler();
                    // static parameters of SchXslt2: a compact SVRL (failed asserts, successful reports, errors)
                    compiler.setParameter(new QName(SCHXSLT, "compact-report"), new XdmAtomicValue(true));
                    // a dynamic error in one rule becomes an svrl:error (reported) instead of stopping the processor
                    compiler.setParameter(new QName(SCHXSLT, "terminate-validation-on-error"), new XdmAtomicValue(false));
                    try (InputStream in = url.openStream()) {
                        InputSource source = new InputSource(in);
                        source.setSystemId(url.toExternalForm());
                        t = compiler.compile(new SAXSource(HardenedReaders.newReader(), source));
                    } catch (IOException e) {
                        throw new CdaKitException(Messages.get("kit.transpilerMissing"), e);
                    }
                    transpiler = t;
                }
            }
        }
        return t;
    }

    /**
     * Runs one compiled schematron on a parsed document.
     *
     * @param source the name reported in the findings (file name relative to {@code schematrons/})
     * @return the findings; a schematron that cannot be compiled or run gives one ERROR finding saying so
     */
    List<Finding> run(Path sch, String source, XdmNode document) {
        List<Finding> findings = new ArrayList<>();
        XsltExecutable executable;
        try {
            executable = compiled(sch);
        } catch (CdaKitException e) {
            // a broken schematron of the kit: the document cannot be declared valid, the user sees why
            findings.add(new Finding(Severity.ERROR, source, e.getMessage(), null, 0, null));
            return findings;
        }
        try {
            Xslt30Transformer transformer = executable.load30();
            transformer.setGlobalContextItem(document);
            XdmDestination svrl = new XdmDestination();
            transformer.applyTemplates(document, svrl);
            collect(svrl.getXdmNode(), source, document, findings);
        } catch (SaxonApiException | RuntimeException e) {
            findings.add(new Finding(Severity.ERROR, source, Messages.get("schematron.failed", source, message(e)), null, 0, null));
        }
        return findings;
    }

    private void collect(XdmNode svrl, String source, XdmNode document, List<Finding> findings) {
        XPathCompiler xpath = processor.newXPathCompiler();
        for (XdmSequenceIterator<XdmNode> it = svrl.axisIterator(Axis.DESCENDANT); it.hasNext();) {
            XdmNode node = it.next();
            if (node.getNodeKind() != XdmNodeKind.ELEMENT || !SVRL.equals(node.getNodeName().getNamespace())) {
                continue;
            }
            String local = node.getNodeName().getLocalName();
            Severity fallback;
            if ("failed-assert".equals(local)) {
                fallback = Severity.ERROR;
            } else if ("successful-report".equals(local)) {
                fallback = Severity.WARNING;
            } else if ("error".equals(local)) {
                String detail = node.getStringValue().replaceAll("\\s+", " ").trim();
                String line = node.getAttributeValue(new QName("line-number"));
                findings.add(new Finding(Severity.ERROR, source, Messages.get("schematron.failed", source,
                        node.getAttributeValue(new QName("code")) + " " + detail + (line == null ? "" : " (ligne " + line + " du schematron)")),
                        null, 0, node.getAttributeValue(new QName("code"))));
                continue;
            } else {
                continue;
            }
            String role = node.getAttributeValue(new QName("role"));
            Severity severity = Severity.fromRole(role, Severity.fromRole(node.getAttributeValue(new QName("flag")), fallback));
            String location = node.getAttributeValue(new QName("location"));
            String id = node.getAttributeValue(new QName("id"));
            findings.add(new Finding(severity, source, text(node), location, line(xpath, location, document),
                    id != null ? id : node.getAttributeValue(new QName("test"))));
        }
    }

    private static String text(XdmNode assertion) {
        StringBuilder text = new StringBuilder();
        for (XdmSequenceIterator<XdmNode> it = assertion.axisIterator(Axis.CHILD); it.hasNext();) {
            XdmNode child = it.next();
            if (child.getNodeKind() == XdmNodeKind.ELEMENT && SVRL.equals(child.getNodeName().getNamespace())
                    && "text".equals(child.getNodeName().getLocalName())) {
                text.append(child.getStringValue()).append(' ');
            }
        }
        return text.toString().replaceAll("\\s+", " ").trim();
    }

    /** The line of the node an SVRL location designates, or 0. */
    private static int line(XPathCompiler xpath, String location, XdmNode document) {
        if (location == null || location.isEmpty()) {
            return 0;
        }
        try {
            XdmValue value = xpath.evaluate(location, document);
            for (XdmItem item : value) {
                if (item instanceof XdmNode n) {
                    return Math.max(n.getLineNumber(), 0);
                }
            }
        } catch (SaxonApiException | RuntimeException e) {
            // locations are informative; a form Saxon cannot evaluate leaves the line unknown
        }
        return 0;
    }

    static String message(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t && t.getMessage() == null) {
            t = t.getCause();
        }
        return String.valueOf(t.getMessage());
    }
}
