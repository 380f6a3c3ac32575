package org.caducee.ins.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.caducee.core.identity.BirthTraits;
import org.caducee.core.identity.Identity;
import org.caducee.core.identity.Sex;
import org.caducee.core.patient.Patient;
import org.caducee.core.patient.PatientRepository;
import org.caducee.ins.cog.CogReferential;
import org.caducee.ins.internal.CogReferentialComponent;
import org.caducee.ins.internal.CogSchema;
import org.caducee.ins.internal.InsCliCommand;
import org.caducee.ins.internal.qualification.QualificationComponent;
import org.caducee.ins.qualification.InsQualification;
import org.caducee.ins.qualification.QualificationOutcome;
import org.caducee.sandbox.Simulator;
import org.caducee.sandbox.insi.InsiSimulatorControl;
import org.caducee.testing.CliHarness;
import org.caducee.testing.Osgi;
import org.caducee.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;

/**
 * {@code caducee-cli ins …} as an integrator scripts it: INSi searches against the simulator over HTTPS, due
 * verifications, COG lookups on the real INSEE files, Datamatrix INS from typed text and from an image, in human and
 * {@code --json} modes, with the exit codes of the command.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InsCliTest {

    private static final Duration WAIT = Duration.ofSeconds(120);
    private BundleContext context;
    private InsiSimulatorControl control;
    private TestDatabase cogDatabase;
    private CogReferentialComponent cog;

    @TempDir
    Path dir;

    @BeforeAll
    void services() throws Exception {
        context = FrameworkUtil.getBundle(InsCliTest.class).getBundleContext();
        control = Osgi.await(context, InsiSimulatorControl.class, WAIT);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (((Simulator) control).endpoint().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
    }

    @AfterAll
    void close() {
        if (cogDatabase != null) {
            cogDatabase.close();
        }
    }

    /** The command line with the OSGi services, and the COG referential imported from the shared INSEE files when asked. */
    private CliHarness cli() {
        return new CliHarness(type -> type == CogReferential.class ? cog : Osgi.await(context, type, WAIT));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    private int run(CliHarness cli, String... args) {
        return cli.run(new InsCliCommand().command(cli), args);
    }

    @Test
    void searchWithVitale_json() {
        CliHarness cli = cli();
        assertThat(run(cli, "search", "--vitale", "275126322074974", "--name", "ADRUN", "--birth-date", "1975-12-31", "--json")).as(cli.errors()).isZero();
        Map<String, Object> data = cli.data();
        assertThat(data).containsEntry("code", "00");
        assertThat(map(data.get("ins"))).containsEntry("matricule", "275126322074974").containsEntry("keyValid", true);
        assertThat(map(data.get("traits"))).containsEntry("birthName", "ADRUN").containsEntry("birthplaceCode", "63220");
    }

    @Test
    void searchWithTraits_02_thenSilentRetryWithTheBirthplace_humanAndJson() {
        CliHarness cli = cli();
        String[] martin = { "search", "--traits", "--name", "MARTIN", "--first-names", "JEAN", "--sex", "M", "--birth-date", "1962-05-14",
                "--birthplace", "13055" };
        assertThat(run(cli, martin)).as(cli.errors()).isZero();
        assertThat(cli.text()).startsWith("00 ").contains("162051305504488");

        String[] json = java.util.Arrays.copyOf(martin, martin.length + 1);
        json[martin.length] = "--json";
        assertThat(run(cli, json)).isZero();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> attempts = (List<Map<String, Object>>) cli.data().get("attempts");
        assertThat(attempts).extracting(a -> a.get("answer")).containsExactly("02", "00");
        assertThat(attempts.get(0).get("birthplace")).isNull();
        assertThat(attempts.get(1)).containsEntry("birthplace", "13055");
    }

    @Test
    void searchWithTraits_notFound_andUsageErrors() {
        CliHarness cli = cli();
        assertThat(run(cli, "search", "--traits", "--name", "TCHITCHI", "--first-names", "OLA", "--sex", "F", "--birth-date", "1990-01-01", "--json"))
                .isEqualTo(10);
        assertThat(cli.data()).containsEntry("code", "01");
        // sex missing: usage, French message, nothing sent
        int before = control.requests();
        assertThat(run(cli, "search", "--traits", "--name", "ADRUN", "--birth-date", "1975-12-31")).isEqualTo(2);
        assertThat(cli.errors()).isNotBlank();
        assertThat(run(cli, "search", "--vitale", "27512632207497X", "--birth-date", "1975-12-31")).isEqualTo(2);
        assertThat(cli.errors()).contains("27512632207497X");
        assertThat(control.requests()).isEqualTo(before);
    }

    @Test
    void searchWhileInsiIsDown_unavailableExitCode() throws Exception {
        CliHarness cli = cli();
        control.available(false);
        try {
            assertThat(run(cli, "search", "--traits", "--name", "ADRUN", "--first-names", "ZOE", "--sex", "F", "--birth-date", "1975-12-31"))
                    .isEqualTo(69);
            assertThat(cli.errors()).contains("injoignable");
        } finally {
            control.available(true);
        }
    }

    @Test
    void verifyDue_listsAndQueues() {
        PatientRepository patients = Osgi.await(context, PatientRepository.class, WAIT);
        InsQualification qualification = Osgi.await(context, InsQualification.class, WAIT);
        Patient p = patients.save(Patient.create(Identity.provisional(BirthTraits.of("ADRTROIS", "DOMINIQUE", Sex.FEMALE, LocalDate.parse("1997-02-26"),
                "63113"), null, null), null, null, null));
        QualificationOutcome o = qualification.onRecordOpened(p.id(), "cli-test");
        Patient recovered = qualification.accept(p.id(), o.result(), "cli-test");
        ((QualificationComponent) qualification).markVerified(p.id(), recovered.identity().ins(),
                Instant.now().atOffset(ZoneOffset.UTC).minusYears(4).minusDays(2).toInstant(), "00");

        CliHarness cli = cli();
        assertThat(run(cli, "verify", "--due", "--json")).isZero();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> due = (List<Map<String, Object>>) cli.data().get("due");
        assertThat(due).anySatisfy(d -> assertThat(d).containsEntry("patientId", p.id().toString()).containsEntry("matricule", "297026311301267"));
        assertThat(cli.data()).containsEntry("queued", 0);
        // four years ago nothing of it was due
        assertThat(run(cli, "verify", "--due", "--date", LocalDate.now().minusYears(4).toString(), "--json")).isZero();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> before = (List<Map<String, Object>>) cli.data().get("due");
        assertThat(before).noneMatch(d -> d.get("patientId").equals(p.id().toString()));

        assertThat(run(cli, "verify", "--due", "--queue")).isZero();
        assertThat(cli.text()).contains(p.id().toString()).contains("297026311301267");
        assertThat(run(cli, "verify", "--due", "--date", "31/12/2026")).isEqualTo(2);
        assertThat(cli.errors()).contains("31/12/2026");
    }

    @Test
    void cogLookup_atTheBirthDate_onTheRealInseeFiles() throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(TestInstallation.cogFiles()), "COG INSEE 2026 absent : " + TestInstallation.cogFiles());
        synchronized (InsCliTest.class) {
            if (cog == null) {
                Path data = Files.createTempDirectory("caducee-cli-cog");
                cogDatabase = TestDatabase.h2(data);
                CogSchema migrations = new CogSchema();
                cogDatabase.migrate(migrations);
                cog = new CogReferentialComponent(cogDatabase, TestDatabase.schemaReady(migrations),
                        new TestInstallation(data, Map.of(CogReferentialComponent.SETTING_DIR, TestInstallation.cogFiles().toString())));
                cog.ready().toCompletableFuture().get(5, TimeUnit.MINUTES);
            }
        }
        CliHarness cli = cli();
        // Corsica before 1976: 20xxx, today 2B
        assertThat(run(cli, "cog", "lookup", "2B033", "--date", "1990-01-01", "--json")).as(cli.errors()).isZero();
        assertThat(cli.data()).containsEntry("result", "FOUND").containsEntry("code", "2B033");
        assertThat(map(cli.data().get("place")).get("name").toString()).containsIgnoringCase("Bastia");

        assertThat(run(cli, "cog", "lookup", "99999")).isZero();
        assertThat(cli.text()).contains("inconnu");
        assertThat(run(cli, "cog", "lookup", "75056", "--date", "1.1.1990")).isEqualTo(2);
        assertThat(cli.errors()).contains("1.1.1990");
    }

    @Test
    void datamatrixParse_textAndImage_humanAndJson() throws Exception {
        CliHarness cli = cli();
        assertThat(run(cli, "datamatrix", "parse", DatamatrixImageTest.ZOE, "--json")).as(cli.errors()).isZero();
        assertThat(cli.data()).containsEntry("matricule", "275126322074974").containsEntry("keyValid", true).containsEntry("birthName", "ADRUN")
                .containsEntry("birthplaceCode", "63220");

        // the scanner typed the separators as "<GS>": still read
        assertThat(run(cli, "datamatrix", "parse", DatamatrixImageTest.ZOE.replace(DatamatrixImageTest.GS, "<GS>"))).isZero();
        assertThat(cli.text()).contains("275126322074974").contains("ADRUN");

        Path scan = DatamatrixImageTest.page(dir.resolve("courrier.png"), DatamatrixImageTest.ZOE, 1000, 1400, 700, 80, 5);
        assertThat(run(cli, "datamatrix", "parse", "--image", scan.toString(), "--json")).as(cli.errors()).isZero();
        assertThat(cli.data()).containsEntry("matricule", "275126322074974").containsEntry("sex", "F").containsEntry("birthDate", "1975-12-31");

        // then verified with INSi: confirmed for ADRUN ZOE; a forged INS on her traits is not
        assertThat(run(cli, "datamatrix", "parse", "--image", scan.toString(), "--verify", "--json")).as(cli.errors()).isZero();
        assertThat(map(cli.data().get("insi"))).containsEntry("code", "00").containsEntry("confirmed", true);
        String forged = DatamatrixImageTest.ZOE.replace("275126322074974", "275126322074877");
        assertThat(run(cli, "datamatrix", "parse", forged, "--verify")).isEqualTo(1);
        assertThat(cli.errors()).contains("N’utilisez pas cet INS");

        // hostile input: a clear French error that names what was given, exit code 1
        assertThat(run(cli, "datamatrix", "parse", "IS01BONJOUR")).isEqualTo(1);
        assertThat(cli.errors()).contains("IS01");
        Path notAnImage = Files.writeString(dir.resolve("notes.png"), "pas une image");
        assertThat(run(cli, "datamatrix", "parse", "--image", notAnImage.toString())).isEqualTo(1);
        assertThat(cli.errors()).contains("notes.png");
        // text and image together, or neither: usage
        assertThat(run(cli, "datamatrix", "parse", DatamatrixImageTest.ZOE, "--image", scan.toString())).isEqualTo(2);
        assertThat(run(cli, "datamatrix", "parse")).isEqualTo(2);
        assertThat(cli.errors()).contains("--image");
    }
}
