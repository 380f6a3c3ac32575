package org.caducee.ins.cog;

import java.util.Objects;
import java.util.Optional;

/**
 * Answer about one COG code. Never an exception: a code INSi returns that the referential lacks is a normal answer
 * ({@link Result#UNKNOWN_CODE}) and the code may still be stored as received.
 *
 * @param result  what was found
 * @param code    the code asked (upper case, trimmed)
 * @param place   the code as it was at the date asked (or its nearest period when {@link Result#NOT_VALID_AT_DATE});
 *                null when unknown
 * @param current today's code that took over (itself when still in force; null when the code ended without
 *                successor or is unknown)
 * @param message a French sentence for the user
 */
public record CogLookup(Result result, String code, CogPlace place, CogPlace current, String message) {

    /** What the referential says about a code. */
    public enum Result {
        /** Valid at the date asked. */
        FOUND,
        /** The code exists but not at the date asked; {@code place} is its nearest period. */
        NOT_VALID_AT_DATE,
        /** 99999, "INCONNU": allowed, never prefilled. */
        UNKNOWN_BIRTHPLACE,
        /** Well-formed code absent from the referential: accept it as received. */
        UNKNOWN_CODE,
        /** Not a COG code (5 characters: digits, or 2A/2B + 3 digits). */
        INVALID_CODE,
        /** The referential is not (yet) imported. */
        REFERENTIAL_UNAVAILABLE
    }

    public CogLookup {
        Objects.requireNonNull(result, "result");
    }

    public Optional<CogPlace> placeOptional() {
        return Optional.ofNullable(place);
    }

    public Optional<CogPlace> currentOptional() {
        return Optional.ofNullable(current);
    }

    /** True when the code is in force today under another code or name (merged, renamed, recoded). */
    public boolean changedSince() {
        return place != null && current != null && (!place.code().equals(current.code()) || !place.name().equals(current.name()));
    }
}
