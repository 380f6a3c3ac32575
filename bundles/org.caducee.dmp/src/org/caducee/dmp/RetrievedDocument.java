package org.caducee.dmp;

/** The bytes of a document retrieved from the DMP (TD3.2) and their MIME type. */
public record RetrievedDocument(String uniqueId, String mimeType, byte[] content) {
}
