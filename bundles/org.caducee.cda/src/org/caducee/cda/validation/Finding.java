package org.caducee.cda.validation;

import java.util.Objects;

/**
 * One finding of a validation.
 *
 * @param severity error, warning or info
 * @param source   what found it: {@code XML} (the parser), {@code CDA_extended.xsd}, or the schematron file name
 *                 relative to the kit's {@code schematrons/} folder (e.g. {@code CI-SIS_VAC-NOTE_2023.01.sch},
 *                 {@code profils/IHE.sch})
 * @param message  the message, as the ANS wrote it for schematron findings
 * @param location XPath of the node (schematron) or {@code null}
 * @param line     line in the document, or 0 when unknown
 * @param ruleId   the assertion id or test expression, or {@code null}
 */
public record Finding(Severity severity, String source, String message, String location, int line, String ruleId) {

    public Finding {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(source, "source");
        message = message == null ? "" : message;
    }

    /** One line for logs and the command line: {@code ERROR [source] line 12 /path : message}. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder().append(severity).append(" [").append(source).append(']');
        if (line > 0) {
            text.append(" ligne ").append(line);
        }
        if (location != null && !location.isEmpty()) {
            text.append(' ').append(location);
        }
        return text.append(" : ").append(message).toString();
    }
}
