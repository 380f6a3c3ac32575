package org.caducee.security.xml;

/** An untrusted XML document was refused or could not be read; the message is in French, for the user. */
public class XmlRejectedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public XmlRejectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
