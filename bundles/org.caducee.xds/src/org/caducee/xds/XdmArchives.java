package org.caducee.xds;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.caducee.security.zip.ZipEntryData;

/**
 * IHE XDM media (ITI-32) as the CI-SIS uses them (OSGi service): {@code INDEX.HTM}, {@code README.TXT},
 * {@code IHE_XDM/SUBSET01/METADATA.XML} and {@code DOC0001.XML}…, one patient per archive.
 * <p>
 * Reading goes through {@code SafeZip} (entry names, sizes and compression ratios bounded) and {@code SecureXml};
 * it accepts the variants met in the field (five-digit numbering, lower-case names, no INDEX.HTM or README.TXT,
 * several subsets) and checks, for every document, the SHA-1 and size of the metadata and that the CDA's patient is
 * the metadata's patient.
 */
public interface XdmArchives {

    /** Name of the archive attached to MSSanté messages. */
    String ARCHIVE_NAME = "IHE_XDM.zip";

    /**
     * Builds an archive holding these CDA documents (same patient), in this order ({@code DOC0001.XML}…).
     *
     * @throws XdsException when a document cannot be read or the documents are for several patients
     */
    byte[] pack(List<byte[]> cdaDocuments, XdmSender sender, Set<Visibility> visibility);

    /**
     * Reads and verifies an archive; nothing is written to disk.
     *
     * @throws XdsException with the French reason of the refusal
     */
    XdmContent read(byte[] archive);

    /**
     * {@link #read(byte[])} for a caller that already read the archive with {@code SafeZip.read(archive,
     * ZipLimits.defaults())}: {@code entries} is what that returned for these very bytes, and an implementation may
     * use it instead of inflating the archive again (an implementation with other limits reads it again). The CDA
     * documents may be read only up to their body ({@code CdaHeaderReader.readHeader}): the caller validates them whole.
     */
    default XdmContent read(byte[] archive, List<ZipEntryData> entries) {
        return read(archive);
    }

    /**
     * Extracts an archive into an empty or new folder after verifying it; nothing is ever written outside it.
     *
     * @return the files written
     */
    List<Path> extract(byte[] archive, Path folder) throws IOException;
}
