package org.caducee.dmp;

import java.util.Objects;
import java.util.Optional;

import org.caducee.core.care.Consent;
import org.caducee.dmp.vihf.AuthenticationContext;
import org.caducee.dmp.vihf.AuthenticationMode;

/**
 * Who asks what for whom: the patient's INS (qualified), the professional behind the call, the access mode and the
 * consent of the current care episode, which the client hands to the {@link ConsentGate} before anything leaves.
 *
 * @param insMatricule the patient's INS (NIR or NIA matricule)
 * @param insOid its OID (1.2.250.1.213.1.4.8 NIR, .9 NIA, .10/.11 test)
 * @param professional the professional the VIHF names
 * @param mode normal, bris de glace or centre 15
 * @param consent the consent recorded for the care episode (empty when none)
 * @param authentication how the professional was authenticated
 * @param context the credential behind the call
 */
public record DmpRequest(String insMatricule, String insOid, Professional professional, AccessMode mode,
        Optional<Consent> consent, AuthenticationMode authentication, AuthenticationContext context) {

    /** The professional behind a DMP call, as the VIHF carries it. */
    public record Professional(String nationalId, String displayName, String professionCode, Optional<String> specialtyCode) {

        public Professional {
            Objects.requireNonNull(nationalId, "nationalId");
            Objects.requireNonNull(displayName, "displayName");
            Objects.requireNonNull(professionCode, "professionCode");
            Objects.requireNonNull(specialtyCode, "specialtyCode");
        }
    }

    public DmpRequest {
        Objects.requireNonNull(insMatricule, "insMatricule");
        Objects.requireNonNull(insOid, "insOid");
        Objects.requireNonNull(professional, "professional");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(consent, "consent");
        Objects.requireNonNull(authentication, "authentication");
        Objects.requireNonNull(context, "context");
    }

    /** A request with the usual credential of the mode ({@link AuthenticationContext#usual}). */
    public DmpRequest(String insMatricule, String insOid, Professional professional, AccessMode mode, Optional<Consent> consent,
            AuthenticationMode authentication) {
        this(insMatricule, insOid, professional, mode, consent, authentication, AuthenticationContext.usual(authentication));
    }
}
