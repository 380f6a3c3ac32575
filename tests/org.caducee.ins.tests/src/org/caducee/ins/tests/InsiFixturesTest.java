package org.caducee.ins.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.caducee.core.identity.InsType;
import org.caducee.ins.insi.InsiException;
import org.caducee.ins.insi.InsiResult;
import org.caducee.ins.internal.insi.InsiSoap;
import org.caducee.ins.matching.InsiAnswer;
import org.junit.jupiter.api.Test;

/** Every CNAM answer fixture of the shared reference folder is read into the domain, keys flagged not rejected. */
class InsiFixturesTest {

    static Path fixtures() {
        return Path.of(System.getProperty("caducee.shared", "/work/shared"), "ref", "insi", "src", "ins", "fixtures");
    }

    static InsiResult read(String name) throws Exception {
        return InsiSoap.read(Files.readAllBytes(fixtures().resolve(name)));
    }

    @Test
    void everyFixtureParses() throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.list(fixtures())) {
            files = s.filter(p -> p.toString().endsWith(".xml")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(5);
        for (Path f : files) {
            InsiResult r = InsiSoap.read(Files.readAllBytes(f));
            assertThat(r.answer()).as(f.getFileName().toString()).isNotNull();
            if (r.found()) {
                assertThat(r.traits().birthName()).isNotBlank();
            }
        }
    }

    @Test
    void noIdentity_isAnswer01() throws Exception {
        InsiResult r = read("REP_CR01.xml");
        assertThat(r.answer()).isEqualTo(InsiAnswer.NONE);
        assertThat(r.label()).isEqualTo("Aucune identite trouvee");
        assertThat(r.ins()).isNull();
    }

    @Test
    void nia_isRecognisedByItsOid() throws Exception {
        InsiResult r = read("TEST_2.05.xml");
        assertThat(r.ins().type()).isEqualTo(InsType.NIA);
        assertThat(r.ins().isNia()).isTrue();
    }

    @Test
    void corsica_keyComputedWith2BAs18() throws Exception {
        InsiResult r = read("TEST_2.08_cas1.xml");
        assertThat(r.ins().number()).contains("2B");
        assertThat(r.ins().keyValid()).isTrue();
        assertThat(r.warnings()).isEmpty();
    }

    @Test
    void history_keptAndWrongKeysFlaggedNotRejected() throws Exception {
        InsiResult r = read("TEST_2.08_cas2.xml");
        assertThat(r.ins().value()).isEqualTo("181036322045660");
        assertThat(r.history()).extracting(i -> i.value()).containsExactly("281036322045610");
        assertThat(r.invalidKeys()).hasSize(2);
        assertThat(r.warnings()).hasSize(2).allSatisfy(w -> assertThat(w).contains("clé"));
    }

    @Test
    void listOfFirstNamesWithoutPrenom_andHistoryWithDates() throws Exception {
        InsiResult r = read("TEST_2.04_cas2.xml");
        assertThat(r.traits().birthFirstNames()).containsExactly("PIERRE-ALAIN", "MURIEL", "FLORIANT");
        assertThat(r.history()).hasSize(2);
    }

    @Test
    void hostileAnswers_clearFrenchErrors() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><soap:Envelope xmlns:soap=\"http://www.w3.org/2003/05/soap-envelope\"><soap:Body>&e;</soap:Body></soap:Envelope>";
        assertThatThrownBy(() -> InsiSoap.read(xxe.getBytes(StandardCharsets.UTF_8))).isInstanceOf(InsiException.class)
                .hasMessageContaining("réponse du téléservice INSi est invalide")
                .satisfies(e -> assertThat(((InsiException) e).kind()).isEqualTo(InsiException.Kind.BAD_RESPONSE));
        assertThatThrownBy(() -> InsiSoap.read("<html>oops".getBytes(StandardCharsets.UTF_8))).isInstanceOf(InsiException.class);
        assertThatThrownBy(() -> InsiSoap.read("<a xmlns='x'/>".getBytes(StandardCharsets.UTF_8))).hasMessageContaining("SOAP 1.2");
    }

    @Test
    void fault_desir550_becomesAnExplanation() {
        String fault = "<soap:Envelope xmlns:soap=\"http://www.w3.org/2003/05/soap-envelope\"><soap:Body><soap:Fault><soap:Code><soap:Value>soap:Sender</soap:Value>"
                + "<soap:Subcode><soap:Value xmlns:siram=\"urn:siram\">siram:siram_100</soap:Value></soap:Subcode></soap:Code><soap:Reason><soap:Text xml:lang=\"fr\">x</soap:Text></soap:Reason>"
                + "<soap:Detail><siram:Erreur xmlns:siram=\"urn:siram\" severite=\"fatale\" code=\"desir_550\">Numéro d'autorisation du logiciel inconnu</siram:Erreur></soap:Detail></soap:Fault></soap:Body></soap:Envelope>";
        assertThatThrownBy(() -> InsiSoap.read(fault.getBytes(StandardCharsets.UTF_8))).isInstanceOf(InsiException.class)
                .hasMessageContaining("numéro d’autorisation du logiciel").hasMessageContaining("desir_550")
                .satisfies(e -> assertThat(((InsiException) e).faultCode()).isEqualTo("desir_550"));
    }
}
