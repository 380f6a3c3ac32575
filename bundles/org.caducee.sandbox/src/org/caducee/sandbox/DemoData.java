package org.caducee.sandbox;

import java.util.List;
import java.util.Set;

import org.caducee.security.Role;

/**
 * Demo data of the sandbox: patients (among them the CNDA INSi test identities and the patients of the ANS CDA
 * examples), practitioners, the demo structure and the demo user accounts. Seeded automatically once when the
 * installation runs in sandbox mode; seeding is idempotent (what already exists is left untouched).
 */
public interface DemoData {

    /** A demo user account with its public demo password. */
    record DemoAccount(String login, String password, String displayName, Set<Role> roles, String rpps) {
    }

    /** What one seeding run did. */
    record SeedReport(int patientsCreated, int patientsPresent, int practitionersCreated, int structuresCreated,
            int accountsCreated, List<String> warnings) {
    }

    /** Seeds whatever is missing. */
    SeedReport seed();

    /** The demo accounts (logins and passwords are documented for demonstrations; never use them in production). */
    List<DemoAccount> accounts();
}
