package org.caducee.security.tests;

import static org.assertj.core.api.Assertions.assertThat;

import org.caducee.security.internal.Argon2PasswordHasher;
import org.caducee.security.internal.PasswordPolicy;
import org.junit.jupiter.api.Test;

class PasswordTest {

    private final Argon2PasswordHasher cheap = new Argon2PasswordHasher(1024, 1, 1);

    @Test
    void hashIsASelfDescribingArgon2idPhcStringThatVerifies() {
        String phc = cheap.hash("Correct-Horse-42".toCharArray());

        assertThat(phc).matches("\\$argon2id\\$v=19\\$m=1024,t=1,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
        assertThat(cheap.verify("Correct-Horse-42".toCharArray(), phc)).isTrue();
        assertThat(cheap.verify("correct-horse-42".toCharArray(), phc)).isFalse();
        assertThat(phc).doesNotContain("Correct");
    }

    @Test
    void sameDefaultParametersAsDocumentedAndFreshSaltEachTime() {
        Argon2PasswordHasher standard = new Argon2PasswordHasher();
        String a = standard.hash("Un mot de passe long".toCharArray());
        String b = standard.hash("Un mot de passe long".toCharArray());

        assertThat(a).startsWith("$argon2id$v=19$m=65536,t=2,p=1$");
        assertThat(a).isNotEqualTo(b);
        assertThat(standard.verify("Un mot de passe long".toCharArray(), b)).isTrue();
    }

    @Test
    void verificationUsesTheParametersStoredInTheStringAndFlagsWeakOnesForRehash() {
        String weak = cheap.hash("Secret-Phrase-2026".toCharArray());
        Argon2PasswordHasher stronger = new Argon2PasswordHasher(2048, 2, 1);

        assertThat(stronger.verify("Secret-Phrase-2026".toCharArray(), weak)).isTrue();
        assertThat(stronger.needsRehash(weak)).isTrue();
        assertThat(stronger.needsRehash(stronger.hash("x".toCharArray()))).isFalse();
    }

    @Test
    void malformedOrForeignHashesNeverVerify() {
        assertThat(cheap.verify("x".toCharArray(), null)).isFalse();
        assertThat(cheap.verify("x".toCharArray(), "plain-text")).isFalse();
        assertThat(cheap.verify("x".toCharArray(), "$argon2i$v=19$m=1024,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA")).isFalse();
        assertThat(cheap.verify("x".toCharArray(), "$argon2id$v=19$m=99999999,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA")).isFalse();
    }

    @Test
    void policyAcceptsLongMixedPasswordsAndPassphrases() {
        assertThat(PasswordPolicy.problems("jdupont", "Cabinet!Lyon7e")).isEmpty();
        assertThat(PasswordPolicy.problems("jdupont", "le chat dort sur la table")).isEmpty();
    }

    @Test
    void policyExplainsEachProblemInFrench() {
        assertThat(PasswordPolicy.problems(null, "Ab1!")).anySatisfy(p -> assertThat(p).contains("au moins 12 caractères"));
        assertThat(PasswordPolicy.problems(null, "abcdefghijkl")).anySatisfy(p -> assertThat(p).contains("3 types de caractères"));
        assertThat(PasswordPolicy.problems("jdupont", "Jdupont-2026!")).anySatisfy(p -> assertThat(p).contains("l’identifiant de connexion"));
        assertThat(PasswordPolicy.problems(null, "Motdepasse2026")).anySatisfy(p -> assertThat(p).contains("trop courant"));
        assertThat(PasswordPolicy.problems(null, "aaaaaaaaaaaaaaaaaaaa")).anySatisfy(p -> assertThat(p).contains("répétition"));
        assertThat(PasswordPolicy.problems(null, "")).containsExactly("Le mot de passe est vide.");
        assertThat(PasswordPolicy.problems(null, "A1!" + "b".repeat(130))).anySatisfy(p -> assertThat(p).contains("dépasser 128"));
    }
}
