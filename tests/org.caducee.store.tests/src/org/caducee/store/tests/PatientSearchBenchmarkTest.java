package org.caducee.store.tests;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Consumer;

import org.caducee.core.identity.BirthTraits;
import org.caducee.core.identity.Identity;
import org.caducee.core.identity.Sex;
import org.caducee.core.patient.Patient;
import org.caducee.core.patient.PatientQuery;
import org.caducee.core.text.Names;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Benchmark, not a test: 100,000 patients in H2, prefix search through the name-key index against a naive
 * {@code LIKE '%x%'} scan of the same data. Prints p50/p95; asserts nothing. Runs only with {@code -Dcaducee.bench=true}.
 */
class PatientSearchBenchmarkTest {

    static final String[] LAST = ("MARTIN BERNARD THOMAS PETIT ROBERT RICHARD DURAND DUBOIS MOREAU LAURENT SIMON MICHEL LEFEBVRE LEROY ROUX "
            + "DAVID BERTRAND MOREL FOURNIER GIRARD BONNET DUPONT LAMBERT FONTAINE ROUSSEAU VINCENT MULLER LEFEVRE FAURE ANDRE MERCIER "
            + "BLANC GUERIN BOYER GARNIER CHEVALIER FRANCOIS LEGRAND GAUTHIER GARCIA PERRIN ROBIN CLEMENT MORIN NICOLAS HENRY ROUSSEL "
            + "MATHIEU GAUTIER MASSON MARCHAND DUVAL DENIS DUMONT MARIE LEMAIRE NOEL MEYER DUFOUR MEUNIER BRUN BLANCHARD GIRAUD JOLY "
            + "RIVIERE LUCAS BRUNET GAILLARD BARBIER ARNAUD MARTINEZ GERARD ROCHE RENARD SCHMITT ROY LEROUX COLIN VIDAL CARON PICARD "
            + "ROGER FABRE AUBERT LEMOINE RENAUD DUMAS LACROIX OLIVIER PHILIPPE BOURGEOIS PIERRE BENOIT REY LECLERC PAYET ROLLAND "
            + "LE-GALL LE-ROUX GUILLAUME LECOMTE DUPUIS HUBERT CARPENTIER MOULIN LOUIS DESCHAMPS HUET VASSEUR PEREZ BOUCHER FLEURY "
            + "ROYER KLEIN JACQUET ADAM PARIS POIRIER MARTY AUBRY GUYOT CARRE CHARLES RENAULT CHARPENTIER MENARD MAILLARD BARON BERTIN "
            + "BAILLY HERVE SCHNEIDER FERNANDEZ LE-GOFF COLLET LEGER BOUVIER JULIEN PREVOST MILLET PERROT DANIEL LE-ROY COUSIN GERMAIN "
            + "BRETON BESSON LANGLOIS REMY LE-BIHAN PELLETIER LEVEQUE PERRIER LEBLANC BARRE LEBRUN MARCHAL WEBER MALLET HAMON BOULANGER "
            + "JACOB MONNIER MICHAUD RODRIGUEZ GUICHARD GILLET ETIENNE GRONDIN POULAIN TESSIER CHEVALLIER COLLIN CHAUVIN DA-SILVA BOUCHET "
            + "GAY LEMAITRE BENARD MARECHAL HUMBERT REYNAUD ANTOINE HOARAU PERRET BARTHELEMY CORDIER PICHON LEJEUNE GILBERT LAMY DELAUNAY").split(" ");
    static final String[] FIRST_F = ("MARIE JEANNE FRANCOISE MONIQUE CATHERINE NATHALIE ISABELLE SYLVIE ANNE MARTINE CHRISTINE SANDRINE VALERIE "
            + "SOPHIE CELINE CHANTAL NICOLE STEPHANIE PATRICIA AURELIE JULIE CAMILLE EMMA LEA CHLOE MANON INES JADE LOUISE ALICE LINA "
            + "ROSE ANNA MILA AMBRE JULIA ZOE LENA ELODIE HELENE CLAIRE PAULINE LAURA MARION MATHILDE LUCIE AGATHE GABRIELLE SARAH").split(" ");
    static final String[] FIRST_M = ("JEAN PIERRE MICHEL ANDRE PHILIPPE ALAIN BERNARD JACQUES DANIEL CHRISTIAN PATRICK NICOLAS FREDERIC LAURENT "
            + "STEPHANE DAVID JULIEN SEBASTIEN THOMAS LUCAS HUGO LOUIS GABRIEL ARTHUR JULES RAPHAEL LEO ADAM PAUL NATHAN THEO TOM ETHAN "
            + "NOAH MAEL SACHA GAEL ANTOINE MAXIME ALEXANDRE VINCENT OLIVIER FRANCOIS JEAN-PIERRE JEAN-LUC MARC ERIC YVES GUY").split(" ");

    @TempDir
    Path dir;

    @Test
    void prefixSearchAgainstNaiveScan() {
        Assumptions.assumeTrue(Boolean.getBoolean("caducee.bench"), "benchmark: -Dcaducee.bench=true");
        int size = Integer.getInteger("caducee.bench.patients", 100_000);
        Random random = new Random(20261123);
        try (Fixture store = Fixture.h2(dir)) {
            long t0 = System.nanoTime();
            List<Patient> batch = new ArrayList<>();
            List<Patient> sample = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                Patient p = randomPatient(random);
                batch.add(p);
                if (i % (size / 300) == 0) {
                    sample.add(p);
                }
                if (batch.size() == 10_000) {
                    store.patients.insertAll(batch);
                    batch.clear();
                }
            }
            store.patients.insertAll(batch);
            System.out.printf(Locale.ROOT, "[bench] %d patients inserted in %.1f s%n", store.patients.count(), (System.nanoTime() - t0) / 1e9);
            store.database.withConnection(c -> {
                c.createStatement().execute("ANALYZE");
                return null;
            });

            List<PatientQuery> withDate = new ArrayList<>();
            List<PatientQuery> nameOnly = new ArrayList<>();
            for (Patient p : sample) {
                String name = Names.searchKey(p.identity().displayName());
                String first = Names.searchKey(p.identity().displayFirstName());
                withDate.add(new PatientQuery(List.of(name.substring(0, Math.min(4, name.length()))), p.identity().traits().birthDate(), null, 50));
                nameOnly.add(new PatientQuery(List.of(name.substring(0, Math.min(5, name.length())), first.substring(0, Math.min(3, first.length()))),
                        null, null, 50));
            }
            explain(store, withDate.get(0));
            report("index  name(4)+birth date", withDate, q -> store.patients.search(q));
            report("naive  name(4)+birth date", withDate, q -> naive(store, q));
            report("naive  name(4)+birth date, no date index", withDate, q -> naive(store, q, false), 1);
            report("index  name(5)+first(3)  ", nameOnly, q -> store.patients.search(q));
            report("naive  name(5)+first(3)  ", nameOnly, q -> naive(store, q), 1);
        }
    }

    private static Patient randomPatient(Random r) {
        boolean female = r.nextBoolean();
        String[] firsts = female ? FIRST_F : FIRST_M;
        List<String> firstNames = new ArrayList<>();
        firstNames.add(firsts[r.nextInt(firsts.length)]);
        if (r.nextInt(3) == 0) {
            firstNames.add(firsts[r.nextInt(firsts.length)]);
        }
        LocalDate birth = LocalDate.of(1930, 1, 1).plusDays(r.nextInt(95 * 365));
        String used = female && r.nextInt(3) == 0 ? LAST[r.nextInt(LAST.length)] : null;
        Identity identity = Identity.provisional(new BirthTraits(LAST[r.nextInt(LAST.length)], firstNames, female ? Sex.FEMALE : Sex.MALE, birth,
                "75056"), used, null);
        return Patient.create(identity, null, null, null);
    }

    /** The same search as users would get from a schema without name keys: LIKE '%x%' on every name column. */
    private static List<String> naive(Fixture store, PatientQuery q) {
        return naive(store, q, true);
    }

    /** {@code dateIndex} false: the date is compared through an expression, as in a schema without a birth date index. */
    private static List<String> naive(Fixture store, PatientQuery q, boolean dateIndex) {
        StringBuilder sql = new StringBuilder("SELECT p.id, p.birth_name, p.used_name, p.birth_first_names FROM patient p WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        for (String prefix : q.namePrefixes()) {
            sql.append(" AND (p.birth_name LIKE ? OR p.used_name LIKE ? OR p.birth_first_names LIKE ? OR p.used_first_name LIKE ?)");
            for (int i = 0; i < 4; i++) {
                args.add("%" + prefix + "%");
            }
        }
        if (q.birthDate() != null) {
            sql.append(dateIndex ? " AND p.birth_date = ?" : " AND CAST(p.birth_date AS VARCHAR(10)) = CAST(? AS VARCHAR(10))");
            args.add(q.birthDate());
        }
        sql.append(" ORDER BY p.sort_name, p.sort_first_name, p.birth_date FETCH FIRST ").append(q.limit()).append(" ROWS ONLY");
        return store.database.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                for (int i = 0; i < args.size(); i++) {
                    ps.setObject(i + 1, args.get(i));
                }
                List<String> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(2));
                    }
                }
                return out;
            }
        });
    }

    private static void explain(Fixture store, PatientQuery q) {
        store.database.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("EXPLAIN SELECT DISTINCT k.patient_id, k.sort_name, k.sort_first_name, k.birth_date "
                    + "FROM patient_name_key k WHERE k.name_key >= ? AND k.name_key < ? AND k.birth_date = ? "
                    + "ORDER BY k.sort_name, k.sort_first_name, k.birth_date, k.patient_id FETCH FIRST 50 ROWS ONLY")) {
                String prefix = q.namePrefixes().get(0);
                ps.setString(1, prefix);
                ps.setString(2, prefix.substring(0, prefix.length() - 1) + (char) (prefix.charAt(prefix.length() - 1) + 1));
                ps.setObject(3, q.birthDate());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        System.out.println("[bench] plan: " + rs.getString(1).replaceAll("\\s+", " "));
                    }
                }
            }
            return null;
        });
    }

    private static void report(String label, List<PatientQuery> queries, Consumer<PatientQuery> search) {
        report(label, queries, search, 3);
    }

    private static void report(String label, List<PatientQuery> queries, Consumer<PatientQuery> search, int rounds) {
        for (int round = 0; round < Math.min(2, rounds); round++) {
            for (PatientQuery q : queries) {
                search.accept(q);
            }
        }
        long[] times = new long[queries.size() * rounds];
        int n = 0;
        for (int round = 0; round < rounds; round++) {
            for (PatientQuery q : queries) {
                long t = System.nanoTime();
                search.accept(q);
                times[n++] = System.nanoTime() - t;
            }
        }
        Arrays.sort(times);
        System.out.printf(Locale.ROOT, "[bench] %s: p50 %.2f ms, p95 %.2f ms, max %.2f ms (%d queries)%n", label, times[n / 2] / 1e6,
                times[(int) (n * 0.95)] / 1e6, times[n - 1] / 1e6, n);
    }
}
