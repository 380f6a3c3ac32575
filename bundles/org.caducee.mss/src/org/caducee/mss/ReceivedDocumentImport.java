package org.caducee.mss;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.caducee.security.zip.ZipEntryData;

/**
 * The documents engine as the reception pipeline sees it: an IHE_XDM.zip received by MSSanté goes in, and comes out
 * integrated into the right patient's record (qualified INS with exactly matching traits, versioning rules) or
 * refused with a reason. The xds bundle's {@code DocumentImport} satisfies it (through a small adapter service).
 */
public interface ReceivedDocumentImport {

    /** Where the zip comes from. */
    record Origin(String messageId, String sender, boolean fromPatient, Instant receivedAt) {
    }

    /**
     * What became of the zip. {@code code} and {@code reason} are set unless {@code integrated}.
     *
     * @param patientId the patient whose record received the documents, when known
     * @param notices French notices of changes to already integrated documents (new version, deletion applied)
     */
    record Outcome(boolean integrated, MssErrorCode code, String reason, List<String> documentIds, UUID patientId, List<String> notices) {

        public Outcome {
            documentIds = documentIds == null ? List.of() : List.copyOf(documentIds);
            notices = notices == null ? List.of() : List.copyOf(notices);
        }

        public Outcome(boolean integrated, MssErrorCode code, String reason, List<String> documentIds) {
            this(integrated, code, reason, documentIds, null, List.of());
        }

        public static Outcome integrated(List<String> documentIds) {
            return new Outcome(true, null, null, documentIds);
        }

        public static Outcome integrated(List<String> documentIds, UUID patientId, List<String> notices) {
            return new Outcome(true, null, null, documentIds, patientId, notices);
        }

        public static Outcome refused(MssErrorCode code, String reason) {
            return new Outcome(false, code, reason, List.of());
        }
    }

    /** Validates and integrates automatically, or tells why not. Never throws for a bad document: returns the reason. */
    Outcome importXdm(byte[] xdmZip, Origin origin);

    /**
     * The reading and checks of {@link #importXdm} without any effect, on any thread (the reception pipeline prepares
     * several messages at once); {@link Prepared#apply()} then integrates or refuses, in the order of arrival. The
     * default defers everything to {@code apply}.
     */
    default Prepared prepareXdm(byte[] xdmZip, Origin origin) {
        return () -> importXdm(xdmZip, origin);
    }

    /**
     * {@link #prepareXdm(byte[], Origin)} of a zip the pipeline already read with {@code SafeZip.read(xdmZip,
     * ZipLimits.defaults())} ({@code entries}); an engine may use them instead of inflating the zip again.
     */
    default Prepared prepareXdm(byte[] xdmZip, List<ZipEntryData> entries, Origin origin) {
        return prepareXdm(xdmZip, origin);
    }

    /** A zip read and checked by {@link ReceivedDocumentImport#prepareXdm}, not yet integrated. */
    interface Prepared {

        /** Integrates it (once) or tells why not: what {@link ReceivedDocumentImport#importXdm} would have returned. */
        Outcome apply();
    }

    /** Manual integration into the patient the user chose (worklist). */
    Outcome importXdmFor(byte[] xdmZip, UUID patientId, Origin origin);

    /**
     * Manual integration of a PDF received without CDA: it becomes a document of the chosen patient, provenance
     * MSSanté. The default refuses (engines that predate it).
     *
     * @param title the document title shown in the record (the file name without extension when blank)
     */
    default Outcome importPdf(byte[] pdf, String fileName, String title, UUID patientId, Origin origin) {
        return Outcome.refused(MssErrorCode.OTHER, "Le moteur de documents installé n’intègre pas les PDF reçus seuls.");
    }
}
