package org.caducee.dmp;

import java.util.Optional;
import java.util.UUID;

import org.caducee.core.care.Consent;

/**
 * The DMP for the record: the DICA checklist (with the existence test when it can be sent), the patient's choices
 * per care episode, the individual authorisation that follows the consent (queued in the outbox, renewed every six
 * months while the episode lasts) and the professional's information notice. Methods that talk to the DMP block: call
 * them from a job, never from the UI thread.
 */
public interface DmpService {

    /** The DICA of the patient now, for the access mode chosen by the user. */
    Dica dica(UUID patientId, AccessMode mode);

    /** The choices recorded for the patient's current care episode (empty when none was recorded). */
    Optional<Consent> consent(UUID patientId);

    /**
     * Records the patient's choices for the current care episode, opened today when there is none (traced); when the
     * consent to consultation is given and an authorisation is due, queues it in the outbox (channel
     * {@value #AUTHORIZATION_CHANNEL}).
     */
    Consent recordConsent(UUID patientId, boolean informed, boolean feedingOpposed, boolean consultationAllowed,
            String recordedBy);

    /** True when the information notice must be shown to {@code login} before the next DMP access. */
    boolean informationNoticeDue(String login);

    /** Records (and traces) that {@code login} read the notice and ticked "J’ai compris". */
    void acknowledgeInformationNotice(String login);

    /** Outbox channel of the individual authorisations (TD0.3). */
    String AUTHORIZATION_CHANNEL = "dmp.habilitation";
}
