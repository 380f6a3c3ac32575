package org.caducee.psc;

import java.time.Instant;

/**
 * An "API Pro Santé Connectée" access token obtained by token exchange (RFC 8693), bound to the structure's
 * authentication certificate ({@code cnf.x5t#S256}, RFC 8705): present it only over mutual TLS with that certificate.
 * {@link #toString()} never shows the token.
 */
public record ApiToken(String value, String scope, Instant expiresAt, String certificateThumbprint) {

    @Override
    public String toString() {
        return "ApiToken[scope=" + scope + ", expiresAt=" + expiresAt + ", x5t#S256=" + certificateThumbprint + "]";
    }
}
