package org.caducee.ins.qualification;

import java.time.Instant;
import java.util.UUID;

/** A patient whose INS must be verified again with INSi, and why. */
public record VerificationDue(UUID patientId, String matricule, boolean nia, Instant lastVerified, String reason) {
}
