package org.caducee.core.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;

import org.caducee.core.patient.Contact;
import org.caducee.core.patient.PatientQuery;
import org.caducee.core.text.Names;
import org.junit.jupiter.api.Test;

class PatientQueryTest {

    @Test
    void freeTextIsSplitIntoNamesDateAndIns() {
        PatientQuery q = PatientQuery.parse("Dupont  jéa 12/03/1980", 20);
        assertThat(q.namePrefixes()).containsExactly("DUPONT", "JEA");
        assertThat(q.birthDate()).isEqualTo(LocalDate.of(1980, 3, 12));
        assertThat(PatientQuery.parse("279035121518989", 20).insNumber()).isEqualTo("2790351215189");
    }

    @Test
    void impossibleDateIsExplained() {
        assertThatThrownBy(() -> PatientQuery.parse("dupont 31/02/1980", 20)).hasMessageContaining("Date de naissance invalide");
    }

    @Test
    void namesLoseAccentsLigaturesAndPunctuation() {
        assertThat(Names.normalize("Éloïse  d'Œuvre")).isEqualTo("ELOISE D'OEUVRE");
        assertThat(Names.searchKey("Le-Gall")).isEqualTo("LEGALL");
    }

    @Test
    void hostileContactDataIsRejected() {
        assertThatThrownBy(() -> new Contact("01 02\u0000", null, null)).hasMessageContaining("caractère de contrôle");
        assertThatThrownBy(() -> new Contact(null, null, "pas une adresse")).hasMessageContaining("Adresse électronique invalide");
    }
}
