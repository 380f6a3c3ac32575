package org.caducee.sandbox.insi.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.caducee.core.identity.BirthTraits;
import org.caducee.core.identity.Ins;
import org.caducee.core.identity.InsType;
import org.caducee.core.identity.Sex;
import org.caducee.core.text.Names;

/**
 * The simulator's RNIV: the CNDA-like test persons of the CNAM qualification environment (ADRUN ZOE, PROVISOIRE
 * MATRICULE (NIA), CORSE ANTHONY (2B), HERMANN GATIEN (matricule history, published keys that fail mod 97)…) and the
 * sandbox demo patients. Nobody is called TCHITCHI OLA or HOUILLES PIERRE: those searches answer 01. The two MARTIN
 * JEAN born the same day answer 02 until the birthplace is given.
 */
final class InsiPersons {

    record Person(Ins ins, List<Ins> history, BirthTraits traits) {
    }

    private final List<Person> persons = new ArrayList<>();

    InsiPersons() {
        add("2751263220749", "74", InsType.NIR, "ADRUN", "ZOE", Sex.FEMALE, "1975-12-31", "63220");
        add("1090763220888", "35", InsType.NIA, "PROVISOIRE", "MATRICULE", Sex.MALE, "2009-07-01", "63220");
        add("180032B020401", "23", InsType.NIR, "CORSE", "ANTHONY", Sex.MALE, "1980-03-12", "2B020");
        persons.add(new Person(new Ins("1810363220456", "60", InsType.NIR), List.of(new Ins("2810363220456", "10", InsType.NIR)),
                BirthTraits.of("HERMANN", "GATIEN", Sex.MALE, LocalDate.parse("1981-03-24"), "63220")));
        // CNDA 2.04: hyphenated first name, two previous matricules (fixture TEST_2.04_cas2)
        persons.add(new Person(new Ins("1090763220834", "89", InsType.NIR),
                List.of(new Ins("2090763220834", "39", InsType.NIR), new Ins("2090663220123", "55", InsType.NIR)),
                BirthTraits.of("ECETINSI", "PIERRE-ALAIN MURIEL FLORIANT", Sex.MALE, LocalDate.parse("2009-07-14"), "63220")));
        add("1681069123045", "07", InsType.NIR, "ECETINSI", "PIERRE-ALAIN", Sex.MALE, "1968-10-05", "69123");
        add("2970263113012", "67", InsType.NIR, "ADRTROIS", "DOMINIQUE", Sex.FEMALE, "1997-02-26", "63113");
        add("1951163113027", "53", InsType.NIR, "ADRTROIS", "TOUSSAINT", Sex.MALE, "1995-11-01", "63113");
        add("1520499127101", "97", InsType.NIR, "DE VINCI", "LEONARDO", Sex.MALE, "1952-04-15", "99127");
        add("1470399127088", "48", InsType.NIR, "NESSI", "MICHELANGELO", Sex.MALE, "1947-03-06", "99127");
        add("2790351215189", "89", InsType.NIR_TEST, "PAT-TROIS", "DOMINIQUE MARIE-LOUISE", Sex.FEMALE, "1979-03-28", "51215");
        add("2210425456114", "04", InsType.NIR_TEST, "DECOURCY", "RUTH ISABELLE", Sex.FEMALE, "2021-04-25", "75056");
        add("1620575056123", "51", InsType.NIR, "MARTIN", "JEAN PAUL", Sex.MALE, "1962-05-14", "75056");
        add("1620513055044", "88", InsType.NIR, "MARTIN", "JEAN", Sex.MALE, "1962-05-14", "13055");
        add("1120175056001", "37", InsType.NIR, "NOUVEAU", "LUCAS", Sex.MALE, "2012-01-20", "75056");
    }

    private void add(String number, String key, InsType type, String name, String firstNames, Sex sex, String date, String place) {
        persons.add(new Person(new Ins(number, key, type), List.of(), BirthTraits.of(name, firstNames, sex, LocalDate.parse(date), place)));
    }

    /** Search by traits: birth name, sex and date exact after normalisation; first name alone or full list; COG when given. */
    List<Person> byTraits(String birthName, List<String> firstNames, String sex, String birthDate, String birthplace) {
        String name = Names.normalize(birthName == null ? "" : birthName);
        List<Person> out = new ArrayList<>();
        for (Person p : persons) {
            BirthTraits t = p.traits();
            if (!t.birthName().equals(name) || !t.sex().code().equals(sex) || !t.birthDate().toString().equals(birthDate)) {
                continue;
            }
            if (birthplace != null && !birthplace.isBlank() && !birthplace.trim().equalsIgnoreCase(t.birthplaceCode())) {
                continue;
            }
            boolean firstOk = firstNames.isEmpty() || firstNames.stream().map(Names::normalize)
                    .allMatch(f -> t.birthFirstNames().contains(f) || f.equals(t.firstNamesList()));
            if (firstOk) {
                out.add(p);
            }
        }
        return out;
    }

    /** Search with the carte Vitale: the NIR of the beneficiary (active or previous matricule), birth date unless lunar. */
    List<Person> byVitale(String nir, String birthName, String birthDate) {
        List<Person> out = new ArrayList<>();
        for (Person p : persons) {
            boolean nirOk = p.ins().number().equalsIgnoreCase(nir) || p.history().stream().anyMatch(h -> h.number().equalsIgnoreCase(nir));
            boolean dateOk = birthDate == null || birthDate.contains("-00") || p.traits().birthDate().toString().equals(birthDate);
            boolean nameOk = birthName == null || birthName.isBlank() || p.traits().birthName().equals(Names.normalize(birthName));
            if (nirOk && dateOk && nameOk) {
                out.add(p);
            }
        }
        return out;
    }

    Optional<Person> byNir(String nir) {
        return persons.stream().filter(p -> p.ins().number().equalsIgnoreCase(nir)).findFirst();
    }
}
