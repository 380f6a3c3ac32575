package org.caducee.ins.matching;

import java.util.Objects;

/** A query sent to INSi and the answer it got. */
public record InsiAttempt(TraitsQuery query, InsiAnswer answer) {

    public InsiAttempt {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(answer, "answer");
    }
}
