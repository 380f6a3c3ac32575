package org.caducee.cli.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.caducee.cli.internal.CliRunner;
import org.caducee.core.audit.AuditEvent;
import org.caducee.core.audit.AuditTrail;
import org.caducee.core.audit.AuditVerification;
import org.caducee.core.patient.PatientRepository;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code audit export}: the traces of one patient's DMP accesses over a period, as a CSV file Excel opens as is (BOM,
 * semicolons, French headers, Paris times) or as JSON; wrong options are refused in French with what was typed.
 */
class AuditExportCommandTest {

    @TempDir
    Path dir;

    private FakeServices services;
    private String patientId;
    private final List<AuditEvent> trail = new ArrayList<>();

    /** The trail as recorded: newest first from {@code latest}, searched with the interface's own filter. */
    private final class Trail implements AuditTrail {
        @Override
        public AuditEvent record(String actor, String action, String subject, String detail) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<AuditEvent> latest(int max) {
            return trail.reversed().stream().limit(max).toList();
        }

        @Override
        public List<AuditEvent> forSubject(String subject) {
            return trail.stream().filter(e -> e.subject().equals(subject)).toList();
        }

        @Override
        public AuditVerification verify() {
            return AuditVerification.ok(trail.size());
        }
    }

    record Result(int code, String out, String err) {
    }

    private Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new CliRunner(services, Duration.ofMillis(200)).run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private void event(String at, String action, String subject, String detail) {
        trail.add(new AuditEvent(trail.size() + 1, Instant.parse(at), "medecin", action, subject, detail));
    }

    @BeforeEach
    void setUp() throws Exception {
        FakeServices.Patients patients = new FakeServices.Patients();
        services = new FakeServices().with(PatientRepository.class, patients).with(AuditTrail.class, new Trail());
        Result added = run("patient", "add", "--nom-naissance", "Dupont", "--prenoms", "Marie", "--sexe", "F", "--date-naissance",
                "12/03/1980", "--lieu-naissance", "75056", "--ville", "Paris", "--json");
        assertThat(added.code()).as(added.err()).isZero();
        patientId = new ObjectMapper().readTree(added.out()).get("data").get("id").asText();
        String other = "00000000-0000-0000-0000-000000000001";
        event("2026-10-31T23:30:00Z", "dmp.TD3_1_LIST", patientId, "8101 NORMAL ouverture OK"); // 1 November in Paris
        event("2026-11-02T09:15:00Z", "ins.appel", patientId, "INSi");
        event("2026-11-03T10:00:00Z", "dmp.TD3_2_RETRIEVE", patientId, "doc; \"urgent\"");
        event("2026-11-03T11:00:00Z", "dmp.TD3_1_LIST", other, "autre patient");
        event("2026-11-30T23:30:00Z", "dmp.consentement", patientId, "1 December in Paris");
    }

    @Test
    void givenDmpAccessesOfAPatient_whenExportedAsCsvForAPeriod_thenExcelGetsTheseTracesOnlyWithFrenchHeadersAndParisTimes()
            throws Exception {
        Path file = dir.resolve("traces.csv");
        Result r = run("audit", "export", "--patient", patientId, "--category", "dmp", "--from", "2026-11-01", "--to", "30/11/2026",
                "--format", "csv", "--out", file.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("2 trace(s) exportée(s)");
        byte[] bytes = Files.readAllBytes(file);
        assertThat(bytes).startsWith((byte) 0xEF, (byte) 0xBB, (byte) 0xBF);
        List<String> lines = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8).lines().toList();
        assertThat(lines.get(0)).isEqualTo("N°;Date;Heure;Utilisateur;Action;Sujet;Patient;Détail");
        assertThat(lines).hasSize(3);
        assertThat(lines.get(1)).startsWith("1;01/11/2026;00:30:00;medecin;dmp.TD3_1_LIST;" + patientId + ";DUPONT Marie;");
        assertThat(lines.get(2)).startsWith("3;03/11/2026;11:00:00;medecin;dmp.TD3_2_RETRIEVE;").endsWith(";\"doc; \"\"urgent\"\"\"");
    }

    @Test
    void givenTheJsonFormat_thenEveryDmpTraceOfThePatientComesOutAsAnArray() throws Exception {
        Result r = run("audit", "export", "--patient", patientId, "--category", "DMP", "--format", "json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode rows = new ObjectMapper().readTree(r.out());
        assertThat(rows.size()).isEqualTo(3);
        assertThat(rows.get(2).get("action").asText()).isEqualTo("dmp.consentement");
        assertThat(rows.get(2).get("localTime").asText()).isEqualTo("2026-12-01T00:30+01:00");
        assertThat(rows.get(0).get("patient").asText()).isEqualTo("DUPONT Marie");
    }

    @Test
    void givenWrongOptions_thenTheyAreRefusedInFrenchWithWhatWasTyped() {
        Result format = run("audit", "export", "--format", "xls");
        assertThat(format.code()).isEqualTo(2);
        assertThat(format.err()).contains("format inconnu « xls »");
        Result date = run("audit", "export", "--format", "csv", "--from", "31/02/2026");
        assertThat(date.code()).isNotZero();
        assertThat(date.err()).contains("31/02/2026");
        Result period = run("audit", "export", "--format", "csv", "--from", "2026-12-01", "--to", "2026-11-01");
        assertThat(period.code()).isEqualTo(2);
        assertThat(period.err()).contains("2026-12-01").contains("2026-11-01");
        Result category = run("audit", "export", "--format", "csv", "--category", "dmp%");
        assertThat(category.err()).contains("catégorie invalide « dmp% »");
    }
}
