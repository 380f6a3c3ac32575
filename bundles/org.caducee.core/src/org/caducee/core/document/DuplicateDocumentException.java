package org.caducee.core.document;

/** A document was refused by the versioning rules (same id, or same setId and version). */
public class DuplicateDocumentException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DuplicateDocumentException(String message) {
        super(message);
    }
}
