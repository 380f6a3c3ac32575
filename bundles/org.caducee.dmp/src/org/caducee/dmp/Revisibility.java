package org.caducee.dmp;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.Objects;

/**
 * The DMP's automatic re-visibility (DSR §3.2.3): a document sent invisible to the patient becomes visible to him or
 * her {@link #DELAY} after it was sent, the patient being told {@link #NOTICE} after the sending that a document awaits
 * an announcement consultation. The same rule drives the local DMP and what the record shows the GP, who plans the
 * announcement consultation before the date.
 */
public final class Revisibility {

    /** Sent → visible to the patient. */
    public static final Period DELAY = Period.ofMonths(3);
    /** Sent → the patient is told that a document invisible to him or her is in the DMP. */
    public static final Period NOTICE = Period.ofMonths(1);

    private final ZoneId zone;

    public Revisibility(ZoneId zone) {
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    /** The moment the DMP makes a document sent at {@code sent} visible to the patient. */
    public Instant visibleAt(Instant sent) {
        return sent.atZone(zone).plus(DELAY).toInstant();
    }

    /** The day the DMP makes a document sent at {@code sent} visible to the patient. */
    public LocalDate visibleOn(Instant sent) {
        return LocalDate.ofInstant(visibleAt(sent), zone);
    }

    /** The moment the DMP tells the patient about a document sent invisible at {@code sent}. */
    public Instant patientToldAt(Instant sent) {
        return sent.atZone(zone).plus(NOTICE).toInstant();
    }

    /** True when the document becomes visible to the patient in less than a month from {@code today} (or already did). */
    public boolean soon(LocalDate visibleOn, LocalDate today) {
        return today.isAfter(visibleOn.minus(NOTICE));
    }
}
