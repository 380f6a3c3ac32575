package org.caducee.core.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.caducee.core.identity.Ins;
import org.caducee.core.identity.InsType;
import org.junit.jupiter.api.Test;

class InsTest {

    @Test
    void keyOfCnamTestIdentitiesIsRecognised() {
        assertThat(Ins.computeKey("2751263220749")).isEqualTo("74");
        assertThat(Ins.computeKey("1090763220888")).isEqualTo("35");
        assertThat(Ins.parse("275126322074974", InsType.NIR).keyValid()).isTrue();
    }

    @Test
    void corsicanMatriculeUses2BAs18() {
        Ins ins = new Ins("180032B020401", "23", InsType.NIR);
        assertThat(ins.keyValid()).isTrue();
    }

    @Test
    void wrongKeyIsFlaggedNotRejected() {
        Ins ins = new Ins("1810363220456", "60", InsType.NIR);
        assertThat(ins.keyValid()).isFalse();
        assertThat(ins.value()).isEqualTo("181036322045660");
    }

    @Test
    void malformedMatriculeGivesAFrenchMessage() {
        assertThatThrownBy(() -> Ins.parse("12345<script>", InsType.NIR))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Matricule INS invalide");
        assertThatThrownBy(() -> new Ins("27503512151898", "89", InsType.NIR_TEST))
                .hasMessageContaining("13 caractères");
    }

    @Test
    void cxFormCarriesTheOid() {
        assertThat(Ins.parse("279035121518989", InsType.NIR_TEST).toCx())
                .isEqualTo("279035121518989^^^&1.2.250.1.213.1.4.10&ISO^NH");
    }
}
