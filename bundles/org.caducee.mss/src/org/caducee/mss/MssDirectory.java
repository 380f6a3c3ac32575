package org.caducee.mss;

import java.util.List;

/**
 * Who has which MSSanté mailbox: the Annuaire Santé FHIR API ({@code ESANTE-API-KEY}) when it is configured and
 * answers, otherwise the last imported public extract of MSSanté mailboxes ({@link MssDirectoryExtract}). Every field
 * is returned so that the user picks the right person; {@link Answer#source()} says where the answer came from.
 */
public interface MssDirectory {

    /**
     * Search criteria; null or blank fields are ignored. The online directory needs a name or an RPPS number; the
     * offline extract accepts any criterion. Names, cities and organisations match from their start, profession and
     * specialty anywhere, accents and case ignored.
     */
    record Query(String name, String firstName, String rpps, String city, String postalCode, String mailboxType, String profession, String specialty,
            String organisation) {

        public Query(String name, String firstName, String rpps, String city, String postalCode, String mailboxType) {
            this(name, firstName, rpps, city, postalCode, mailboxType, null, null, null);
        }

        /** True when no criterion is given. */
        public boolean isEmpty() {
            for (String s : new String[] { name, firstName, rpps, city, postalCode, mailboxType, profession, specialty, organisation }) {
                if (s != null && !s.isBlank()) {
                    return false;
                }
            }
            return true;
        }
    }

    /** One mailbox of one practitioner role. {@code mailboxType} is PER, ORG, APP or CAB (TRE_R257). */
    record Entry(String rpps, String lastName, String firstName, String profession, String specialty, String organisation, String city,
            String postalCode, String mailbox, String mailboxType) {
    }

    /**
     * The entries found and where they come from, in French for the user: "Annuaire Santé (API FHIR)" or "annuaire
     * hors ligne, extraction du 26/08/2026" (with, before it, why the online directory was not used).
     */
    record Answer(List<Entry> entries, String source, boolean offline) {
    }

    /** Searches the online directory, or the offline extract when the API is not configured or does not answer. */
    Answer find(Query query) throws MssException;

    /** The entries of {@link #find(Query)}. */
    default List<Entry> search(Query query) throws MssException {
        return find(query).entries();
    }
}
