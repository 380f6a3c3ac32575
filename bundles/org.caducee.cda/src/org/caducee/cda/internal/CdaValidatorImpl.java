package org.caducee.cda.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.caducee.cda.validation.CdaKitException;
import org.caducee.cda.validation.CdaValidator;
import org.caducee.cda.validation.Finding;
import org.caducee.cda.validation.Severity;
import org.caducee.cda.validation.ValidationReport;
import org.caducee.core.installation.Installation;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.xml.sax.InputSource;

import net.sf.saxon.s9api.SaxonApiException;
import net.sf.saxon.s9api.XPathCompiler;
import net.sf.saxon.s9api.XdmItem;
import net.sf.saxon.s9api.XdmNode;

/** {@link CdaValidator} over the ANS kit: XSD then the generic and volet schematrons (see the interface). */
@Component(service = CdaValidator.class)
public final class CdaValidatorImpl implements CdaValidator {

    /** Generic schematrons the kit applies to every document (relative to {@code schematrons/}). */
    static final List<String> PROFILES = List.of(
            "profils/structurationMinimale/ASIP-STRUCT-MIN-StrucMin.sch",
            "profils/IHE.sch",
            "profils/CI-SIS_ModelesDeContenusCDA.sch",
            "profils/CI-SIS_Modeles_ANS.sch");

    static final String SCHXSLT_BUNDLE = "name.dmaus.schxslt.schxslt2";
    static final String TRANSPILER = "content/transpile.xsl";

    private final Installation installation;
    private final SchematronEngine engine;
    private final VoletCatalog volets = new VoletCatalog();
    private final ConcurrentHashMap<Path, XsdValidation> schemas = new ConcurrentHashMap<>();

    @Activate
    public CdaValidatorImpl(@Reference Installation installation, BundleContext context) {
        this(installation, () -> transpiler(context));
    }

    /** Outside OSGi (tests, tools): {@code transpiler} locates SchXslt2's {@code content/transpile.xsl}. */
    public CdaValidatorImpl(Installation installation, Supplier<URL> transpiler) {
        this.installation = installation;
        this.engine = new SchematronEngine(transpiler);
    }

    private static URL transpiler(BundleContext context) {
        for (Bundle b : context.getBundles()) {
            if (SCHXSLT_BUNDLE.equals(b.getSymbolicName()) || b.getSymbolicName() != null && b.getSymbolicName().contains("schxslt2")) {
                URL url = b.getEntry(TRANSPILER);
                if (url != null) {
                    return url;
                }
            }
        }
        return CdaValidatorImpl.class.getClassLoader().getResource(TRANSPILER);
    }

    @Override
    public Path kitDirectory() {
        return KitDirectory.resolve(installation);
    }

    private Path existingKit() {
        Path kit = kitDirectory();
        if (!Files.isDirectory(kit.resolve("schematrons")) || !Files.isDirectory(kit.resolve("infrastructure"))) {
            throw new CdaKitException(Messages.get("kit.missing", kit));
        }
        return kit;
    }

    @Override
    public ValidationReport validate(Path file) throws IOException {
        return validate(Files.readAllBytes(file));
    }

    @Override
    public ValidationReport validate(byte[] cda) {
        long start = System.nanoTime();
        Path kit = existingKit();
        List<String> checked = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        XsdValidation xsd = schemas.computeIfAbsent(kit, k -> new XsdValidation(k.resolve("infrastructure/cda/CDA_extended.xsd")));
        checked.add("XML");
        try {
            findings.addAll(xsd.validate(cda));
            checked.add(XsdValidation.SOURCE);
        } catch (XsdValidation.Rejected e) {
            findings.add(new Finding(Severity.ERROR, "XML", Messages.get("xml.rejected", e.getMessage()), null, 0, null));
            return new ValidationReport(checked, findings, Duration.ofNanos(System.nanoTime() - start));
        }
        XdmNode document;
        try {
            document = engine.parse(new InputSource(new ByteArrayInputStream(cda)));
        } catch (SaxonApiException e) {
            findings.add(new Finding(Severity.ERROR, "XML", Messages.get("xml.rejected", SchematronEngine.message(e)), null, 0, null));
            return new ValidationReport(checked, findings, Duration.ofNanos(System.nanoTime() - start));
        }
        Path schematrons = kit.resolve("schematrons");
        for (String sch : schematronsFor(kit, document, findings)) {
            checked.add(sch);
            findings.addAll(engine.run(schematrons.resolve(sch), sch, document));
        }
        return new ValidationReport(checked, findings, Duration.ofNanos(System.nanoTime() - start));
    }

    @Override
    public List<String> schematronsFor(byte[] cda) {
        Path kit = existingKit();
        try {
            return schematronsFor(kit, engine.parse(new InputSource(new ByteArrayInputStream(cda))), new ArrayList<>());
        } catch (SaxonApiException e) {
            return List.of();
        }
    }

    private List<String> schematronsFor(Path kit, XdmNode document, List<Finding> findings) {
        List<String> result = new ArrayList<>(PROFILES);
        try {
            XPathCompiler xpath = engine.processor().newXPathCompiler();
            xpath.declareNamespace("hl7", "urn:hl7-org:v3");
            boolean structured = xpath.evaluateSingle("exists(/hl7:ClinicalDocument/hl7:component/hl7:structuredBody)", document)
                    .getStringValue().equals("true");
            if (!structured) {
                return result; // N1: the kit applies only the generic schematrons
            }
            List<VoletCatalog.TemplateId> ids = new ArrayList<>();
            StringBuilder roots = new StringBuilder();
            for (XdmItem item : xpath.evaluate("/hl7:ClinicalDocument/hl7:templateId", document)) {
                XdmNode t = (XdmNode) item;
                String root = t.attribute("root");
                ids.add(new VoletCatalog.TemplateId(root, t.attribute("extension")));
                roots.append(roots.isEmpty() ? "" : ", ").append(root);
            }
            Optional<String> volet = volets.schematron(kit.resolve("schematrons"), ids);
            if (volet.isPresent()) {
                result.add(volet.get());
            } else {
                findings.add(new Finding(Severity.INFO, "kit", Messages.get("volet.unknown", roots), null, 0, null));
            }
        } catch (SaxonApiException e) {
            findings.add(new Finding(Severity.WARNING, "kit", SchematronEngine.message(e), null, 0, null));
        }
        return result;
    }
}
