package org.caducee.xds;

import java.util.List;
import java.util.UUID;

import org.caducee.core.document.Provenance;
import org.caducee.security.zip.ZipEntryData;

/**
 * Files received documents (OSGi service): an IHE_XDM archive or a bare CDA → verification and validation → patient
 * matching on a qualified INS whose traits match exactly → CI-SIS versioning rules → stored with its provenance.
 * Anything else goes to the {@link Worklist} with its reason, keeping the original bytes. The MSSanté bundle calls
 * this service for each received attachment.
 */
public interface DocumentImport {

    /**
     * @param fileName  the received file name (decides nothing: content is sniffed)
     * @param origin    where it came from (a file path, a message id…), kept with the stored bytes
     * @param provenance recorded on the core document record ({@code RECEIVED_MSSANTE} for the MSSanté bundle)
     * @param patientId a patient chosen by the user, or {@code null} to match on the INS
     * @return one outcome per document (one worklist outcome when the whole file was refused)
     */
    List<ImportOutcome> importFile(String fileName, byte[] content, String origin, Provenance provenance, UUID patientId);

    /**
     * The first half of {@link #importFile}: reads and checks the file (archive, integrity, CDA header, validation)
     * without changing anything, so that it can run on any thread while other files are being filed; {@link
     * Prepared#apply()} then does the rest (patient matching, versioning rules, storage, worklist) and returns what
     * {@code importFile} would have. Callers that must keep an order (versions of one document set) apply in that
     * order. The default defers everything to {@code apply}.
     */
    default Prepared prepareFile(String fileName, byte[] content, String origin, Provenance provenance, UUID patientId) {
        return () -> importFile(fileName, content, origin, provenance, patientId);
    }

    /**
     * {@link #prepareFile(String, byte[], String, Provenance, UUID)} of an archive the caller already read with
     * {@code SafeZip.read(content, ZipLimits.defaults())} ({@code entries}, see {@link XdmArchives#read(byte[], List)}).
     */
    default Prepared prepareFile(String fileName, byte[] content, List<ZipEntryData> entries, String origin, Provenance provenance, UUID patientId) {
        return prepareFile(fileName, content, origin, provenance, patientId);
    }

    /** A file read and checked by {@link DocumentImport#prepareFile}, not yet filed. */
    interface Prepared {

        /** Files it (once): the outcomes of {@link DocumentImport#importFile}. */
        List<ImportOutcome> apply();
    }

    /**
     * Files the original bytes of a worklist item into the patient a user chose. The item is closed when every
     * document was filed; otherwise it stays open and the outcomes say why (no new worklist item is left open).
     *
     * @throws IllegalArgumentException when the item does not exist
     */
    List<ImportOutcome> resolve(UUID worklistId, UUID patientId);
}
