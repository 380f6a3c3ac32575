package org.caducee.ins.cog;

import java.time.Duration;
import java.time.Instant;

/**
 * State of the local COG referential.
 *
 * @param state      see {@link State}
 * @param year       COG year of the data in the database (0 when none)
 * @param places     rows of codes with their periods (communes, countries, overseas)
 * @param events     rows of events on communes
 * @param lastImport duration of the last import run by this process, null when it did nothing
 * @param importedAt when the data in the database were imported
 * @param message    a French sentence for the user
 */
public record CogStatus(State state, int year, int places, int events, Duration lastImport, Instant importedAt, String message) {

    public enum State {
        /** The import has not finished yet. */
        IMPORTING,
        /** Data available. */
        READY,
        /** No data: the files were not found or could not be read. */
        UNAVAILABLE
    }

    public boolean ready() {
        return state == State.READY;
    }
}
