package org.caducee.cda.write;

import java.time.OffsetDateTime;
import java.util.Objects;

import org.caducee.cda.CodedValue;
import org.caducee.cda.InstanceId;

/**
 * The main act the document records (documentationOf/serviceEvent) and its encounter (componentOf).
 *
 * @param code          act code, or {@code null} for the document type
 * @param start         act start
 * @param end           act end, or {@code null}
 * @param encounterId   encounter id
 * @param encounterCode HL7 ActCode of the encounter (e.g. {@code AMB})
 */
public record CdaAct(CodedValue code, OffsetDateTime start, OffsetDateTime end, InstanceId encounterId, CodedValue encounterCode) {

    public CdaAct {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(encounterId, "encounterId");
        encounterCode = encounterCode == null
                ? new CodedValue("AMB", "2.16.840.1.113883.5.4", "Ambulatoire (hors établissement)") : encounterCode;
    }

    public static CdaAct ambulatory(OffsetDateTime start, InstanceId encounterId) {
        return new CdaAct(null, start, null, encounterId, null);
    }
}
