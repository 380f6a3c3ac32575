package org.caducee.mss;

/**
 * Supplies the OAuth 2.0 access token (Pro Santé Connect) used to open a personal mailbox with SASL OAUTHBEARER or
 * XOAUTH2. Pro Santé Connect provides it in the product; the sandbox operator provides one that its local servers
 * accept. Register as an OSGi service.
 */
public interface AccessTokenSupplier {

    /**
     * A currently valid access token for the mailbox owner, refreshed if needed.
     *
     * @throws MssException (kind {@link MssException.Kind#AUTHENTICATION}) when no session is open
     */
    String accessToken(String address) throws MssException;

    /** The server refused {@code token}: forget it so that the next call refreshes it. */
    default void rejected(String address, String token) {
    }
}
