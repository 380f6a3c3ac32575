package org.caducee.sandbox.internal;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.caducee.core.identity.IdentityAttribute;
import org.caducee.core.identity.IdentityStatus;
import org.caducee.core.identity.InsType;
import org.caducee.core.identity.Sex;
import org.caducee.core.patient.Address;
import org.caducee.core.patient.Contact;
import org.caducee.core.practice.Practitioner;
import org.caducee.core.practice.Structure;
import org.caducee.sandbox.DemoData.DemoAccount;
import org.caducee.sandbox.DemoPractice;
import org.caducee.security.Role;

/**
 * The demo data set. Sources: the CNDA INSi test identities (padoa/tlsi-ins fixtures, see
 * {@code research/services-specs.md} §1.4) and the patients of the ANS CDA examples ({@code VSM_1.4_2022.01.xml},
 * {@code CSE-CS24_2025.01.xml}); every other trait is invented. Matricules and keys are loaded exactly as published,
 * wrong keys included (HERMANN, and the CSE example's 221042545611404): the {@code Ins} record flags them.
 */
final class DemoCatalog {

    /** One demo patient; {@code insNumber} is null when no INS is known (status provisoire or validée). */
    record DemoPatient(String birthName, String firstNames, Sex sex, LocalDate birthDate, String birthplace, String usedName,
            String usedFirstName, String insNumber, String insKey, InsType insType, IdentityStatus status,
            Set<IdentityAttribute> attributes, Address address, Contact contact, String source) {
    }

    private static final Address BRETEUIL_28 = new Address("28 Avenue de Breteuil", "75007", "PARIS", "FRANCE");
    private static final Address BRETEUIL_24 = new Address("24 Avenue de Breteuil", "75007", "PARIS", "FRANCE");

    private DemoCatalog() {
    }

    static List<DemoPatient> patients() {
        return List.of(
                // ANS CDA examples (INS-NIR de test, OID .10), status qualifiée.
                p("PAT-TROIS", "DOMINIQUE MARIE-LOUISE", Sex.FEMALE, "1979-03-28", "51215", "PAT-TROIS", "DOMINIQUE",
                        "2790351215189", "89", InsType.NIR_TEST, IdentityStatus.QUALIFIEE, none(), BRETEUIL_28,
                        new Contact("0144534551", "0647151010", null), "ANS VSM_1.4_2022.01"),
                p("DECOURCY", "RUTH ISABELLE", Sex.FEMALE, "2021-04-25", "75056", "DECOURCY", "RUTH", "2210425456114", "04",
                        InsType.NIR_TEST, IdentityStatus.QUALIFIEE, none(), BRETEUIL_24, new Contact("0147150000", null, null),
                        "ANS CSE-CS24_2025.01"),
                // CNDA INSi test identities.
                p("ADRUN", "ZOE", Sex.FEMALE, "1975-12-31", "63220", null, null, "2751263220749", "74", InsType.NIR,
                        IdentityStatus.RECUPEREE, none(), new Address("12 rue Blatin", "63000", "CLERMONT-FERRAND", "FRANCE"),
                        new Contact(null, "0639980001", null), "CNDA INSi"),
                p("PROVISOIRE", "MATRICULE", Sex.MALE, "2009-07-01", "63220", null, null, "1090763220888", "35", InsType.NIA,
                        IdentityStatus.RECUPEREE, none(), null, null, "CNDA INSi 2.05 (NIA)"),
                p("CORSE", "ANTHONY", Sex.MALE, "1980-03-12", "2B020", null, null, "180032B020401", "23", InsType.NIR,
                        IdentityStatus.QUALIFIEE, none(), new Address("3 boulevard Paoli", "20200", "BASTIA", "FRANCE"),
                        new Contact(null, "0639980002", null), "CNDA INSi 2.08 cas 1"),
                p("HERMANN", "GATIEN", Sex.MALE, "1981-03-24", "63220", null, null, "1810363220456", "60", InsType.NIR,
                        IdentityStatus.RECUPEREE, none(), null, null, "CNDA INSi 2.08 cas 2 (clé publiée erronée)"),
                p("ECETINSI", "PIERRE-ALAIN", Sex.MALE, "1968-10-05", "69123", null, null, null, null, null,
                        IdentityStatus.PROVISOIRE, none(), null, null, "CNDA INSi 2.04"),
                p("DE VINCI", "LEONARDO", Sex.MALE, "1952-04-15", "99127", null, null, null, null, null, IdentityStatus.PROVISOIRE,
                        none(), null, null, "CNDA INSi"),
                p("ADRTROIS", "DOMINIQUE", Sex.FEMALE, "1997-02-26", "63113", null, null, null, null, null, IdentityStatus.VALIDEE,
                        none(), new Address("5 place de Jaude", "63000", "CLERMONT-FERRAND", "FRANCE"), null, "CNDA INSi"),
                p("ADRTROIS", "TOUSSAINT", Sex.MALE, "1995-11-01", "63113", null, null, null, null, null, IdentityStatus.PROVISOIRE,
                        none(), null, null, "CNDA INSi"),
                p("NESSI", "MICHELANGELO", Sex.MALE, "1947-03-06", "99127", null, null, null, null, null, IdentityStatus.PROVISOIRE,
                        EnumSet.of(IdentityAttribute.DOUTEUSE), null, null, "CNDA INSi (identité douteuse)"),
                // Invented patients.
                p("MARTIN", "JEAN PAUL", Sex.MALE, "1962-05-14", "75056", null, null, null, null, null, IdentityStatus.VALIDEE,
                        EnumSet.of(IdentityAttribute.HOMONYME), new Address("14 rue de la Roquette", "75011", "PARIS", "FRANCE"),
                        new Contact("0199000101", null, null), "démo (homonyme)"),
                p("MARTIN", "JEAN", Sex.MALE, "1962-05-14", "13055", null, null, null, null, null, IdentityStatus.PROVISOIRE,
                        EnumSet.of(IdentityAttribute.HOMONYME), new Address("2 rue Paradis", "13001", "MARSEILLE", "FRANCE"), null,
                        "démo (homonyme)"),
                p("FICTIF", "PATIENT", Sex.UNDETERMINED, "1990-01-01", "99999", "TEST", "PATIENT", null, null, null,
                        IdentityStatus.PROVISOIRE, EnumSet.of(IdentityAttribute.FICTIVE), null, null, "démo (identité fictive)"),
                p("BERNARD", "CAMILLE", Sex.FEMALE, "1988-07-19", "33063", "LEFEBVRE", null, null, null, null, IdentityStatus.VALIDEE,
                        none(), new Address("8 cours de l'Intendance", "33000", "BORDEAUX", "FRANCE"),
                        new Contact(null, "0639980003", "camille.lefebvre@example.org"), "démo"),
                p("PETIT", "LUCAS", Sex.MALE, "2015-09-02", "75056", null, null, null, null, null, IdentityStatus.PROVISOIRE, none(),
                        new Address("30 rue Oberkampf", "75011", "PARIS", "FRANCE"), null, "démo (enfant)"),
                p("DUBOIS", "Éloïse", Sex.FEMALE, "1992-02-29", "69123", null, null, null, null, null, IdentityStatus.VALIDEE, none(),
                        new Address("1 place Bellecour", "69002", "LYON", "FRANCE"), new Contact(null, "0639980004", null), "démo"),
                p("LE GALL", "YANNICK", Sex.MALE, "1970-06-21", "29019", null, null, null, null, null, IdentityStatus.PROVISOIRE,
                        none(), null, null, "démo"),
                p("N'DIAYE", "AMINATA", Sex.FEMALE, "1985-12-03", "99341", null, null, null, null, null, IdentityStatus.VALIDEE,
                        none(), null, new Contact(null, "0639980005", null), "démo (née à l'étranger)"),
                p("MOREAU", "LOUISE MARIE", Sex.FEMALE, "1934-01-30", "75056", "GIRARD", null, null, null, null,
                        IdentityStatus.VALIDEE, none(), new Address("6 avenue Mozart", "75016", "PARIS", "FRANCE"),
                        new Contact("0199000102", null, null), "démo"),
                p("GARCIA", "HUGO", Sex.MALE, "2019-08-11", "31555", null, null, null, null, null, IdentityStatus.PROVISOIRE, none(),
                        null, null, "démo (enfant)"),
                p("ROUX", "MANON", Sex.FEMALE, "2003-04-17", "59350", null, null, null, null, null, IdentityStatus.PROVISOIRE, none(),
                        null, null, "démo"),
                p("FONTAINE", "GABRIEL", Sex.MALE, "1957-11-25", "99999", null, null, null, null, null, IdentityStatus.PROVISOIRE,
                        none(), null, null, "démo (lieu de naissance inconnu)"),
                p("NGUYEN", "THI HOA", Sex.FEMALE, "1966-05-08", "99243", null, null, null, null, null, IdentityStatus.VALIDEE, none(),
                        null, null, "démo (née à l'étranger)"),
                p("DUPONT-MOREL", "ARTHUR", Sex.MALE, "2025-02-14", "75056", null, null, null, null, null, IdentityStatus.PROVISOIRE,
                        none(), new Address("30 rue Oberkampf", "75011", "PARIS", "FRANCE"), null, "démo (nourrisson)"));
    }

    static List<Practitioner> practitioners() {
        return List.of(
                new Practitioner(DemoPractice.DOCTOR_RPPS, DemoPractice.DOCTOR_LAST_NAME, DemoPractice.DOCTOR_FIRST_NAME, "10", "SM54",
                        "sophie.durand@caducee-demo.mssante.fr"),
                new Practitioner(DemoPractice.SECOND_DOCTOR_RPPS, "LEFEBVRE", "MARC", "10", "SM54", "marc.lefebvre@caducee-demo.mssante.fr"),
                new Practitioner(DemoPractice.NURSE_RPPS, "BLANC", "JULIE", "60", null, "julie.blanc@caducee-demo.mssante.fr"));
    }

    static Structure structure() {
        return new Structure(DemoPractice.STRUCTURE_ID, DemoPractice.STRUCTURE_NAME, DemoPractice.STRUCTURE_FINESS,
                DemoPractice.STRUCTURE_SIRET, DemoPractice.STRUCTURE_SECTOR);
    }

    static List<DemoAccount> accounts() {
        return List.of(
                new DemoAccount("medecin", "Stethoscope-Bleu-2026", "Dr Sophie DURAND", Set.of(Role.MEDECIN), DemoPractice.DOCTOR_RPPS),
                new DemoAccount("secretaire", "Agenda-Du-Matin-2026", "Claire MARCHAND (secrétariat)", Set.of(Role.SECRETAIRE), null),
                new DemoAccount("admin", "Cle-De-Voute-2026!", "Administrateur de démonstration", Set.of(Role.ADMINISTRATEUR), null));
    }

    private static Set<IdentityAttribute> none() {
        return Set.of();
    }

    private static DemoPatient p(String birthName, String firstNames, Sex sex, String birthDate, String birthplace, String usedName,
            String usedFirstName, String insNumber, String insKey, InsType insType, IdentityStatus status, Set<IdentityAttribute> attributes,
            Address address, Contact contact, String source) {
        return new DemoPatient(birthName, firstNames, sex, LocalDate.parse(birthDate), birthplace, usedName, usedFirstName, insNumber,
                insKey, insType, status, attributes, address, contact, source);
    }
}
