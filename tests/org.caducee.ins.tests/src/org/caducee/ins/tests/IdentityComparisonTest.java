package org.caducee.ins.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import org.caducee.core.identity.BirthTraits;
import org.caducee.core.identity.Identity;
import org.caducee.core.identity.Ins;
import org.caducee.core.identity.InsType;
import org.caducee.core.identity.Sex;
import org.caducee.ins.matching.Concordance;
import org.caducee.ins.matching.IdentityComparison;
import org.caducee.ins.matching.TraitField;
import org.junit.jupiter.api.Test;

class IdentityComparisonTest {

    private static final Ins ZOE_INS = Ins.parse("275126322074974", InsType.NIR);
    private static final BirthTraits ZOE_INSI = BirthTraits.of("ADRUN", "ZOE MARIE", Sex.FEMALE, LocalDate.of(1975, 12, 31), "63220");

    @Test
    void givenVitaleDataEqualToTheAnswer_withAccentsAndCase_thenItIsAPerfectMatch() {
        BirthTraits local = BirthTraits.of("Adrun", "Zoé Marie", Sex.FEMALE, LocalDate.of(1975, 12, 31), "63220");

        IdentityComparison cmp = IdentityComparison.compare(local, ZOE_INS, "2751263220749 74", ZOE_INSI, ZOE_INS);

        assertThat(cmp.perfectMatch()).isTrue();
        assertThat(cmp.differences()).isEmpty();
        assertThat(cmp.traits()).extracting(t -> t.field()).containsExactly(TraitField.values());
    }

    @Test
    void givenATraitsSearch_withoutLocalMatricule_thenNoPerfectMatch_andTheMatriculeIsMissingLocally() {
        BirthTraits local = BirthTraits.of("ADRUN", "ZOE MARIE", Sex.FEMALE, LocalDate.of(1975, 12, 31), null);

        IdentityComparison cmp = IdentityComparison.compare(local, null, null, ZOE_INSI, ZOE_INS);

        assertThat(cmp.perfectMatch()).isFalse();
        assertThat(cmp.get(TraitField.MATRICULE).concordance()).isEqualTo(Concordance.MISSING_LOCALLY);
        assertThat(cmp.get(TraitField.NIR).concordance()).isEqualTo(Concordance.MISSING_LOCALLY);
        assertThat(cmp.get(TraitField.BIRTHPLACE).concordance()).isEqualTo(Concordance.MISSING_LOCALLY);
        assertThat(cmp.get(TraitField.BIRTH_NAME).concordant()).isTrue();
    }

    @Test
    void givenAHyphenatedFirstNameTypedWithASpace_thenTheFirstNameDiverges_withAHint() {
        BirthTraits insi = BirthTraits.of("ECETINSI", "PIERRE-ALAIN", Sex.MALE, LocalDate.of(1960, 1, 1), "63220");
        BirthTraits local = BirthTraits.of("ECETINSI", "Pierre Alain", Sex.MALE, LocalDate.of(1960, 1, 1), "63220");
        Ins ins = Ins.parse("160016322012345", InsType.NIR);

        IdentityComparison cmp = IdentityComparison.compare(local, ins, ins.number(), insi, ins);

        assertThat(cmp.get(TraitField.FIRST_BIRTH_FIRST_NAME).concordance()).isEqualTo(Concordance.DIVERGENT);
        assertThat(cmp.get(TraitField.BIRTH_FIRST_NAMES).concordance()).isEqualTo(Concordance.DIVERGENT);
        assertThat(cmp.get(TraitField.BIRTH_FIRST_NAMES).hint()).contains("tirets");
        assertThat(cmp.perfectMatch()).isFalse();
    }

    @Test
    void givenTheSameHyphenatedFirstName_thenConcordant() {
        BirthTraits insi = BirthTraits.of("ECETINSI", "PIERRE-ALAIN", Sex.MALE, LocalDate.of(1960, 1, 1), "63220");
        BirthTraits local = BirthTraits.of("Écetinsi", "pierre-alain", Sex.MALE, LocalDate.of(1960, 1, 1), "63220");
        Ins ins = Ins.parse("160016322012345", InsType.NIR);

        IdentityComparison cmp = IdentityComparison.compare(local, ins, ins.value(), insi, ins);

        assertThat(cmp.perfectMatch()).isTrue();
    }

    @Test
    void givenFirstNamesInAnotherOrder_thenFirstFirstNameAndListDiverge_withHints_butNotTheRest() {
        BirthTraits local = BirthTraits.of("ADRUN", "MARIE ZOE", Sex.FEMALE, LocalDate.of(1975, 12, 31), "63220");

        IdentityComparison cmp = IdentityComparison.compare(local, ZOE_INS, null, ZOE_INSI, ZOE_INS);

        assertThat(cmp.get(TraitField.FIRST_BIRTH_FIRST_NAME).concordance()).isEqualTo(Concordance.DIVERGENT);
        assertThat(cmp.get(TraitField.FIRST_BIRTH_FIRST_NAME).hint()).contains("pas en premier");
        assertThat(cmp.get(TraitField.BIRTH_FIRST_NAMES).hint()).contains("autre ordre");
        assertThat(cmp.differences()).extracting(t -> t.field()).containsExactly(TraitField.NIR, TraitField.FIRST_BIRTH_FIRST_NAME,
                TraitField.BIRTH_FIRST_NAMES);
    }

    @Test
    void givenDivergentDateSexAndBirthplace_thenEachIsFlagged() {
        BirthTraits local = new BirthTraits("ADRUN", List.of("ZOE", "MARIE"), Sex.MALE, LocalDate.of(1975, 12, 30), "63113");

        IdentityComparison cmp = IdentityComparison.compare(local, ZOE_INS, ZOE_INS.value(), ZOE_INSI, ZOE_INS);

        assertThat(cmp.differences()).extracting(t -> t.field()).containsExactly(TraitField.BIRTH_DATE, TraitField.SEX, TraitField.BIRTHPLACE);
        assertThat(cmp.get(TraitField.BIRTH_DATE).local()).isEqualTo("30/12/1975");
        assertThat(cmp.get(TraitField.BIRTH_DATE).insi()).isEqualTo("31/12/1975");
        assertThat(cmp.perfectMatch()).isFalse();
    }

    @Test
    void givenAProvisionalIdentity_whenCompared_thenItsTraitsAreUsed() {
        Identity provisional = Identity.provisional(BirthTraits.of("Adrun", "Zoé Marie", Sex.FEMALE, LocalDate.of(1975, 12, 31), "63220"),
                "Martin", "Zozo");

        IdentityComparison cmp = IdentityComparison.compare(provisional, "275126322074974", ZOE_INSI, ZOE_INS);

        assertThat(cmp.get(TraitField.MATRICULE).concordance()).isEqualTo(Concordance.MISSING_LOCALLY);
        assertThat(cmp.get(TraitField.NIR).concordant()).isTrue();
        assertThat(cmp.differences()).extracting(t -> t.field()).containsExactly(TraitField.MATRICULE);
    }

    @Test
    void givenALocalNir_andANiaAnswer_thenTheNirDiverges() {
        Ins nia = Ins.parse("109076322088835", InsType.NIA);
        BirthTraits traits = BirthTraits.of("PROVISOIRE", "MATRICULE", Sex.MALE, LocalDate.of(2009, 7, 1), "63220");

        IdentityComparison cmp = IdentityComparison.compare(traits, nia, "1090763220888", traits, nia);

        assertThat(cmp.get(TraitField.NIR).concordance()).isEqualTo(Concordance.DIVERGENT);
        assertThat(cmp.get(TraitField.NIR).hint()).contains("NIA");
        assertThat(cmp.perfectMatch()).isFalse();
    }
}
