package org.caducee.cda;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.caducee.core.identity.Ins;
import org.caducee.core.identity.Sex;

/**
 * The patient of {@code recordTarget/patientRole}.
 *
 * @param ins                 the INS when an id carries one of the INS OIDs (NIR, NIA, test, demo) with a valid
 *                            matricule, else {@code null}
 * @param otherIds            every other id (IPP, NIR as social-security number {@code 1.2.250.1.213.1.4.13}…)
 * @param birthName           family name qualified {@code BR} (nom de naissance)
 * @param birthGivenNames     the list of given names of the birth certificate (given without qualifier)
 * @param firstBirthGivenName given name qualified {@code BR} (premier prénom de l'acte de naissance)
 * @param usedFamilyName      family name qualified {@code CL} (nom utilisé), may be {@code null}
 * @param usedGivenName       given name qualified {@code CL} (prénom utilisé), may be {@code null}
 * @param sex                 administrative gender, may be {@code null}
 * @param birthDate           birth date, may be {@code null}
 * @param birthPlaceCode      INSEE code of the birthplace ({@code birthplace/place/addr/county}), may be {@code null}
 */
public record CdaPatient(Ins ins, List<InstanceId> otherIds, String birthName, String birthGivenNames,
        String firstBirthGivenName, String usedFamilyName, String usedGivenName, Sex sex, LocalDate birthDate,
        String birthPlaceCode) {

    public CdaPatient {
        otherIds = List.copyOf(otherIds);
    }

    public Optional<Ins> insOptional() {
        return Optional.ofNullable(ins);
    }
}
