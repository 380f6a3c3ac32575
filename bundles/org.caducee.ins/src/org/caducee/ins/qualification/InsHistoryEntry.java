package org.caducee.ins.qualification;

import java.time.Instant;

import org.caducee.core.identity.Ins;

/** One matricule INSi returned for a patient: the active one or a previous one ({@code INSHISTO}). */
public record InsHistoryEntry(Ins ins, boolean active, Instant recordedAt) {
}
