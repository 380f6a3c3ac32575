package org.caducee.ins.cog;

import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * The INSEE Code officiel géographique with its history since 1943: communes (with their renamings, mergers and code
 * changes), municipal arrondissements, overseas collectivities and former territories, countries. Imported from the
 * INSEE CSV files of the configured directory ({@code ins.cog.dir} setting, else {@code caducee.cog.dir}, else
 * {@code <dataDir>/ref/insee-cog}) in the background; re-importing the same year does nothing, a newer year replaces.
 * <p>
 * Every method does database I/O: call it from a job, never from the UI thread. Queries made while the import runs
 * wait for it.
 */
public interface CogReferential {

    /** COG code of an unknown birthplace. */
    String UNKNOWN_CODE = "99999";

    /** The explicit choice "birthplace unknown" (INCONNU, 99999). Offer it; never prefill it. */
    CogPlace UNKNOWN_BIRTHPLACE = new CogPlace(UNKNOWN_CODE, "INCONNU", CogPlaceKind.UNKNOWN, null, null, null, null);

    /** Current state, without waiting. */
    CogStatus status();

    /** Completes when the background import is over (successfully or not). */
    CompletionStage<CogStatus> ready();

    /**
     * Imports the files now if they are newer than the data (blocking; the CLI and tests use it).
     *
     * @return the state afterwards
     */
    CogStatus importNow();

    /**
     * The code as it was at {@code date} (today when null), with today's successor. Never throws for a code INSi may
     * return: an unknown code gives {@link CogLookup.Result#UNKNOWN_CODE}.
     */
    CogLookup lookup(String code, LocalDate date);

    /**
     * Places whose name starts with {@code text} (accents, case, hyphens, apostrophes and the article ignored; "ST" and
     * "SAINT", "STE" and "SAINTE" equivalent), countries included; or the place of a code when {@code text} is one.
     * Restricted to the places valid at {@code date} when not null. Exact names first, then places in force, then
     * alphabetical. "INCONNU" is returned only when asked for by name.
     */
    List<CogLookup> search(String text, LocalDate date, int limit);

    /** Events on a commune code (as before or after), oldest first. */
    List<CogEvent> events(String code);
}
