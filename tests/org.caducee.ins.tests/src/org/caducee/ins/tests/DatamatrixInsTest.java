package org.caducee.ins.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import org.caducee.core.identity.BirthTraits;
import org.caducee.core.identity.Identity;
import org.caducee.core.identity.IdentityDocumentCheck;
import org.caducee.core.identity.IdentityStatus;
import org.caducee.core.identity.Ins;
import org.caducee.core.identity.InsType;
import org.caducee.core.identity.Sex;
import org.caducee.ins.datamatrix.DatamatrixIns;
import org.caducee.ins.datamatrix.DatamatrixInsContent;
import org.caducee.ins.datamatrix.DatamatrixInsException;
import org.caducee.ins.datamatrix.DatamatrixInsException.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DatamatrixInsTest {

    private static final String GS = String.valueOf(DatamatrixIns.GS);
    private static final String HEADER = "IS010000000000000000000000";
    /** The sample of services-specs §1.5 (ZXing encoder test), with real GS separators. */
    private static final String SAMPLE = HEADER + "S1118058599124123S21.2.250.1.213.1.4.8" + GS + "S3FIRST NAMETEST" + GS
            + "S5MS618-06-1985S713201S4LASTNAMETEST";
    private static final String ZOE = HEADER + "S1275126322074974S21.2.250.1.213.1.4.8" + GS + "S3ZOE" + GS
            + "S5FS631-12-1975S763220S4ADRUN";

    @Test
    void givenTheSpecSample_whenParsed_thenTraitsAndInsAreRead_andTheWrongKeyIsFlaggedNotRejected() {
        DatamatrixInsContent content = DatamatrixIns.parse(SAMPLE);

        assertThat(content.ins().value()).isEqualTo("118058599124123");
        assertThat(content.ins().type()).isEqualTo(InsType.NIR);
        assertThat(content.traits().birthName()).isEqualTo("LASTNAMETEST");
        assertThat(content.traits().birthFirstNames()).containsExactly("FIRST", "NAMETEST");
        assertThat(content.traits().sex()).isEqualTo(Sex.MALE);
        assertThat(content.traits().birthDate()).isEqualTo(LocalDate.of(1985, 6, 18));
        assertThat(content.traits().birthplaceCode()).isEqualTo("13201");
        assertThat(content.keyValid()).isFalse();
        assertThat(content.warnings()).anyMatch(w -> w.contains("clé") && w.contains("56"));
    }

    @Test
    void givenACndaIdentity_whenParsed_thenTheKeyIsValid() {
        DatamatrixInsContent content = DatamatrixIns.parse(ZOE);
        assertThat(content.keyValid()).isTrue();
        assertThat(content.warnings()).isEmpty();
        assertThat(content.traits().birthName()).isEqualTo("ADRUN");
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "<GS>", "|", "^]", "{GS}", "~", "\u241D" })
    void givenTheSeparatorTypedOtherwiseOrNotAtAll_whenParsed_thenTheFieldsAreStillSplit(String separator) {
        String typed = SAMPLE.replace(GS, separator);
        DatamatrixInsContent content = DatamatrixIns.parse(typed);
        assertThat(content.traits().birthFirstNames()).containsExactly("FIRST", "NAMETEST");
        assertThat(content.ins().oid()).isEqualTo("1.2.250.1.213.1.4.8");
        assertThat(content.traits().birthName()).isEqualTo("LASTNAMETEST");
    }

    @Test
    void givenANameEndingWithS_andNoSeparator_whenParsed_thenTheNameKeepsItsS() {
        String typed = HEADER + "S1275126322074974S21.2.250.1.213.1.4.8S3JULES PAULS5MS631-12-1975S763220S4DESCHAMPS";
        DatamatrixInsContent content = DatamatrixIns.parse(typed);
        assertThat(content.traits().birthFirstNames()).containsExactly("JULES", "PAUL");
        assertThat(content.traits().birthName()).isEqualTo("DESCHAMPS");
        assertThat(content.warnings()).isNotEmpty();
    }

    @Test
    void givenScannerSuffixAndAimPrefix_whenParsed_thenTheyAreIgnored() {
        assertThat(DatamatrixIns.parse("]d2" + ZOE + "\r\n").traits().birthName()).isEqualTo("ADRUN");
    }

    @Test
    void givenFieldsInAnotherOrder_whenParsed_thenTheyAreRead() {
        String typed = HEADER + "S4ADRUN" + GS + "S3ZOE" + GS + "S5FS631-12-1975S763220S1275126322074974S21.2.250.1.213.1.4.8";
        assertThat(DatamatrixIns.parse(typed).traits().birthFirstNames()).containsExactly("ZOE");
    }

    @Test
    void givenAQualifiedIdentity_whenEncodedAndParsed_thenTheRoundTripKeepsEverything() {
        BirthTraits traits = new BirthTraits("De la Fontaine-Saint-Hilaire", List.of("Jean-Pierre", "Éloïse"), Sex.FEMALE, LocalDate.of(1950, 2, 28),
                "2B020");
        Ins ins = Ins.parse("180032B02040123", InsType.NIR);
        Identity qualified = new Identity(traits, null, null, ins, IdentityStatus.QUALIFIEE, Set.of(),
                new IdentityDocumentCheck(IdentityDocumentCheck.DocumentType.CARTE_IDENTITE, "secrétaire", Instant.now()));

        String content = DatamatrixIns.encode(qualified);
        DatamatrixInsContent read = DatamatrixIns.parse(content);

        assertThat(content).startsWith(HEADER + "S1180032B02040123S21.2.250.1.213.1.4.8" + GS + "S3JEAN-PIERRE ELOISE" + GS);
        assertThat(read.ins()).isEqualTo(ins);
        assertThat(read.keyValid()).isTrue();
        assertThat(read.traits()).isEqualTo(qualified.traits());
        assertThat(read.warnings()).isEmpty();
    }

    @Test
    void givenAnIdentityNotQualified_whenEncoded_thenItIsRefused() {
        Identity provisional = Identity.provisional(BirthTraits.of("ADRUN", "ZOE", Sex.FEMALE, LocalDate.of(1975, 12, 31), "63220"), null, null);
        assertThatThrownBy(() -> DatamatrixIns.encode(provisional)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("qualifiée");
    }

    @Test
    void givenHostileOrMalformedInput_whenParsed_thenAClearFrenchErrorNamesTheProblem() {
        assertProblem(null, Problem.EMPTY, "scannez");
        assertProblem("   \n", Problem.EMPTY, "scannez");
        assertProblem(ZOE + "A".repeat(5000), Problem.TOO_LONG, "trop long");
        assertProblem("https://example.org/phishing", Problem.BAD_HEADER, "IS01");
        assertProblem("IS&à0000000000000000000000S1", Problem.KEYBOARD_LAYOUT, "AZERTY");
        assertProblem(ZOE.replace("S21.2.250.1.213.1.4.8" + GS, ""), Problem.MISSING_FIELD, "OID (S2)");
        assertProblem(ZOE.replace("S763220", ""), Problem.MISSING_FIELD, "lieu de naissance (S7)");
        assertProblem(ZOE.replace("31-12-1975", "31-02-1975"), Problem.BAD_DATE, "JJ-MM-AAAA");
        assertProblem(ZOE.replace("31-12-1975", "31-12-2999"), Problem.BAD_DATE, "invraisemblable");
        assertProblem(ZOE.replace("1.2.250.1.213.1.4.8", "1.2.250.1.213.1.4.5"), Problem.BAD_OID, "n’est pas celui d’un INS");
        assertProblem(ZOE.replace("1.2.250.1.213.1.4.8", "1..2"), Problem.BAD_OID, "mal formé");
        assertProblem(ZOE.replace("S5F", "S5X"), Problem.BAD_SEX, "M ou F");
        assertProblem(ZOE.replace("275126322074974", "27512632207497X"), Problem.BAD_MATRICULE, "15 caractères");
        assertProblem(ZOE.replace("S763220", "S76322A"), Problem.BAD_BIRTHPLACE, "5 caractères");
        assertProblem(ZOE + "S3ZOE", Problem.DUPLICATE_FIELD, "deux fois");
        assertProblem(ZOE + GS + "XX12", Problem.GARBAGE, "S1 à S7");
        assertProblem(ZOE.replace("S4ADRUN", "S4ADR9UN"), Problem.BAD_NAME, "chiffre");
        assertProblem(ZOE.replace("S631-12-1975", "S631-12"), Problem.BAD_DATE, "JJ-MM-AAAA");
        assertProblem(HEADER + "S1275126", Problem.BAD_MATRICULE, "tronqué");
        assertProblem(ZOE.replace("S3ZOE", "S3---"), Problem.BAD_NAME, "vide");
    }

    @Test
    void givenControlCharactersAndNulBytes_whenParsed_thenTheyAreRejectedWithoutCrash() {
        assertThatThrownBy(() -> DatamatrixIns.parse(HEADER + "S1\u0000\u0000\u0000")).isInstanceOf(DatamatrixInsException.class);
        assertThatThrownBy(() -> DatamatrixIns.parse(HEADER + "\u0007\u0008garbage")).isInstanceOf(DatamatrixInsException.class);
        assertThatThrownBy(() -> DatamatrixIns.parse(HEADER)).isInstanceOf(DatamatrixInsException.class)
                .extracting(e -> ((DatamatrixInsException) e).problem()).isEqualTo(Problem.MISSING_FIELD);
    }

    private static void assertProblem(String input, Problem problem, String inMessage) {
        assertThatThrownBy(() -> DatamatrixIns.parse(input)).as("input %s", input).isInstanceOfSatisfying(DatamatrixInsException.class, e -> {
            assertThat(e.problem()).isEqualTo(problem);
            assertThat(e.getMessage()).contains(inMessage);
        });
    }
}
