package org.caducee.xds;

import java.util.List;

/**
 * An XDS author (classification {@code urn:uuid:93606bcf…} on a DocumentEntry, {@code urn:uuid:a7058bb9…} on a
 * SubmissionSet), values in their HL7 v2 forms: authorPerson XCN
 * ({@code 801234567897^MULLER^Charles^^^^^^&1.2.250.1.71.4.2.1&ISO^D^^^IDNPS}), authorInstitution XON
 * ({@code Name^^^^^&1.2.250.1.71.4.2.2&ISO^IDNST^^^id}), authorRole and authorSpecialty
 * ({@code code^display^codingScheme}).
 */
public record XdsAuthor(String person, List<String> institutions, List<String> roles, List<String> specialties) {

    public XdsAuthor {
        institutions = institutions == null ? List.of() : List.copyOf(institutions);
        roles = roles == null ? List.of() : List.copyOf(roles);
        specialties = specialties == null ? List.of() : List.copyOf(specialties);
    }
}
