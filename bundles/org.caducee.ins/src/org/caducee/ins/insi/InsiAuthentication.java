package org.caducee.ins.insi;

import java.security.GeneralSecurityException;
import java.util.Map;

import javax.net.ssl.SSLContext;

import org.w3c.dom.Element;

/**
 * How a call to INSi is authenticated; pluggable. Caducée provides the PS card mode (TLS with the card's
 * authentication certificate + an Assertion PS signed with the card's signature key in {@code wsse:Security}) and the
 * organisation mode (mutual TLS with the structure's certificate, no assertion). Pro Santé Connect plugs in here too
 * (an HTTP header carrying the token).
 */
public interface InsiAuthentication {

    /** Short name for traces: {@code cps}, {@code organisation}, {@code psc}… */
    String mode();

    /** The TLS context of the connection (client certificate when the mode uses one, trust anchors of the service). */
    SSLContext sslContext() throws GeneralSecurityException;

    /** Identifier of the caller written in the {@code Emetteur} of the context headers. */
    String emitter();

    /**
     * Fills {@code wsse:Security} (already in the header) for the given message, e.g. with a signed Assertion PS.
     * Modes without a message-level token leave it empty: the header is then dropped.
     */
    default void fillSecurityHeader(Element security) throws GeneralSecurityException {
    }

    /** Extra HTTP headers (e.g. {@code Authorization} for Pro Santé Connect). */
    default Map<String, String> httpHeaders() {
        return Map.of();
    }
}
