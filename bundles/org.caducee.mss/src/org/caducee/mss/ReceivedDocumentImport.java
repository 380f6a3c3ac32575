package org.caducee.mss;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The documents engine as the reception pipeline sees it: an IHE_XDM.zip received by MSSanté goes in, and comes out
 * integrated into the right patient's record (qualified INS with exactly matching traits, versioning rules) or
 * refused with a reason. The xds bundle's {@code DocumentImport} satisfies it (through a small adapter service).
 */
public interface ReceivedDocumentImport {

    /** Where the zip comes from. */
    record Origin(String messageId, String sender, boolean fromPatient, Instant receivedAt) {
    }

    /** What became of the zip. {@code code} and {@code reason} are set unless {@code integrated}. */
    record Outcome(boolean integrated, MssErrorCode code, String reason, List<String> documentIds) {

        public static Outcome integrated(List<String> documentIds) {
            return new Outcome(true, null, null, List.copyOf(documentIds));
        }

        public static Outcome refused(MssErrorCode code, String reason) {
            return new Outcome(false, code, reason, List.of());
        }
    }

    /** Validates and integrates automatically, or tells why not. Never throws for a bad document: returns the reason. */
    Outcome importXdm(byte[] xdmZip, Origin origin);

    /** Manual integration into the patient the user chose (worklist). */
    Outcome importXdmFor(byte[] xdmZip, UUID patientId, Origin origin);
}
