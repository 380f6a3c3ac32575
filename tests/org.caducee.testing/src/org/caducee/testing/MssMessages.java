package org.caducee.testing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * What a correspondent sends by MSSanté, for tests: a message carrying an IHE_XDM.zip, and the CI-SIS deletion
 * request (a new version replacing the document, whose METADATA.XML entry carries the slot
 * {@code urn:action:extraMetadataSlot = D}).
 */
public final class MssMessages {

    /** The CI-SIS slot of a deletion request (same as {@code org.caducee.xds.DocumentEntry.DELETION_SLOT}). */
    public static final String DELETION_SLOT = "urn:action:extraMetadataSlot";

    private MssMessages() {
    }

    /** A raw MIME message from {@code from} to {@code to} with a short text and the IHE_XDM.zip attached. */
    public static byte[] xdm(String messageId, String from, String to, String subject, byte[] zip) {
        String b64 = Base64.getMimeEncoder().encodeToString(zip);
        String raw = "Message-ID: " + messageId + "\r\nFrom: " + from + "\r\nTo: " + to + "\r\nSubject: " + subject + "\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nCompte rendu.\r\n"
                + "--b\r\nContent-Type: application/zip; name=IHE_XDM.zip\r\nContent-Disposition: attachment; filename=IHE_XDM.zip\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n" + b64 + "\r\n--b--\r\n";
        return raw.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * The archive with the deletion request slot as the first slot of the document entry (ExtrinsicObject) of its
     * METADATA.XML; pack the replacing version (RPLC of the document to delete) first.
     */
    public static byte[] withDeletionSlot(byte[] zip) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean marked = false;
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip)); ZipOutputStream z = new ZipOutputStream(out)) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                byte[] content = in.readAllBytes();
                if (e.getName().endsWith("METADATA.XML")) {
                    String xml = new String(content, StandardCharsets.UTF_8);
                    Matcher m = Pattern.compile("<(\\w+:)?ExtrinsicObject\\b[^>]*>").matcher(xml);
                    if (m.find()) {
                        String p = m.group(1) == null ? "" : m.group(1);
                        String slot = "<" + p + "Slot name=\"" + DELETION_SLOT + "\"><" + p + "ValueList><" + p + "Value>D</" + p + "Value></" + p
                                + "ValueList></" + p + "Slot>";
                        content = (xml.substring(0, m.end()) + slot + xml.substring(m.end())).getBytes(StandardCharsets.UTF_8);
                        marked = true;
                    }
                }
                z.putNextEntry(new ZipEntry(e.getName()));
                z.write(content);
                z.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!marked) {
            throw new IllegalArgumentException("pas de METADATA.XML avec une fiche de document dans l’archive");
        }
        return out.toByteArray();
    }
}
