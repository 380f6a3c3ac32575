package org.caducee.cda.write;

import java.util.Objects;

import org.caducee.cda.CodedValue;
import org.caducee.core.practice.Practitioner;
import org.caducee.core.practice.Structure;

/**
 * Who writes the document and where: the author is also the legal authenticator and the performer of the act; the
 * structure is the custodian and the represented organization.
 *
 * @param role             author role (TRE_G15 profession / TRE_R38 specialty, e.g. {@code G15_10/SM26})
 * @param practiceSetting  TRE_A00 / JDV_J04 practice setting (e.g. {@code AMBULATOIRE})
 * @param facilityType     JDV_J02 healthcare facility type (e.g. {@code SA07} "Cabinet individuel")
 */
public record CdaAuthorship(Practitioner author, CodedValue role, Structure structure, CodedValue practiceSetting,
        CodedValue facilityType) {

    public CdaAuthorship {
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(structure, "structure");
        Objects.requireNonNull(practiceSetting, "practiceSetting");
        Objects.requireNonNull(facilityType, "facilityType");
    }

    /** Médecin qualifié en médecine générale, exercice ambulatoire en cabinet individuel. */
    public static CdaAuthorship generalPractitioner(Practitioner author, Structure structure) {
        return new CdaAuthorship(author,
                new CodedValue("G15_10/SM26", "1.2.250.1.213.1.1.4.5", "Médecin - Qualifié en Médecine Générale (SM)"),
                structure, new CodedValue("AMBULATOIRE", "1.2.250.1.213.1.1.4.9", "Ambulatoire"),
                new CodedValue("SA07", "1.2.250.1.71.4.2.4", "Cabinet individuel"));
    }
}
