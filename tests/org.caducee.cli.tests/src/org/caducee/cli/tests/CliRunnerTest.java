package org.caducee.cli.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

import org.caducee.cli.CliCommand;
import org.caducee.cli.CliContext;
import org.caducee.cli.internal.CliRunner;
import org.caducee.core.audit.AuditTrail;
import org.caducee.core.audit.AuditVerification;
import org.caducee.core.patient.PatientRepository;
import org.caducee.outbox.OutboxItem;
import org.caducee.outbox.OutboxService;
import org.caducee.outbox.OutboxState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

class CliRunnerTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private FakeServices services;
    private FakeServices.Patients patients;
    private FakeServices.Outbox outbox;
    private FakeServices.Audit audit;

    record Result(int code, String out, String err) {
        JsonNode json() throws Exception {
            try (MappingIterator<JsonNode> docs = MAPPER.readerFor(JsonNode.class).readValues(out)) {
                List<JsonNode> all = docs.readAll();
                assertThat(all).as("exactly one JSON document on stdout:\n" + out).hasSize(1);
                return all.get(0);
            }
        }

        List<String> errLines() {
            return err.lines().toList();
        }
    }

    @BeforeEach
    void setUp() {
        patients = new FakeServices.Patients();
        outbox = new FakeServices.Outbox();
        audit = new FakeServices.Audit();
        services = new FakeServices().with(PatientRepository.class, patients).with(OutboxService.class, outbox).with(AuditTrail.class, audit);
    }

    private Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new CliRunner(services, Duration.ofMillis(200)).run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void givenUnknownOption_whenRunning_thenExitCode2AndOneFrenchLine() {
        Result r = run("patient", "find", "--inconnue", "dupont");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.errLines()).singleElement().asString().startsWith("Erreur : ").contains("--inconnue");
        assertThat(r.err()).doesNotContain("\tat ");
    }

    @Test
    void givenUnknownCommand_orMissingSubcommand_orMissingOption_thenExitCode2() {
        for (String[] args : List.of(new String[] { "frobnicate" }, new String[] { "patient" }, new String[] { "patient", "add", "--sexe", "F" },
                new String[] { "patient", "add", "--nom-naissance", "X", "--sexe", "Z", "--date-naissance", "2000-01-01" },
                new String[] { "patient", "add", "--nom-naissance", "X", "--sexe", "F", "--date-naissance", "31/02/2000" }, new String[0])) {
            Result r = run(args);
            assertThat(r.code()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(r.errLines()).as(String.join(" ", args)).hasSize(1);
            assertThat(r.errLines().get(0)).startsWith("Erreur : ");
        }
    }

    @Test
    void givenParseErrorWithJson_thenStdoutStillHoldsOneJsonDocument() throws Exception {
        Result r = run("patient", "find", "--json", "--inconnue");
        assertThat(r.code()).isEqualTo(2);
        JsonNode doc = r.json();
        assertThat(doc.get("ok").asBoolean()).isFalse();
        assertThat(doc.get("exitCode").asInt()).isEqualTo(2);
        assertThat(doc.get("error").asText()).isNotBlank();
    }

    @Test
    void givenVersionJson_thenOneValidDocumentWithStableFields() throws Exception {
        Result r = run("version", "--json", "--data-dir", "/tmp/caducee-x", "--sandbox");
        assertThat(r.code()).isZero();
        JsonNode doc = r.json();
        assertThat(doc.get("ok").asBoolean()).isTrue();
        assertThat(doc.get("command").asText()).isEqualTo("version");
        assertThat(doc.get("data").get("version").asText()).isNotBlank();
        assertThat(doc.get("data").get("dataDir").asText()).isEqualTo("/tmp/caducee-x");
        assertThat(doc.get("data").get("sandbox").asBoolean()).isTrue();
    }

    @Test
    void givenPatientAdded_whenFindingAsJson_thenTheSamePatientComesBack() throws Exception {
        Result added = run("patient", "add", "--nom-naissance", "Dupont-Lajoie", "--prenoms", "Éloïse Marie", "--sexe", "F",
                "--date-naissance", "12/03/1980", "--lieu-naissance", "75056", "--ville", "Paris", "--json");
        assertThat(added.code()).as(added.err()).isZero();
        String id = added.json().get("data").get("id").asText();
        assertThat(patients.count()).isEqualTo(1);

        Result found = run("patient", "find", "dupont", "elo", "--json");
        assertThat(found.code()).isZero();
        JsonNode data = found.json().get("data");
        assertThat(data.get("count").asInt()).isEqualTo(1);
        JsonNode p = data.get("patients").get(0);
        assertThat(p.get("id").asText()).isEqualTo(id);
        assertThat(p.get("birthName").asText()).isEqualTo("DUPONT-LAJOIE");
        assertThat(p.get("birthFirstNames").get(0).asText()).isEqualTo("ELOISE");
        assertThat(p.get("birthDate").asText()).isEqualTo("1980-03-12");
        assertThat(p.get("status").asText()).isEqualTo("PROVISOIRE");
        assertThat(p.get("ins").isNull()).isTrue();
        assertThat(p.get("address").get("city").asText()).isEqualTo("Paris");

        Result shown = run("patient", "show", id);
        assertThat(shown.code()).isZero();
        assertThat(shown.out()).contains("DUPONT-LAJOIE").contains("provisoire");

        Result duplicate = run("patient", "add", "--nom-naissance", "DUPONT-LAJOIE", "--prenoms", "Eloise", "--sexe", "F",
                "--date-naissance", "1980-03-12");
        assertThat(duplicate.code()).isEqualTo(1);
        assertThat(duplicate.errLines()).singleElement().asString().contains("--forcer");
    }

    @Test
    void givenUnknownPatient_thenExitCode1() {
        Result r = run("patient", "show", "00000000-0000-0000-0000-000000000000");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.errLines()).singleElement().asString().contains("aucun patient");
    }

    @Test
    void givenOutboxItems_whenListing_thenTextAndJsonShowThem() throws Exception {
        OutboxItem failed = outbox.add("dmp", "1.2.3^1", "CR consultation DUPONT", OutboxState.FAILED, "DMP injoignable");
        outbox.add("mssante", "<m1@caducee>", "Courrier au Dr X", OutboxState.PENDING, null);

        Result text = run("outbox", "list");
        assertThat(text.code()).isZero();
        assertThat(text.out()).contains("CR consultation DUPONT").contains("en échec").contains("DMP injoignable").contains("2 envoi(s)");

        Result json = run("outbox", "list", "--etat", "FAILED", "--json");
        assertThat(json.code()).isZero();
        JsonNode data = json.json().get("data");
        assertThat(data.get("count").asInt()).isEqualTo(1);
        assertThat(data.get("items").get(0).get("id").asText()).isEqualTo(failed.id().toString());
        assertThat(data.get("counts").get("PENDING").asLong()).isEqualTo(1);

        Result retried = run("outbox", "retry", failed.id().toString(), "--json");
        assertThat(retried.code()).isZero();
        assertThat(retried.json().get("data").get("state").asText()).isEqualTo("PENDING");

        Result cancelled = run("outbox", "cancel", failed.id().toString());
        assertThat(cancelled.code()).isZero();
        Result again = run("outbox", "cancel", failed.id().toString());
        assertThat(again.code()).isEqualTo(1);
        assertThat(again.errLines()).hasSize(1);
        assertThat(run("outbox", "retry", "pas-un-uuid").code()).isEqualTo(2);
    }

    @Test
    void givenIntactAuditChain_thenExitCode0() {
        audit.verification = AuditVerification.ok(42);
        Result r = run("audit", "verify");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("42");
    }

    @Test
    void givenBrokenAuditLink_whenVerifying_thenNonZeroExitWithTheBrokenSequence() throws Exception {
        audit.verification = new AuditVerification(17, 12, "empreinte de l’entrée 12 différente");
        Result r = run("audit", "verify");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.errLines()).singleElement().asString().startsWith("Erreur : ").contains("12").contains("empreinte");

        Result json = run("audit", "verify", "--json");
        assertThat(json.code()).isEqualTo(1);
        JsonNode doc = json.json();
        assertThat(doc.get("ok").asBoolean()).isFalse();
        assertThat(doc.get("data").get("intact").asBoolean()).isFalse();
        assertThat(doc.get("data").get("firstBrokenSequence").asLong()).isEqualTo(12);
    }

    @Test
    void givenMissingService_whenTimeoutExpires_thenExitCode3WithAClearReason() {
        services.services.remove(AuditTrail.class);
        Result r = run("audit", "verify");
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.errLines()).singleElement().asString().contains("AuditTrail").contains("n’est pas disponible");
        Result db = run("db", "migrate");
        assertThat(db.code()).isEqualTo(3);
    }

    @Test
    void givenUnexpectedFailure_thenNoStackTraceUnlessDebug() {
        services.with(PatientRepository.class, new FakeServices.Patients() {
            @Override
            public java.util.List<org.caducee.core.patient.Patient> search(org.caducee.core.patient.PatientQuery query) {
                throw new NullPointerException("boom");
            }
        });
        Result r = run("patient", "find", "dupont");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.errLines()).hasSize(1);
        Result debug = run("patient", "find", "dupont", "--debug");
        assertThat(debug.code()).isEqualTo(1);
        assertThat(debug.err()).contains("\tat ");
    }

    @Command(name = "bonjour", description = "Commande contribuée d’essai.")
    static final class Hello implements Callable<Integer> {
        private final CliContext context;

        @Parameters(index = "0")
        String name;

        Hello(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            context.result(java.util.Map.of("greeting", "Bonjour " + name), "Bonjour " + name);
            return 0;
        }
    }

    @Command(name = "doc", subcommands = {Hello.class, DocList.class})
    static final class DocExtension {
    }

    @Command(name = "list", description = "Masquerait la commande intégrée.")
    static final class DocList implements Callable<Integer> {
        @Override
        public Integer call() {
            return 42;
        }
    }

    @Test
    void givenContributedCommandNamedLikeABuiltIn_thenItsSubcommandsJoinTheBuiltInOne() throws Exception {
        services.commands.add(new CliCommand() {
            @Override
            public String name() {
                return "doc";
            }

            @Override
            public Object command(CliContext context) {
                return new DocExtension();
            }
        });
        Result json = run("doc", "bonjour", "Zoé", "--json");
        assertThat(json.code()).isZero();
        assertThat(json.json().get("data").get("greeting").asText()).isEqualTo("Bonjour Zoé");
        // the built-in sub-command is kept, the clashing contributed one ignored with a warning
        Result list = run("doc", "list");
        assertThat(list.code()).isNotEqualTo(42);
        assertThat(list.err()).contains("doc list");
    }

    @Test
    void givenContributedCommand_thenItRunsWithTheInheritedCommonOptions() throws Exception {
        services.commands.add(new CliCommand() {
            @Override
            public String name() {
                return "bonjour";
            }

            @Override
            public Object command(CliContext context) {
                return new Hello(context);
            }
        });
        Result text = run("bonjour", "Zoé");
        assertThat(text.code()).isZero();
        assertThat(text.out().strip()).isEqualTo("Bonjour Zoé");
        Result json = run("bonjour", "Zoé", "--json");
        assertThat(json.json().get("data").get("greeting").asText()).isEqualTo("Bonjour Zoé");
        assertThat(json.json().get("command").asText()).isEqualTo("bonjour");
    }

    @Test
    void givenDataDirAndSandbox_thenLaunchPropertiesAreDerivedBeforeParsing() {
        var props = CliRunner.launchProperties(new String[] { "patient", "find", "x", "--data-dir", "/srv/caducee/../caducee2", "--sandbox" });
        assertThat(props).containsEntry("caducee.data.dir", "/srv/caducee2").containsEntry("caducee.sandbox", "true");
        assertThat(CliRunner.launchProperties(new String[] { "--data-dir=/a/b", "version" })).containsEntry("caducee.data.dir", "/a/b");
        assertThat(CliRunner.launchProperties(new String[] { "version" })).isEmpty();
    }

    @Test
    void givenUnknownRootOption_thenTheHintNamesTheProgramOnce() {
        Result r = run("--bogus");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("« caducee --help »").doesNotContain("caducee caducee");
    }

    @Test
    void givenHelp_thenUsageIsPrintedWithExitCode0() {
        Result r = run("patient", "add", "--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("--nom-naissance").contains("--data-dir");
    }
}
