package org.caducee.mss.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.caducee.core.installation.Installation;
import org.caducee.mss.MssDirectory;
import org.caducee.mss.MssDirectory.Answer;
import org.caducee.mss.MssDirectory.Entry;
import org.caducee.mss.MssDirectory.Query;
import org.caducee.mss.MssDirectoryExtract;
import org.caducee.mss.MssDirectoryExtract.ImportReport;
import org.caducee.mss.MssException;
import org.caducee.mss.internal.DirCliCommand;
import org.caducee.mss.internal.DirectoryService;
import org.caducee.mss.internal.ExtractDirectory;
import org.caducee.mss.internal.FhirDirectory;
import org.caducee.mss.internal.MssConnections;
import org.caducee.testing.CliHarness;
import org.caducee.testing.Osgi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;

/**
 * The offline directory: the ANS public extract of MSSanté mailboxes, written here in its real layout (UTF-8, {@code |},
 * the 31 columns of the header) with hostile lines, imported into the store and searched on every criterion; used by
 * the directory when the Annuaire Santé API is not configured or does not answer, with the extract date shown.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OfflineDirectoryTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    /** The header of the real file, in its order. */
    static final List<String> HEADER = List.of("Type de BAL", "Adresse BAL", "Type Identifiant PP", "Identifiant PP", "Identification nationale PP",
            "Type identifiant structure", "Identification Structure", "Service de rattachement", "Civilité d'exercice", "Nom d'exercice",
            "Prénom d'exercice", "Catégorie profession", "Libellé de catégorie profession", "Code Profession", "Libellé Profession",
            "Code savoir-faire", "Libellé savoir-faire", "Dématérialisation", "Raison Sociale structure BAL", "Enseigne commerciale structure BAL",
            "L2COMPLEMENTLOCALISATION", "L3COMPLEMENTDISTRIBUTION", "L4NUMEROVOIE", "L4COMPLEMENTNUMEROVOIE", "NL4TYPEVOIE", "L4LIBELLEVOIE",
            "L5LIEUDITMENTION", "L6LIGNEACHEMINEMENT", "Code postal", "Département", "Pays");

    @TempDir
    Path dir;

    private BundleContext context;
    private MssDirectoryExtract extract;

    @BeforeEach
    void setUp() throws Exception {
        context = FrameworkUtil.getBundle(MssDirectory.class).getBundleContext();
        extract = Osgi.await(context, MssDirectoryExtract.class, TIMEOUT);
        // the sandbox operator publishes its own extract: let it be imported first, the tests' imports then win
        org.caducee.sandbox.mss.SandboxMssOperator operator = Osgi.await(context, org.caducee.sandbox.mss.SandboxMssOperator.class, TIMEOUT);
        MssConnections connections = Osgi.await(context, MssConnections.class, TIMEOUT);
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while ((operator.imapPort() == 0 || connections.directoryExtract().isEmpty()) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        extract.info();
    }

    /** One line of the extract from the named columns; the others empty. */
    static String line(Map<String, String> values) {
        List<String> fields = new ArrayList<>();
        for (String column : HEADER) {
            fields.add(values.getOrDefault(column, ""));
        }
        return String.join("|", fields);
    }

    static Map<String, String> person(String type, String address, String rpps, String last, String first, String profession, String specialty,
            String organisation, String service, String routing, String postal) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("Type de BAL", type);
        m.put("Adresse BAL", address);
        if (rpps != null) {
            m.put("Type Identifiant PP", "8");
            m.put("Identifiant PP", rpps);
            m.put("Identification nationale PP", "8" + rpps);
            m.put("Civilité d'exercice", "DR");
        }
        m.put("Nom d'exercice", last);
        m.put("Prénom d'exercice", first);
        m.put("Libellé Profession", profession);
        m.put("Libellé savoir-faire", specialty);
        m.put("Raison Sociale structure BAL", organisation);
        m.put("Service de rattachement", service);
        m.put("L6LIGNEACHEMINEMENT", routing);
        m.put("Code postal", postal);
        m.put("Pays", "FRANCE");
        m.values().removeIf(v -> v == null);
        return m;
    }

    /** Five good mailboxes (one with a CRLF end) and six hostile lines, one blank line. */
    static byte[] extractBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out, String.join("|", HEADER) + "\n");
        write(out, line(person("PER", "anne.dupont@medecin.mssante.fr", "10001234567", "DUPONT", "Anne", "Médecin", "Médecine Générale",
                "CABINET DU DR DUPONT", null, "69003 LYON", "69003")) + "\n");
        write(out, "PER|trop.court@medecin.mssante.fr|8|10000000001|810000000001\n");
        write(out, line(person("PER", "eric.lefevre@chu-lyon.mssante.fr", "10007654321", "LEFÈVRE", "Éric", "Médecin",
                "Cardiologie et maladies vasculaires", "HOSPICES CIVILS DE LYON", null, "69437 LYON CEDEX 03", "69437")) + "\n");
        write(out, line(person("XYZ", "inconnu@medecin.mssante.fr", "10000000002", "INCONNU", "Type", "Médecin", null, null, null, "75001 PARIS",
                "75001")) + "\n");
        write(out, line(person("ORG", "secretariat.cardio@chu-lyon.mssante.fr", null, null, null, null, null, "HOSPICES CIVILS DE LYON",
                "Secrétariat de cardiologie", "69437 LYON CEDEX 03", "69437")) + "\n");
        write(out, line(person("PER", "pas-une-adresse", "10000000003", "SANS", "Adresse", "Médecin", null, null, null, "75001 PARIS", "75001"))
                + "\n");
        write(out, "\n");
        out.writeBytes(line(person("PER", "mauvais.octets@medecin.mssante.fr", "10000000004", "OCTETS", "Faux", "Médecin", null, null, null,
                "75001 PARIS", "75001")).replace("OCTETS", "OCT\u0001").getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(new byte[] { (byte) 0xC3, (byte) 0x28, '\n' });
        write(out, line(person("PER", "luc.martin@infirmiers.mssante.fr", "10008765432", "MARTIN", "Luc", "Infirmier", null,
                "CABINET INFIRMIER DU PORT", null, "13001 MARSEILLE", "13001")) + "\r\n");
        write(out, "PER|" + "x".repeat(20_000) + "\n");
        write(out, line(person("CAB", "cabinet.bernard@cab.mssante.fr", null, null, null, null, null, "CABINET MEDICAL BERNARD", null,
                "75012 PARIS", "75012")) + "\n");
        write(out, "\u00a0ceci n’est | pas | une ligne\n");
        return out.toByteArray();
    }

    private static void write(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }

    private Path realExtract() throws Exception {
        Path file = dir.resolve("Extraction_Correspondance_MSSante_202608261013.txt");
        Files.write(file, extractBytes());
        return file;
    }

    private List<String> mailboxes(Query q) throws MssException {
        return extract.search(q).stream().map(Entry::mailbox).toList();
    }

    private static Query q(String name, String firstName, String rpps, String city, String postal, String type, String profession, String specialty,
            String organisation) {
        return new Query(name, firstName, rpps, city, postal, type, profession, specialty, organisation);
    }

    @Test
    void theRealLayoutIsImportedWithHostileLinesSkippedAndCountedAndEveryCriterionSearches() throws Exception {
        ImportReport report = extract.importFile(realExtract(), "medecin");
        assertThat(report.imported()).isEqualTo(5);
        assertThat(report.skipped()).isEqualTo(6);
        assertThat(report.extractDate()).isEqualTo(LocalDate.of(2026, 8, 26));
        assertThat(report.skippedExamples()).anySatisfy(s -> assertThat(s).startsWith("ligne 3 :").contains("5 champ(s) au lieu de 31"))
                .anySatisfy(s -> assertThat(s).contains("type de boîte inconnu « XYZ »"))
                .anySatisfy(s -> assertThat(s).contains("adresse de boîte invalide « pas-une-adresse »"))
                .anySatisfy(s -> assertThat(s).contains("UTF-8"))
                .anySatisfy(s -> assertThat(s).contains("ligne de plus de"));
        assertThat(extract.info()).hasValueSatisfying(i -> {
            assertThat(i.entries()).isEqualTo(5);
            assertThat(i.skipped()).isEqualTo(6);
            assertThat(extract.sourceLabel(i)).isEqualTo("annuaire hors ligne, extraction du 26/08/2026");
        });

        assertThat(extract.search(q("dupont", null, null, null, null, null, null, null, null))).singleElement().satisfies(e -> {
            assertThat(e.firstName()).isEqualTo("Anne");
            assertThat(e.rpps()).isEqualTo("10001234567");
            assertThat(e.profession()).isEqualTo("Médecin");
            assertThat(e.specialty()).isEqualTo("Médecine Générale");
            assertThat(e.organisation()).isEqualTo("CABINET DU DR DUPONT");
            assertThat(e.city()).isEqualTo("LYON");
            assertThat(e.postalCode()).isEqualTo("69003");
            assertThat(e.mailboxType()).isEqualTo("PER");
        });
        // accents and case ignored, first name narrows
        assertThat(mailboxes(q("Lefevre", "eric", null, null, null, null, null, null, null))).containsExactly("eric.lefevre@chu-lyon.mssante.fr");
        assertThat(mailboxes(q("lefevre", "anne", null, null, null, null, null, null, null))).isEmpty();
        // RPPS, or the national identifier (8 + RPPS)
        assertThat(mailboxes(q(null, null, "10001234567", null, null, null, null, null, null))).containsExactly("anne.dupont@medecin.mssante.fr");
        assertThat(mailboxes(q(null, null, "810001234567", null, null, null, null, null, null))).containsExactly("anne.dupont@medecin.mssante.fr");
        assertThat(mailboxes(q(null, null, null, null, null, null, "infirmier", null, null))).containsExactly("luc.martin@infirmiers.mssante.fr");
        assertThat(mailboxes(q(null, null, null, null, null, null, null, "cardiologie", null))).containsExactly("eric.lefevre@chu-lyon.mssante.fr");
        assertThat(mailboxes(q(null, null, null, null, null, null, null, null, "hospices civils")))
                .containsExactlyInAnyOrder("eric.lefevre@chu-lyon.mssante.fr", "secretariat.cardio@chu-lyon.mssante.fr");
        assertThat(mailboxes(q(null, null, null, "lyon", null, null, null, null, null))).containsExactlyInAnyOrder("anne.dupont@medecin.mssante.fr",
                "eric.lefevre@chu-lyon.mssante.fr", "secretariat.cardio@chu-lyon.mssante.fr");
        assertThat(mailboxes(q(null, null, null, null, "69", null, null, null, null))).hasSize(3);
        assertThat(mailboxes(q(null, null, null, null, "13001", null, null, null, null))).containsExactly("luc.martin@infirmiers.mssante.fr");
        assertThat(mailboxes(q(null, null, null, null, null, "ORG", null, null, null))).containsExactly("secretariat.cardio@chu-lyon.mssante.fr");
        assertThat(mailboxes(q(null, null, null, null, null, "cab", null, null, null))).containsExactly("cabinet.bernard@cab.mssante.fr");
        assertThat(mailboxes(q(null, null, null, "paris", null, "PER", null, null, null))).isEmpty();
        // criteria together
        assertThat(mailboxes(q(null, null, null, "lyon", null, "PER", "médecin", "cardio", null))).containsExactly("eric.lefevre@chu-lyon.mssante.fr");
        // hostile criteria find nothing and do not fail
        assertThat(mailboxes(q("%", null, null, null, null, null, null, null, null))).isEmpty();
        assertThat(mailboxes(q("'; DROP TABLE mss_directory_entry; --", null, null, null, null, null, null, null, null))).isEmpty();
        assertThatThrownBy(() -> extract.search(q(null, null, null, " ", null, null, null, null, null))).isInstanceOf(MssException.class)
                .hasMessageContaining("au moins un critère");
    }

    @Test
    void aNewImportReplacesThePreviousOneAndARefusedFileKeepsIt() throws Exception {
        extract.importFile(realExtract(), "medecin");
        Path next = dir.resolve("Extraction_Correspondance_MSSante_202609011200.txt");
        Files.writeString(next, String.join("|", HEADER) + "\n" + line(person("PER", "nouveau.medecin@medecin.mssante.fr", "10005555555", "NOUVEAU",
                "Médecin", "Médecin", "Pédiatrie", "CABINET NOUVEAU", null, "33000 BORDEAUX", "33000")) + "\n", StandardCharsets.UTF_8);
        ImportReport report = extract.importFile(next, "medecin");
        assertThat(report.imported()).isEqualTo(1);
        assertThat(report.skipped()).isZero();
        assertThat(mailboxes(q("dupont", null, null, null, null, null, null, null, null))).isEmpty();
        assertThat(mailboxes(q("nouveau", null, null, null, null, null, null, null, null))).containsExactly("nouveau.medecin@medecin.mssante.fr");
        assertThat(extract.info()).hasValueSatisfying(i -> assertThat(i.extractDate()).isEqualTo(LocalDate.of(2026, 9, 1)));

        Path notAnExtract = dir.resolve("patients.csv");
        Files.writeString(notAnExtract, "nom;prénom;date\nDUPONT;Anne;01/01/1970\n", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> extract.importFile(notAnExtract, "medecin")).isInstanceOf(MssException.class)
                .hasMessageContaining("patients.csv n’est pas une extraction des boîtes aux lettres MSSanté").hasMessageContaining("nom;prénom;date");
        Path empty = Files.createFile(dir.resolve("vide.txt"));
        assertThatThrownBy(() -> extract.importFile(empty, "medecin")).isInstanceOf(MssException.class).hasMessageContaining("vide");
        Path binary = dir.resolve("image.png");
        Files.write(binary, new byte[] { (byte) 0x89, 'P', 'N', 'G', 0, 0, (byte) 0xff, (byte) 0xfe, '\n', 1, 2, 3 });
        assertThatThrownBy(() -> extract.importFile(binary, "medecin")).isInstanceOf(MssException.class).hasMessageContaining("image.png");
        assertThatThrownBy(() -> extract.importFile(dir.resolve("absent.txt"), "medecin")).isInstanceOf(MssException.class)
                .hasMessageContaining("introuvable");
        // the last good import is still there
        assertThat(mailboxes(q("nouveau", null, null, null, null, null, null, null, null))).containsExactly("nouveau.medecin@medecin.mssante.fr");
    }

    @Test
    void theZipServedByTheAnsIsReadInPlace() throws Exception {
        Path zip = dir.resolve("Extraction_Correspondance_MSSante.zip");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
            z.putNextEntry(new ZipEntry("Extraction_Correspondance_MSSante_202608261013.txt"));
            z.write(extractBytes());
            z.closeEntry();
        }
        ImportReport report = extract.importFile(zip, "medecin");
        assertThat(report.fileName()).isEqualTo("Extraction_Correspondance_MSSante_202608261013.txt");
        assertThat(report.extractDate()).isEqualTo(LocalDate.of(2026, 8, 26));
        assertThat(report.imported()).isEqualTo(5);
        assertThat(report.skipped()).isEqualTo(6);
    }

    @Test
    void theDirectoryFallsBackOnTheExtractWhenTheApiIsNotConfiguredOrUnreachable() throws Exception {
        extract.importFile(realExtract(), "medecin");
        Installation installation = Osgi.await(context, Installation.class, TIMEOUT);
        FhirDirectory fhir = Osgi.await(context, FhirDirectory.class, TIMEOUT);
        ExtractDirectory offline = Osgi.await(context, ExtractDirectory.class, TIMEOUT);

        // no account provider, no settings: the API is not configured
        MssDirectory notConfigured = new DirectoryService(fhir, offline, new MssConnections(installation));
        Answer answer = notConfigured.find(new Query("martin", null, null, null, null, null));
        assertThat(answer.offline()).isTrue();
        assertThat(answer.source()).isEqualTo("annuaire hors ligne, extraction du 26/08/2026 (Annuaire Santé non configuré)");
        assertThat(answer.entries()).extracting(Entry::mailbox).containsExactly("luc.martin@infirmiers.mssante.fr");

        // configured but nobody listens there
        System.setProperty("caducee.mss.directory.url", "https://127.0.0.1:9/fhir/v2/");
        System.setProperty("caducee.mss.directory.apikey", "cle-de-test");
        try {
            MssDirectory unreachable = new DirectoryService(new FhirDirectory(new MssConnections(installation)), offline, new MssConnections(installation));
            Answer fallback = unreachable.find(new Query("dupont", null, null, null, null, null));
            assertThat(fallback.offline()).isTrue();
            assertThat(fallback.source()).isEqualTo("annuaire hors ligne, extraction du 26/08/2026 (Annuaire Santé injoignable)");
            assertThat(fallback.entries()).extracting(Entry::mailbox).containsExactly("anne.dupont@medecin.mssante.fr");
        } finally {
            System.clearProperty("caducee.mss.directory.url");
            System.clearProperty("caducee.mss.directory.apikey");
        }

        // the sandbox operator's directory answers: online, as before
        org.caducee.sandbox.mss.SandboxMssOperator operator = Osgi.await(context, org.caducee.sandbox.mss.SandboxMssOperator.class, TIMEOUT);
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        MssConnections connections = Osgi.await(context, MssConnections.class, TIMEOUT);
        while ((operator.imapPort() == 0 || connections.directoryUrl().isEmpty()) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        Answer online = Osgi.await(context, MssDirectory.class, TIMEOUT).find(new Query("martin", null, null, "lyon", null, null));
        assertThat(online.offline()).as(online.source()).isFalse();
        assertThat(online.source()).isEqualTo("Annuaire Santé (API FHIR)");
    }

    @Test
    void theSandboxOperatorPublishesItsDemoMailboxesAsAnExtract() throws Exception {
        Path published = Osgi.await(context, MssConnections.class, TIMEOUT).directoryExtract().orElseThrow();
        assertThat(published.getFileName().toString()).matches("Extraction_Correspondance_MSSante_\\d{12}\\.txt");
        ImportReport report = extract.importFile(published, "medecin");
        assertThat(report.skipped()).isZero();
        assertThat(report.imported()).isEqualTo(4);
        assertThat(extract.search(q(null, null, org.caducee.sandbox.DemoPractice.DOCTOR_RPPS, null, null, null, null, null, null)))
                .singleElement().satisfies(e -> {
                    assertThat(e.mailbox()).isEqualTo(org.caducee.sandbox.mss.SandboxMssOperator.DOCTOR);
                    assertThat(e.specialty()).isEqualTo("Médecine générale");
                    assertThat(e.city()).isEqualTo("PARIS");
                });
    }

    @Test
    void theCommandLineImportsAndSearchesOfflineWithJson() throws Exception {
        Path file = realExtract();
        CliHarness cli = CliHarness.osgi(context, TIMEOUT);
        assertThat(cli.run(new DirCliCommand().command(cli), "import", file.toString())).isZero();
        assertThat(cli.output()).contains("Extraction Extraction_Correspondance_MSSante_202608261013.txt du 26/08/2026 importée : 5 boîte(s), 6 ligne(s) ignorée(s).")
                .contains("ligne 3 : 5 champ(s) au lieu de 31");

        assertThat(cli.run(new DirCliCommand().command(cli), "search", "--city", "lyon", "--type", "PER", "--offline", "--json")).isZero();
        Map<String, Object> data = cli.data();
        assertThat(data.get("source")).isEqualTo("annuaire hors ligne, extraction du 26/08/2026");
        assertThat(data.get("offline")).isEqualTo(true);
        assertThat((List<?>) data.get("entries")).hasSize(2);

        assertThat(cli.run(new DirCliCommand().command(cli), "search", "--specialty", "cardio", "--offline")).isZero();
        assertThat(cli.output()).contains("Source : annuaire hors ligne, extraction du 26/08/2026").contains("eric.lefevre@chu-lyon.mssante.fr")
                .contains("LEFÈVRE Éric");

        Path bad = dir.resolve("autre.txt");
        Files.writeString(bad, "pas un annuaire\n");
        int code = cli.run(new DirCliCommand().command(cli), "import", bad.toString());
        assertThat(code).isNotZero();
        assertThat(cli.errors()).contains("autre.txt n’est pas une extraction des boîtes aux lettres MSSanté");
    }
}
