package org.caducee.ins.qualification;

import java.time.Instant;
import java.time.Period;
import java.util.List;
import java.util.UUID;

import org.caducee.core.identity.BirthTraits;
import org.caducee.core.identity.IdentityDocumentCheck;
import org.caducee.core.patient.Patient;
import org.caducee.ins.insi.InsiResult;
import org.caducee.ins.insi.VitaleQuery;

/**
 * The identity qualification workflow of the DSR (SC.INS.*): automatic INSi calls, one-click validation, document
 * checks, doubtful identities, ApCV, INS history and periodic verification through the outbox. Every INSi call and
 * every status change is traced in the audit trail and posted on {@code org/caducee/patient/IDENTITY_STATUS_CHANGED}.
 * Methods block (network): never call them from the UI thread.
 */
public interface InsQualification {

    /** Outbox channel of the deferred INSi calls and verifications. */
    String CHANNEL = "insi";

    /** Identities récupérées or qualifiées are verified again after this period. */
    Period VERIFICATION_PERIOD = Period.ofYears(4);

    /** The record was opened: INSi by traits if the identity is neither récupérée nor qualifiée. */
    QualificationOutcome onRecordOpened(UUID patientId, String actor);

    /** The carte Vitale was read for this patient: INSi with the card first, then by traits. */
    QualificationOutcome onVitaleRead(UUID patientId, VitaleQuery vitale, String actor);

    /** One-click validation of a single INSi answer shown side by side: the INS is recovered. */
    Patient accept(UUID patientId, InsiResult result, String actor);

    /**
     * The identity form was saved: reference traits and used name / first name. RNIV rules: changing a reference trait
     * of an identity récupérée or qualifiée drops its INS (it stays in the INS history) and downgrades it (provisoire,
     * or validée when an identity document was checked); every change is traced (fields, never their values) and a
     * status change is posted. Returns the patient unchanged when nothing changed.
     *
     * @throws IllegalArgumentException with a French message when the patient is unknown
     * @throws RuntimeException         the store's French error when the record was changed meanwhile elsewhere
     */
    Patient updateIdentity(UUID patientId, BirthTraits traits, String usedName, String usedFirstName, String actor);

    /** A high-trust identity document was checked (validée, or qualifiée when the INS is already recovered). */
    Patient recordDocumentCheck(UUID patientId, IdentityDocumentCheck check, String actor);

    /** The identity is doubtful: back to provisoire, INS dropped (kept in the history). */
    Patient markDoubtful(UUID patientId, String actor);

    /** Identity delivered by the Appli carte Vitale: qualified at once. A null patient id creates the patient. */
    Patient receiveFromApcv(UUID patientId, ApcvIdentity identity, String actor);

    /** A new care event for the patient: a NIA matricule is verified again (queued in the outbox). */
    boolean onNewEvent(UUID patientId, String actor);

    /** The INS history of a patient, newest first. */
    List<InsHistoryEntry> history(UUID patientId);

    /** Identities whose verification is due at {@code now} (récupérée/qualifiée for 4 years). */
    List<VerificationDue> dueVerifications(Instant now);

    /** Queues every due verification in the outbox (idempotent); returns how many items were queued. */
    int queueDueVerifications(Instant now, String actor);

    /** Verifies one identity now with INSi (what the outbox handler runs). */
    QualificationOutcome verify(UUID patientId, String actor);
}
