package org.caducee.mss;

import java.util.List;

/**
 * The national health directory (Annuaire Santé FHIR API, {@code ESANTE-API-KEY}): who has which MSSanté mailbox.
 * Every field is returned so that the user picks the right person. Results are cached for a while.
 */
public interface MssDirectory {

    /** Search criteria; null or blank fields are ignored. At least one of name, RPPS or mailbox is required. */
    record Query(String name, String firstName, String rpps, String city, String postalCode, String mailboxType) {
    }

    /** One mailbox of one practitioner role. {@code mailboxType} is PER, ORG, APP or CAB (TRE_R257). */
    record Entry(String rpps, String lastName, String firstName, String profession, String specialty, String organisation, String city,
            String postalCode, String mailbox, String mailboxType) {
    }

    List<Entry> search(Query query) throws MssException;
}
