package org.caducee.ins.qualification;

import java.util.Objects;

import org.caducee.core.identity.BirthTraits;
import org.caducee.core.identity.Ins;

/**
 * An identity delivered through the Appli carte Vitale (ApCV) context: the INS and the reference traits certified by
 * the Assurance Maladie, read from the application (QR code or NFC). The real ApCV needs GIE SESAM-Vitale components;
 * whatever reads it (the sandbox today) hands this record to {@link InsQualification#receiveFromApcv}. Such an
 * identity is qualified at once (SC.INS.04/22).
 *
 * @param source how it was read, e.g. {@code QR}, {@code NFC}, {@code sandbox}
 */
public record ApcvIdentity(BirthTraits traits, Ins ins, String source) {

    public ApcvIdentity {
        Objects.requireNonNull(traits, "traits");
        Objects.requireNonNull(ins, "ins");
        source = source == null ? "ApCV" : source;
    }
}
