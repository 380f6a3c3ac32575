package org.caducee.cda.tests;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.caducee.cda.validation.CdaValidator;
import org.caducee.cda.validation.Finding;
import org.caducee.cda.validation.ValidationReport;
import org.junit.jupiter.api.Test;

/**
 * Survey (not a gate): validates every example of the kit and writes {@code cda-examples-survey.txt} in the build
 * directory. Runs only with the environment variable {@code CADUCEE_CDA_ALL_EXAMPLES=1} (several minutes).
 */
class OfficialExamplesSurveyTest {

    @Test
    void surveyEveryOfficialExample() throws Exception {
        assumeTrue("1".equals(System.getenv("CADUCEE_CDA_ALL_EXAMPLES")), "CADUCEE_CDA_ALL_EXAMPLES=1 not set");
        CdaValidator validator = CdaTestSupport.service(CdaValidator.class);
        StringBuilder out = new StringBuilder();
        List<Path> files;
        try (Stream<Path> s = Files.list(CdaTestSupport.kit().resolve("ExemplesCDA"))) {
            files = s.filter(p -> p.toString().endsWith(".xml")).sorted().toList();
        }
        for (Path file : files) {
            try {
                ValidationReport report = validator.validate(file);
                out.append(report.valid() ? "OK   " : "FAIL ").append(file.getFileName()).append(" errors=")
                        .append(report.errors().size()).append(" warnings=").append(report.warnings().size()).append(' ')
                        .append(report.elapsed().toMillis()).append("ms ").append(report.checkedAgainst()).append('\n');
                report.errors().stream().limit(8).forEach((Finding f) -> out.append("     ").append(f).append('\n'));
            } catch (RuntimeException e) {
                out.append("EXC  ").append(file.getFileName()).append(' ').append(e.getMessage()).append('\n');
            }
        }
        Path target = Path.of(System.getProperty("caducee.test.output", "target"), "cda-examples-survey.txt");
        Files.writeString(target, out, StandardCharsets.UTF_8);
        System.out.println(out);
    }
}
