package org.caducee.xds.internal;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.xml.validation.Schema;
import javax.xml.validation.ValidatorHandler;

import org.caducee.security.xml.SecureXml;
import org.caducee.security.xml.XmlRejectedException;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * The structural check of a received CDA: one streaming pass of the hardened SAX reader of {@link SecureXml}
 * feeding the kit's {@code infrastructure/cda/CDA_extended.xsd} (compiled once; one validator per thread, reset for each document). No DOM
 * is built: the header was read before. Schematron rules are the sender's business; they are run
 * only in the {@code full} import mode.
 */
final class StructureCheck {

    private final Path xsd;
    private volatile Schema schema;
    /** One validator per thread, reused (it resets itself at the start of each document): creating one costs a parse. */
    private final ThreadLocal<ValidatorHandler> validators = new ThreadLocal<>();

    StructureCheck(Path kitDirectory) {
        this.xsd = kitDirectory == null ? null : kitDirectory.resolve("infrastructure").resolve("cda").resolve("CDA_extended.xsd");
    }

    /** French error messages (at most {@code max}); empty when the document is well-formed and valid. */
    List<String> errors(byte[] cda, int max) {
        Schema s = schema();
        if (s == null) {
            return List.of(Messages.get("import.noXsd", xsd));
        }
        List<String> errors = new ArrayList<>();
        ValidatorHandler validator = validators.get();
        if (validator == null) {
            validator = s.newValidatorHandler();
            validators.set(validator);
        }
        validator.setErrorHandler(new ErrorHandler() {
            @Override
            public void warning(SAXParseException e) {
            }

            @Override
            public void error(SAXParseException e) {
                if (errors.size() < max) {
                    errors.add(e.getMessage());
                }
            }

            @Override
            public void fatalError(SAXParseException e) throws SAXException {
                throw e;
            }
        });
        try {
            SecureXml.parse(new ByteArrayInputStream(cda), validator);
        } catch (XmlRejectedException e) {
            // refused or unreadable by the parser: the same French explanation as a hardened DOM parse gives
            errors.add(e.getMessage());
        } catch (SAXException e) {
            errors.add(e.getMessage());
        }
        return errors;
    }

    private Schema schema() {
        Schema s = schema;
        if (s == null && xsd != null && Files.isRegularFile(xsd)) {
            synchronized (this) {
                s = schema;
                if (s == null) {
                    try {
                        s = SecureXml.schemaFactory("file").newSchema(xsd.toFile());
                        schema = s;
                    } catch (SAXException e) {
                        return null;
                    }
                }
            }
        }
        return s;
    }
}
