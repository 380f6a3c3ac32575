package org.caducee.cda.internal;

import java.net.URL;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

import org.caducee.cda.validation.Finding;
import org.xml.sax.InputSource;

import net.sf.saxon.s9api.SaxonApiException;
import net.sf.saxon.s9api.XPathCompiler;
import net.sf.saxon.s9api.XdmDestination;
import net.sf.saxon.s9api.Xslt30Transformer;
import net.sf.saxon.s9api.XdmNode;

/** Test access (same runtime package, the tests are a fragment of the bundle) to the schematron engine, for profiling. */
public final class SchematronEngineProbe {

    private final SchematronEngine engine;
    private final java.util.Map<Path, XsdValidation> xsds = new java.util.concurrent.ConcurrentHashMap<>();

    public SchematronEngineProbe(Supplier<URL> transpiler) {
        this(transpiler, true);
    }

    /** {@code guardPatterns} false: the transpiled schematrons compiled as SchXslt2 writes them (no MatchPatternGuard). */
    public SchematronEngineProbe(Supplier<URL> transpiler, boolean guardPatterns) {
        this.engine = new SchematronEngine(transpiler, guardPatterns);
    }

    /** The document parsed once (a Saxon tree, returned as Object so callers need not import Saxon). */
    public Object parse(InputSource input) throws SaxonApiException {
        return engine.parse(input);
    }

    /** Raw SVRL counts of one schematron on a parsed document: {failed-assert, successful-report}. */
    public int[] svrlCounts(Path sch, Object document) throws SaxonApiException {
        XdmNode node = (XdmNode) document;
        Xslt30Transformer transformer = engine.compiled(sch).load30();
        transformer.setGlobalContextItem(node);
        XdmDestination svrl = new XdmDestination();
        transformer.applyTemplates(node, svrl);
        XPathCompiler xpath = engine.processor().newXPathCompiler();
        xpath.declareNamespace("svrl", "http://purl.oclc.org/dsdl/svrl");
        XdmNode report = svrl.getXdmNode();
        return new int[] {Integer.parseInt(xpath.evaluateSingle("count(//svrl:failed-assert)", report).getStringValue()),
                Integer.parseInt(xpath.evaluateSingle("count(//svrl:successful-report)", report).getStringValue())};
    }

    /** The XSD step alone (schema compiled once per probe). */
    public int xsd(Path schema, byte[] cda) throws Exception {
        XsdValidation v = xsds.computeIfAbsent(schema, XsdValidation::new);
        return v.validate(cda).size();
    }

    public List<Finding> run(Path sch, String source, Object document) {
        return engine.run(sch, source, (XdmNode) document);
    }
}
