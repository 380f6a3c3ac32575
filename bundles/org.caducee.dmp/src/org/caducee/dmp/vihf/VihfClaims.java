package org.caducee.dmp.vihf;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

import org.caducee.dmp.AccessMode;

/**
 * What a VIHF asserts (names and formats of the DMP VIHF v3.0 attributes).
 *
 * @param nationalId professional's national id ({@code 8} + RPPS), the SAML {@code NameID}
 * @param displayName "NOM Prénom" of the professional ({@code subject-id})
 * @param professionCode profession code (TRE_G15, code system {@value #PROFESSION_SYSTEM}), e.g. {@code 10} médecin
 * @param specialtyCode specialty (TRE_R38, code system {@value #SPECIALTY_SYSTEM}) for doctors and pharmacists
 * @param structureId structure identifier in its IDNST form (type prefix + number, e.g. {@code 3}+SIRET)
 * @param activitySector sector of activity (JDV_J61, code system {@value #SECTOR_SYSTEM}), e.g. {@code SA07}
 * @param patientInsResource patient resource id {@code INS^^^&OID&ISO^NH}
 * @param accessMode purpose of use (normal, bris de glace, centre 15)
 * @param authenticationMode how the professional was authenticated
 * @param lpsId software identifier, {@code lpsName}, {@code lpsVersion}, {@code dmpHomologation} its DMP number
 * @param validity lifetime of the assertion
 * @param authenticationContext the credential behind the assertion ({@code AuthnContextClassRef})
 */
public record VihfClaims(String nationalId, String displayName, String professionCode, Optional<String> specialtyCode,
        String structureId, String activitySector, String patientInsResource, AccessMode accessMode,
        AuthenticationMode authenticationMode, String lpsId, String lpsName, String lpsVersion, String dmpHomologation,
        Duration validity, AuthenticationContext authenticationContext) {

    /** TRE_G15 profession. */
    public static final String PROFESSION_SYSTEM = "1.2.250.1.71.1.2.7";
    /** TRE_R38 specialty. */
    public static final String SPECIALTY_SYSTEM = "1.2.250.1.71.4.2.5";
    /** JDV_J61 sector of activity. */
    public static final String SECTOR_SYSTEM = "1.2.250.1.71.4.2.4";
    /** The VIHF version these claims follow. */
    public static final String VERSION = "3.0";

    public VihfClaims {
        Objects.requireNonNull(nationalId, "nationalId");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(professionCode, "professionCode");
        Objects.requireNonNull(specialtyCode, "specialtyCode");
        Objects.requireNonNull(structureId, "structureId");
        Objects.requireNonNull(activitySector, "activitySector");
        Objects.requireNonNull(patientInsResource, "patientInsResource");
        Objects.requireNonNull(accessMode, "accessMode");
        Objects.requireNonNull(authenticationMode, "authenticationMode");
        Objects.requireNonNull(lpsId, "lpsId");
        Objects.requireNonNull(lpsName, "lpsName");
        Objects.requireNonNull(lpsVersion, "lpsVersion");
        Objects.requireNonNull(dmpHomologation, "dmpHomologation");
        Objects.requireNonNull(validity, "validity");
        Objects.requireNonNull(authenticationContext, "authenticationContext");
    }

    /** Claims with the usual credential of the mode ({@link AuthenticationContext#usual}). */
    public VihfClaims(String nationalId, String displayName, String professionCode, Optional<String> specialtyCode,
            String structureId, String activitySector, String patientInsResource, AccessMode accessMode,
            AuthenticationMode authenticationMode, String lpsId, String lpsName, String lpsVersion, String dmpHomologation,
            Duration validity) {
        this(nationalId, displayName, professionCode, specialtyCode, structureId, activitySector, patientInsResource, accessMode,
                authenticationMode, lpsId, lpsName, lpsVersion, dmpHomologation, validity, AuthenticationContext.usual(authenticationMode));
    }

    /** The patient resource id of an INS: {@code matricule^^^&oid&ISO^NH}. */
    public static String insResource(String matricule, String oid) {
        return matricule + "^^^&" + oid + "&ISO^NH";
    }
}
