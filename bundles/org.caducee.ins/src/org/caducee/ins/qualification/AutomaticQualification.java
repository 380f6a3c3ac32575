package org.caducee.ins.qualification;

import java.util.Optional;
import java.util.UUID;

/**
 * The DSR's automatic INSi call when a record opens (SC.INS: identity neither récupérée nor qualifiée), run outside
 * the user interface. The service listens on {@code CaduceeTopics.PATIENT_OPENED} (posted by the workbench), runs
 * {@link InsQualification#onRecordOpened} on its own worker thread (never on the event thread), keeps the latest
 * outcome per patient (the INSi calls and status changes are traced by {@link InsQualification}) and posts
 * {@link #TOPIC_DONE} with the patient id when the outcome is there. A record opened again while its call runs is not
 * called twice.
 */
public interface AutomaticQualification {

    /** Posted when an automatic call finished; property {@code patientId}, and {@code kind} (a {@link QualificationOutcome.Kind}). */
    String TOPIC_DONE = "org/caducee/ins/AUTOMATIC_QUALIFICATION_DONE";

    /** Property of {@link #TOPIC_DONE}: the outcome kind. */
    String PROP_KIND = "kind";

    /** Starts the automatic call for this patient in the background (what the record-opened event does); false when one is running already. */
    boolean request(UUID patientId, String actor);

    /** True while the automatic call for this patient runs. */
    boolean running(UUID patientId);

    /** The outcome of the latest automatic call for this patient, if any since start. */
    Optional<QualificationOutcome> latest(UUID patientId);
}
