package org.caducee.ins.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.caducee.ins.cog.CogEvent;
import org.caducee.ins.cog.CogLookup;
import org.caducee.ins.cog.CogLookup.Result;
import org.caducee.ins.cog.CogPlaceKind;
import org.caducee.ins.cog.CogReferential;
import org.caducee.ins.cog.CogStatus;
import org.caducee.ins.internal.CogReferentialComponent;
import org.caducee.ins.internal.CogSchema;
import org.caducee.store.SchemaReady;
import org.caducee.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;

/** The real INSEE COG 2026 files imported into a temporary database, then the lookups a secretary does. */
@TestInstance(Lifecycle.PER_CLASS)
abstract class CogReferentialContract {

    abstract TestDatabase open(Path dir);

    private Path dir;
    private TestDatabase database;
    private SchemaReady schema;
    private CogReferentialComponent cog;
    private CogStatus imported;

    @BeforeAll
    void importTheRealFiles() throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(TestInstallation.cogFiles()), "COG INSEE 2026 absent : " + TestInstallation.cogFiles());
        dir = Files.createTempDirectory("caducee-cog");
        database = open(dir);
        CogSchema migrations = new CogSchema();
        database.migrate(migrations);
        schema = TestDatabase.schemaReady(migrations);
        cog = new CogReferentialComponent(database, schema,
                new TestInstallation(dir, Map.of(CogReferentialComponent.SETTING_DIR, TestInstallation.cogFiles().toString())));
        imported = cog.ready().toCompletableFuture().get(5, TimeUnit.MINUTES);
        System.out.printf("COG import (%s): %d places, %d events in %d ms%n", database.dialect(), imported.places(), imported.events(),
                imported.lastImport() == null ? -1 : imported.lastImport().toMillis());
    }

    @AfterAll
    void close() {
        if (database != null) {
            database.close();
        }
    }

    @Test
    void theImportHoldsEveryFile() {
        assertThat(imported.state()).isEqualTo(CogStatus.State.READY);
        assertThat(imported.year()).isEqualTo(2026);
        // 42 333 communes since 1943 + 830 overseas + 468 countries and territories
        assertThat(imported.places()).isEqualTo(42_333 + 830 + 468);
        assertThat(imported.events()).isEqualTo(13_734);
        assertThat(imported.lastImport()).isNotNull();
        assertThat(imported.message()).contains("2026");
    }

    @Test
    void reimportingTheSameYearIsANoOp_andANewComponentFindsTheDataReady() throws Exception {
        CogStatus again = cog.importNow();
        assertThat(again.ready()).isTrue();
        assertThat(again.lastImport()).isNull();
        assertThat(again.places()).isEqualTo(imported.places());
        CogReferentialComponent second = new CogReferentialComponent(database, schema,
                new TestInstallation(dir, Map.of(CogReferentialComponent.SETTING_DIR, TestInstallation.cogFiles().getParent().toString())));
        CogStatus status = second.ready().toCompletableFuture().get(1, TimeUnit.MINUTES);
        assertThat(status.ready()).isTrue();
        assertThat(status.lastImport()).isNull();
    }

    @Test
    void aNewerYearReplacesTheData_andAnOlderOneDoesNot() throws Exception {
        // the 2026 files presented as the 2027 edition (symbolic links in a temporary directory)
        Path next = Files.createTempDirectory(dir, "cog2027");
        try (var files = Files.list(TestInstallation.cogFiles())) {
            for (Path f : files.toList()) {
                Files.createSymbolicLink(next.resolve(f.getFileName().toString().replace("2026", "2027")), f);
            }
        }
        CogReferentialComponent newer = new CogReferentialComponent(database, schema,
                new TestInstallation(dir, Map.of(CogReferentialComponent.SETTING_DIR, next.toString())));
        CogStatus replaced = newer.ready().toCompletableFuture().get(5, TimeUnit.MINUTES);
        assertThat(replaced.year()).isEqualTo(2027);
        assertThat(replaced.lastImport()).isNotNull();
        assertThat(replaced.places()).isEqualTo(imported.places());
        assertThat(newer.lookup("01324", LocalDate.of(1950, 1, 1)).current().code()).isEqualTo("01245");
        // the 2026 files again: older than the data, nothing happens
        CogStatus older = cog.importNow();
        assertThat(older.year()).isEqualTo(2027);
        assertThat(older.lastImport()).isNull();
    }

    @Test
    void aCommuneMergedSinceIsFoundAsItWasAtBirth_withItsCurrentSuccessor() {
        CogLookup rignat = cog.lookup("01324", LocalDate.of(1950, 3, 1));
        assertThat(rignat.result()).isEqualTo(Result.FOUND);
        assertThat(rignat.place().name()).isEqualTo("Rignat");
        assertThat(rignat.place().department()).isEqualTo("01");
        assertThat(rignat.current().code()).isEqualTo("01245");
        assertThat(rignat.current().name()).isEqualTo("Bohas-Meyriat-Rignat");
        assertThat(rignat.changedSince()).isTrue();
        assertThat(rignat.message()).contains("Rignat", "Bohas-Meyriat-Rignat");

        CogLookup cherbourg = cog.lookup("50129", LocalDate.of(1960, 1, 1));
        assertThat(cherbourg.place().name()).isEqualTo("Cherbourg");
        assertThat(cherbourg.current().name()).isEqualTo("Cherbourg-en-Cotentin");

        CogLookup octeville = cog.lookup("50383", LocalDate.of(1960, 1, 1));
        assertThat(octeville.place().name()).isEqualTo("Octeville");
        assertThat(octeville.current().name()).isEqualTo("Cherbourg-en-Cotentin");

        List<CogEvent> events = cog.events("01324");
        assertThat(events).isNotEmpty().anyMatch(e -> e.changeType().equals("33") && e.label().equals("Fusion-association"));
    }

    @Test
    void corsicanCodes_beforeAndAfter1976() {
        CogLookup ajaccio1950 = cog.lookup("20004", LocalDate.of(1950, 1, 1));
        assertThat(ajaccio1950.result()).isEqualTo(Result.FOUND);
        assertThat(ajaccio1950.current().code()).isEqualTo("2A004");
        CogLookup ajaccio = cog.lookup("2a004", null);
        assertThat(ajaccio.result()).isEqualTo(Result.FOUND);
        assertThat(ajaccio.place().department()).isEqualTo("2A");
        CogLookup bastia = cog.lookup("2B033", LocalDate.of(1990, 1, 1));
        assertThat(bastia.place().name()).isEqualTo("Bastia");
        assertThat(cog.lookup("2B020", LocalDate.of(1980, 3, 1)).result()).isEqualTo(Result.FOUND);
        assertThat(cog.lookup("2A004", LocalDate.of(1950, 1, 1)).result()).isEqualTo(Result.NOT_VALID_AT_DATE);
    }

    @Test
    void overseasDepartmentsAndCollectivities() {
        CogLookup pointeAPitre = cog.lookup("97120", LocalDate.of(1980, 1, 1));
        assertThat(pointeAPitre.place().name()).isEqualTo("Pointe-à-Pitre");
        assertThat(pointeAPitre.place().department()).isEqualTo("971");
        CogLookup papeete = cog.lookup("98735", null);
        assertThat(papeete.place().kind()).isEqualTo(CogPlaceKind.OVERSEAS);
        assertThat(papeete.place().department()).isEqualTo("987");
        assertThat(cog.search("Saint-Denis", LocalDate.of(1990, 1, 1), 50)).anyMatch(l -> l.code().equals("97411"));
    }

    @Test
    void countriesByNameAndCode() {
        List<CogLookup> algerie = cog.search("ALGERIE", null, 10);
        assertThat(algerie).first().satisfies(l -> {
            assertThat(l.code()).isEqualTo("99352");
            assertThat(l.place().kind()).isEqualTo(CogPlaceKind.COUNTRY);
            assertThat(l.place().name()).isEqualTo("Algérie");
        });
        assertThat(cog.search("algérie", LocalDate.of(1990, 1, 1), 10)).extracting(CogLookup::code).contains("99352");
        assertThat(cog.lookup("99352", LocalDate.of(2000, 1, 1)).place().name()).isEqualTo("Algérie");
        // born in Alger in 1950: the commune of the former département, ended in 1962, without successor
        assertThat(cog.search("Alger", LocalDate.of(1950, 1, 1), 20)).anyMatch(l -> l.place().kind() == CogPlaceKind.OVERSEAS);
    }

    @Test
    void aCodeReturnedByInsiButAbsentLocallyIsAcceptedWithoutException() {
        CogLookup unknown = cog.lookup("63999", LocalDate.of(1975, 12, 31));
        assertThat(unknown.result()).isEqualTo(Result.UNKNOWN_CODE);
        assertThat(unknown.place()).isNull();
        assertThat(unknown.message()).contains("63999", "conservé");
        assertThat(cog.lookup("ABCDE", null).result()).isEqualTo(Result.INVALID_CODE);
        assertThat(cog.lookup(null, null).result()).isEqualTo(Result.INVALID_CODE);
        assertThat(cog.lookup("'; DROP TABLE ins_cog_place; --", null).result()).isEqualTo(Result.INVALID_CODE);
    }

    @Test
    void unknownBirthplaceIsAnExplicitChoice_neverASearchDefault() {
        CogLookup inconnu = cog.lookup("99999", LocalDate.of(1975, 1, 1));
        assertThat(inconnu.result()).isEqualTo(Result.UNKNOWN_BIRTHPLACE);
        assertThat(inconnu.place()).isEqualTo(CogReferential.UNKNOWN_BIRTHPLACE);
        assertThat(inconnu.place().name()).isEqualTo("INCONNU");
        assertThat(cog.search("inconnu", null, 10)).first().extracting(CogLookup::code).isEqualTo("99999");
        assertThat(cog.search("Paris", null, 20)).noneMatch(l -> l.code().equals("99999"));
        assertThat(cog.search("", null, 20)).isEmpty();
    }

    @Test
    void searchByNamePrefix_normalisesAccentsHyphensAndSaint() {
        List<CogLookup> etienne = cog.search("st etienne", LocalDate.of(2020, 1, 1), 20);
        assertThat(etienne).first().satisfies(l -> assertThat(l.code()).isEqualTo("42218"));
        assertThat(cog.search("SAINT-ÉTIENNE", null, 5)).first().extracting(CogLookup::code).isEqualTo("42218");
        assertThat(cog.search("abergement clem", null, 5)).extracting(CogLookup::code).contains("01001");
        assertThat(cog.search("L'Abergement-Clémenciat", null, 5)).extracting(CogLookup::code).contains("01001");
        List<CogLookup> paris = cog.search("Paris", null, 30);
        assertThat(paris).first().satisfies(l -> assertThat(l.code()).isEqualTo("75056"));
        // a merged commune found by its old name, with today's commune
        List<CogLookup> rignat = cog.search("Rignat", LocalDate.of(1950, 1, 1), 5);
        assertThat(rignat).first().satisfies(l -> {
            assertThat(l.code()).isEqualTo("01324");
            assertThat(l.current().code()).isEqualTo("01245");
        });
        assertThat(cog.search("Rignat", LocalDate.of(2000, 1, 1), 5)).noneMatch(l -> l.code().equals("01324"));
        assertThat(cog.search("50129", null, 5)).extracting(CogLookup::code).containsExactly("50129");
        assertThat(cog.search("%", null, 5)).isEmpty();
    }

    @Test
    void searchByPostalCode_withTheLaPosteFileInEitherPublishedLayout() throws Exception {
        // the historical layout (semicolons, '#' header, Latin-1) and the current one (commas, quoted, UTF-8 BOM)
        Path old = dir.resolve("laposte-old.csv");
        Files.write(old, ("#Code_commune_INSEE;Nom_de_la_commune;Code_postal;Libell\u00e9_d_acheminement;Ligne_5\r\n"
                + "42218;ST ETIENNE;42000;ST ETIENNE;\r\n42218;ST ETIENNE;42100;ST ETIENNE;\r\n"
                + "01001;L ABERGEMENT CLEMENCIAT;01400;L ABERGEMENT CLEMENCIAT;\r\n01093;CHATILLON SUR CHALARONNE;01400;CHATILLON SUR CHALARONNE;\r\n")
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        Path current = dir.resolve("laposte-new.csv");
        Files.writeString(current, "\uFEFF\"code_commune_insee\",\"nom_de_la_commune\",\"code_postal\",\"libelle_d_acheminement\",\"ligne_5\"\n"
                + "\"42218\",\"ST ETIENNE\",\"42100\",\"ST ETIENNE\",\"\"\n");
        for (Path file : List.of(old, current)) {
            CogReferentialComponent withPostal = new CogReferentialComponent(database, schema, new TestInstallation(dir,
                    Map.of(CogReferentialComponent.SETTING_DIR, TestInstallation.cogFiles().toString(),
                            CogReferentialComponent.SETTING_POSTAL_FILE, file.toString())));
            withPostal.ready().toCompletableFuture().get(5, TimeUnit.MINUTES);
            // 42100 is also an INSEE code (a commune of the Loire): that one first, then the communes of the postal code
            assertThat(withPostal.search("42100", null, 10)).as(file.toString()).extracting(CogLookup::code).containsExactly("42100", "42218");
            // a five-digit INSEE code is still found as such, first
            assertThat(withPostal.search("42218", null, 10)).extracting(CogLookup::code).first().isEqualTo("42218");
            assertThat(withPostal.search("00000", null, 10)).isEmpty();
        }
        CogReferentialComponent withOld = new CogReferentialComponent(database, schema, new TestInstallation(dir,
                Map.of(CogReferentialComponent.SETTING_DIR, TestInstallation.cogFiles().toString(),
                        CogReferentialComponent.SETTING_POSTAL_FILE, old.toString())));
        withOld.ready().toCompletableFuture().get(5, TimeUnit.MINUTES);
        // one postal code, several communes: the user picks
        assertThat(withOld.search("01400", LocalDate.of(2020, 1, 1), 10)).extracting(CogLookup::code).endsWith("01001", "01093");
        // without any file, a postal code finds nothing (and no error)
        assertThat(cog.search("42100", null, 10)).extracting(CogLookup::code).containsExactly("42100");
    }
}
