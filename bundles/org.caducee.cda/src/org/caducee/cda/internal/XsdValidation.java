package org.caducee.cda.internal;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.xml.validation.Schema;
import javax.xml.validation.ValidatorHandler;

import org.caducee.cda.validation.CdaKitException;
import org.caducee.cda.validation.Finding;
import org.caducee.cda.validation.Severity;
import org.caducee.security.xml.SecureXml;
import org.caducee.security.xml.XmlRejectedException;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * XSD validation against the kit's {@code infrastructure/cda/CDA_extended.xsd}; the schema is compiled once (per
 * file) and kept. The document is read by the hardened SAX reader of {@link SecureXml} feeding a
 * {@link ValidatorHandler}, so refused documents (DOCTYPE, entities) never reach the schema.
 */
final class XsdValidation {

    static final String SOURCE = "CDA_extended.xsd";

    /** Thrown when the hardened parser refuses the document (message in French). */
    static final class Rejected extends Exception {
        private static final long serialVersionUID = 1L;

        Rejected(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final Path xsd;
    private volatile Schema schema;

    XsdValidation(Path xsd) {
        this.xsd = xsd;
    }

    Path file() {
        return xsd;
    }

    private Schema schema() {
        Schema s = schema;
        if (s == null) {
            synchronized (this) {
                s = schema;
                if (s == null) {
                    if (!Files.isRegularFile(xsd)) {
                        throw new CdaKitException(Messages.get("kit.fileMissing", xsd));
                    }
                    try {
                        // the kit's schema imports and includes sibling files: allow local files only, never http
                        s = SecureXml.schemaFactory("file").newSchema(xsd.toFile());
                    } catch (SAXException e) {
                        throw new CdaKitException(Messages.get("kit.xsdUnusable", xsd, e.getMessage()), e);
                    }
                    schema = s;
                }
            }
        }
        return s;
    }

    /** Findings of the XSD; {@link Rejected} when the document cannot be parsed at all. */
    List<Finding> validate(byte[] cda) throws Rejected {
        List<Finding> findings = new ArrayList<>();
        ValidatorHandler handler = schema().newValidatorHandler();
        handler.setErrorHandler(new ErrorHandler() {
            @Override
            public void warning(SAXParseException e) {
                findings.add(finding(Severity.WARNING, e));
            }

            @Override
            public void error(SAXParseException e) {
                findings.add(finding(Severity.ERROR, e));
            }

            @Override
            public void fatalError(SAXParseException e) throws SAXException {
                throw e;
            }
        });
        try {
            SecureXml.parse(new ByteArrayInputStream(cda), handler);
        } catch (XmlRejectedException e) {
            throw new Rejected(e.getMessage(), e);
        } catch (SAXException e) {
            if (!(e instanceof SAXParseException parse)) {
                throw new Rejected(SecureXml.explain(e), e);
            }
            // a fatal schema error (rare): keep it as a finding
            findings.add(finding(Severity.ERROR, parse));
        }
        return findings;
    }

    private static Finding finding(Severity severity, SAXParseException e) {
        return new Finding(severity, SOURCE, Messages.get("xsd.error", e.getMessage()), null, e.getLineNumber(), null);
    }
}
