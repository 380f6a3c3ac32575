package org.caducee.sandbox.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.caducee.core.identity.BirthTraits;
import org.caducee.core.identity.Identity;
import org.caducee.core.identity.IdentityDocumentCheck;
import org.caducee.core.identity.Ins;
import org.caducee.core.patient.Patient;
import org.caducee.core.patient.PatientQuery;
import org.caducee.core.patient.PatientRepository;
import org.caducee.core.practice.Practitioner;
import org.caducee.core.practice.PracticeRepository;
import org.caducee.core.practice.Structure;
import org.caducee.sandbox.DemoData;
import org.caducee.sandbox.DemoPractice;
import org.caducee.sandbox.internal.DemoCatalog.DemoPatient;
import org.caducee.security.AccountService;

/** Seeds the demo data set; idempotent: every item is looked up first and left untouched when present. */
public final class DemoSeeder implements DemoData {

    private static final System.Logger LOG = System.getLogger(DemoSeeder.class.getName());
    /** When the identity documents of the demo patients were "checked". */
    static final Instant CHECKED_AT = Instant.parse("2026-01-05T09:00:00Z");

    private final PatientRepository patients;
    private final PracticeRepository practice;
    private final AccountService accounts;

    public DemoSeeder(PatientRepository patients, PracticeRepository practice, AccountService accounts) {
        this.patients = patients;
        this.practice = practice;
        this.accounts = accounts;
    }

    @Override
    public synchronized SeedReport seed() {
        List<String> warnings = new ArrayList<>();
        int structuresCreated = 0;
        Structure structure = DemoCatalog.structure();
        if (practice.findStructure(structure.id()).isEmpty()) {
            practice.save(structure);
            structuresCreated++;
        }
        int practitionersCreated = 0;
        for (Practitioner practitioner : DemoCatalog.practitioners()) {
            if (practice.findPractitioner(practitioner.rpps()).isEmpty()) {
                practice.save(practitioner);
                practitionersCreated++;
            }
        }
        int created = 0;
        int present = 0;
        for (DemoPatient demo : DemoCatalog.patients()) {
            try {
                Patient patient = toPatient(demo);
                if (exists(patient)) {
                    present++;
                } else {
                    patients.save(patient);
                    created++;
                }
            } catch (RuntimeException e) {
                warnings.add(Messages.get("demo.patientFailed", demo.birthName(), demo.firstNames(), e.getMessage()));
            }
        }
        int accountsCreated = 0;
        for (DemoAccount account : DemoCatalog.accounts()) {
            try {
                if (accounts.find(account.login()).isPresent()) {
                    continue;
                }
                List<String> problems = accounts.passwordProblems(account.password());
                if (!problems.isEmpty()) {
                    warnings.add(Messages.get("demo.passwordRefused", account.login(), String.join(" ; ", problems)));
                    continue;
                }
                accounts.create(account.login(), account.displayName(), account.roles(), account.rpps(), account.password().toCharArray());
                accountsCreated++;
            } catch (RuntimeException e) {
                warnings.add(Messages.get("demo.accountFailed", account.login(), e.getMessage()));
            }
        }
        SeedReport report = new SeedReport(created, present, practitionersCreated, structuresCreated, accountsCreated, List.copyOf(warnings));
        LOG.log(System.Logger.Level.INFO, Messages.get("demo.seeded", created, present, practitionersCreated, accountsCreated));
        warnings.forEach(w -> LOG.log(System.Logger.Level.WARNING, w));
        return report;
    }

    @Override
    public List<DemoAccount> accounts() {
        return DemoCatalog.accounts();
    }

    private boolean exists(Patient patient) {
        Identity identity = patient.identity();
        if (identity.ins() != null && !patients.findByIns(identity.ins().number()).isEmpty()) {
            return true;
        }
        BirthTraits traits = identity.traits();
        PatientQuery query = new PatientQuery(List.of(traits.birthName(), traits.firstBirthFirstName()), traits.birthDate(), null, 50);
        return patients.search(query).stream().map(p -> p.identity().traits())
                .anyMatch(t -> t.birthName().equals(traits.birthName()) && t.birthDate().equals(traits.birthDate())
                        && t.birthFirstNames().equals(traits.birthFirstNames()) && t.sex() == traits.sex());
    }

    /** Builds the patient of a catalogue entry (package-private for tests). */
    static Patient toPatient(DemoPatient demo) {
        BirthTraits traits = BirthTraits.of(demo.birthName(), demo.firstNames(), demo.sex(), demo.birthDate(), demo.birthplace());
        Ins ins = demo.insNumber() == null ? null : new Ins(demo.insNumber(), demo.insKey(), demo.insType());
        IdentityDocumentCheck check = demo.status().hasDocumentCheck()
                ? new IdentityDocumentCheck(IdentityDocumentCheck.DocumentType.CARTE_IDENTITE, "secretaire", CHECKED_AT)
                : null;
        Identity identity = new Identity(traits, demo.usedName(), demo.usedFirstName(), ins, demo.status(), demo.attributes(), check);
        String doctor = demo.attributes().contains(org.caducee.core.identity.IdentityAttribute.FICTIVE) ? null : DemoPractice.DOCTOR_RPPS;
        return Patient.create(identity, demo.address(), demo.contact(), doctor);
    }
}
