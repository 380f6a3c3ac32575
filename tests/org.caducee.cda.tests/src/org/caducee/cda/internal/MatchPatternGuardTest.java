package org.caducee.cda.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Which schematron match patterns get a parent guard, and which are left alone because their meaning could change. */
class MatchPatternGuardTest {

    @Test
    void givenClosedTemplateRule_thenParentNameTestedFirst() {
        assertThat(MatchPatternGuard.guard("//hl7:ClinicalDocument[hl7:typeId[@root = 'x']]/hl7:relatedDocument[@typeCode = 'RPLC']"
                + "/hl7:parentDocument[not(@nullFlavor)]/*[not(@xsi:nil = 'true')][not(self::hl7:id | self::hl7:versionNumber)]"))
                .isEqualTo("//hl7:ClinicalDocument[hl7:typeId[@root = 'x']]/hl7:relatedDocument[@typeCode = 'RPLC']"
                        + "/hl7:parentDocument[not(@nullFlavor)]/*[parent::hl7:parentDocument][not(@xsi:nil = 'true')]"
                        + "[not(self::hl7:id | self::hl7:versionNumber)]");
        assertThat(MatchPatternGuard.guard("hl7:a/hl7:b/*[not(self::hl7:c[@x = 'a/b|c]'])]"))
                .isEqualTo("hl7:a/hl7:b/*[parent::hl7:b][not(self::hl7:c[@x = 'a/b|c]'])]");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "*[cda:templateId/@root = '1.2.3']", // no parent step
            "//*[not(@nullFlavor)]", // any ancestor
            "hl7:a/*[1]", // positional predicate
            "hl7:a/*[not(position() = 1)]",
            "hl7:a/*[@code = 'x']", // not a negation (could be numeric)
            "hl7:a/*[not(@x)] | hl7:b/*[not(@y)]", // union
            "*/*[not(@x)]", // parent step without a name
            "hl7:a/child::*[not(@x)]",
            "hl7:a/@*",
            "hl7:a/hl7:b",
            "a/*[not(@x)]", // unprefixed name (default element namespace rules)
            "hl7:a[@x = ']/*[not(@y)]" // unbalanced
    })
    void givenPatternWhoseMeaningCouldChange_thenUnchanged(String pattern) {
        assertThat(MatchPatternGuard.guard(pattern)).isEqualTo(pattern);
    }
}
