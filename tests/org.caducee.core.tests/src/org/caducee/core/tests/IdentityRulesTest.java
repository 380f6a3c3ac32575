package org.caducee.core.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;

import org.caducee.core.identity.BirthTraits;
import org.caducee.core.identity.Identity;
import org.caducee.core.identity.IdentityAttribute;
import org.caducee.core.identity.IdentityDocumentCheck;
import org.caducee.core.identity.IdentityStatus;
import org.caducee.core.identity.Ins;
import org.caducee.core.identity.InsType;
import org.caducee.core.identity.Sex;
import org.junit.jupiter.api.Test;

class IdentityRulesTest {

    private static final BirthTraits ZOE = BirthTraits.of("Adrun", "Zoé", Sex.FEMALE, LocalDate.of(1975, 12, 31), "63220");
    private static final Ins ZOE_INS = Ins.parse("275126322074974", InsType.NIR);
    private static final IdentityDocumentCheck PASSPORT = new IdentityDocumentCheck(IdentityDocumentCheck.DocumentType.PASSEPORT,
            "secretaire", Instant.parse("2026-01-05T10:00:00Z"));

    @Test
    void traitsAreNormalisedAsInsiReturnsThem() {
        assertThat(ZOE.birthName()).isEqualTo("ADRUN");
        assertThat(ZOE.firstBirthFirstName()).isEqualTo("ZOE");
    }

    @Test
    void insiThenDocumentCheckQualifies() {
        Identity id = Identity.provisional(ZOE, null, null);
        Identity recovered = id.withInsFromInsi(ZOE_INS, null);
        assertThat(recovered.status()).isEqualTo(IdentityStatus.RECUPEREE);
        assertThat(recovered.insShareable()).isFalse();
        Identity qualified = recovered.withDocumentCheck(PASSPORT);
        assertThat(qualified.status()).isEqualTo(IdentityStatus.QUALIFIEE);
        assertThat(qualified.insShareable()).isTrue();
    }

    @Test
    void documentCheckThenInsiQualifiesToo() {
        Identity validated = Identity.provisional(ZOE, null, null).withDocumentCheck(PASSPORT);
        assertThat(validated.status()).isEqualTo(IdentityStatus.VALIDEE);
        assertThat(validated.withInsFromInsi(ZOE_INS, null).status()).isEqualTo(IdentityStatus.QUALIFIEE);
    }

    @Test
    void doubtfulDowngradesAndDropsTheIns() {
        Identity qualified = Identity.provisional(ZOE, null, null).withInsFromInsi(ZOE_INS, null).withDocumentCheck(PASSPORT);
        Identity doubtful = qualified.withAttribute(IdentityAttribute.DOUTEUSE);
        assertThat(doubtful.status()).isEqualTo(IdentityStatus.PROVISOIRE);
        assertThat(doubtful.ins()).isNull();
        assertThatThrownBy(() -> doubtful.withInsFromInsi(ZOE_INS, null)).hasMessageContaining("douteuse ou fictive");
    }

    @Test
    void doubtfulAndFictitiousAreExclusive() {
        Identity fictive = Identity.provisional(ZOE, null, null).withAttribute(IdentityAttribute.FICTIVE);
        assertThatThrownBy(() -> fictive.withAttribute(IdentityAttribute.DOUTEUSE)).hasMessageContaining("à la fois douteuse et fictive");
        assertThat(Identity.violations(IdentityStatus.PROVISOIRE, Set.of(IdentityAttribute.DOUTEUSE, IdentityAttribute.FICTIVE), null, null))
                .isNotEmpty();
    }

    @Test
    void homonymKeepsTheStatus() {
        Identity recovered = Identity.provisional(ZOE, null, null).withInsFromInsi(ZOE_INS, null).withAttribute(IdentityAttribute.HOMONYME);
        assertThat(recovered.status()).isEqualTo(IdentityStatus.RECUPEREE);
        assertThat(recovered.has(IdentityAttribute.HOMONYME)).isTrue();
    }

    @Test
    void qualifiedWithoutInsIsImpossible() {
        assertThatThrownBy(() -> new Identity(ZOE, null, null, null, IdentityStatus.QUALIFIEE, Set.of(), PASSPORT))
                .hasMessageContaining("exige un INS");
    }

    @Test
    void changingATraitOfAQualifiedIdentityFallsBackToValidated() {
        Identity qualified = Identity.provisional(ZOE, null, null).withInsFromInsi(ZOE_INS, null).withDocumentCheck(PASSPORT);
        Identity changed = qualified.withTraits(BirthTraits.of("Adrun", "Zoé", Sex.FEMALE, LocalDate.of(1975, 12, 30), "63220"));
        assertThat(changed.status()).isEqualTo(IdentityStatus.VALIDEE);
        assertThat(changed.ins()).isNull();
    }

    @Test
    void hostileTraitsAreRejectedWithAReason() {
        assertThatThrownBy(() -> BirthTraits.of("   ", "A", Sex.MALE, LocalDate.of(1990, 1, 1), null))
                .hasMessageContaining("nom de naissance est obligatoire");
        assertThatThrownBy(() -> BirthTraits.of("X".repeat(500), "A", Sex.MALE, LocalDate.of(1990, 1, 1), null))
                .hasMessageContaining("100 caractères");
        assertThatThrownBy(() -> BirthTraits.of("DUPONT", "A", Sex.MALE, LocalDate.of(1990, 1, 1), "75'; DROP"))
                .hasMessageContaining("Code INSEE");
        assertThatThrownBy(() -> BirthTraits.of("DUPONT", "A", Sex.MALE, LocalDate.now().plusYears(3), null))
                .hasMessageContaining("invraisemblable");
    }
}
