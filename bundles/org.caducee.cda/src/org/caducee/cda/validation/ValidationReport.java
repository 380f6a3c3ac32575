package org.caducee.cda.validation;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The result of validating one CDA document.
 *
 * @param checkedAgainst what the document was checked against, in order: {@code CDA_extended.xsd} then the schematron
 *                       files (relative to the kit's {@code schematrons/} folder); only the XML parser when the
 *                       document was refused before
 * @param findings       every finding, errors first in the order they were found
 * @param elapsed        wall time of the validation
 */
public record ValidationReport(List<String> checkedAgainst, List<Finding> findings, Duration elapsed) {

    public ValidationReport {
        checkedAgainst = List.copyOf(checkedAgainst);
        findings = List.copyOf(findings);
        Objects.requireNonNull(elapsed, "elapsed");
    }

    /** True when no finding is an {@link Severity#ERROR}. */
    public boolean valid() {
        return findings.stream().noneMatch(f -> f.severity() == Severity.ERROR);
    }

    public List<Finding> errors() {
        return of(Severity.ERROR);
    }

    public List<Finding> warnings() {
        return of(Severity.WARNING);
    }

    public List<Finding> of(Severity severity) {
        return findings.stream().filter(f -> f.severity() == severity).toList();
    }
}
