package org.caducee.core.document;

/** State of a document on one sharing channel. */
public enum SharingState {
    NOT_SHARED, PENDING, HELD, SENT, FAILED, CANCELLED, DELETED
}
