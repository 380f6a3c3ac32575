import java.io.File;

import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;

import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXParseException;

/**
 * Stand-in for the kit's xsdvalidator jar (not shipped with the kit snapshot): a plain JAXP validation of one document
 * against CDA_extended.xsd in a fresh JVM, as compilverif.bat runs it. Prints "errors=N" and each error.
 * Usage: java XsdCheck document.xml CDA_extended.xsd
 */
public final class XsdCheck {
    public static void main(String[] args) throws Exception {
        SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        Validator validator = factory.newSchema(new File(args[1])).newValidator();
        int[] errors = {0};
        validator.setErrorHandler(new ErrorHandler() {
            public void warning(SAXParseException e) {
            }

            public void error(SAXParseException e) {
                errors[0]++;
                System.out.println("line " + e.getLineNumber() + ": " + e.getMessage());
            }

            public void fatalError(SAXParseException e) throws SAXParseException {
                errors[0]++;
                throw e;
            }
        });
        validator.validate(new StreamSource(new File(args[0])));
        System.out.println("errors=" + errors[0]);
    }
}
