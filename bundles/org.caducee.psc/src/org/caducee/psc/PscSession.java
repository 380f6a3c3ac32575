package org.caducee.psc;

import java.util.Optional;
import java.util.function.Consumer;

/**
 * The one Pro Santé Connect session of the workstation, shared by every consumer (INSi, DMP, MSSanté…): they ask it
 * for a current access token and never re-identify the user. Tokens are kept encrypted at rest and never logged;
 * they are refreshed before expiry; the session ends on logout or when the provider refuses a refresh.
 * <p>
 * Every method that talks to the provider blocks: never call them from the UI thread.
 */
public interface PscSession {

    /** States of the session, for the status bar. */
    enum State {
        NONE, AUTHENTICATING, ACTIVE, ENDED
    }

    /** CIBA channels PSC supports. */
    enum Channel {
        CARD, MOBILE
    }

    /** Authorization code flow with PKCE through the system browser and a loopback redirect (RFC 8252). */
    PscIdentity loginWithBrowser() throws PscException;

    /** Starts a CIBA authentication (poll mode) of the professional with this national id. */
    CibaLogin loginWithCiba(String nationalId, Channel channel) throws PscException;

    State state();

    /** The identity of the active session. */
    Optional<PscIdentity> identity();

    /** A valid access token, refreshed first when it expires soon. */
    String accessToken() throws PscException;

    /** Forces a refresh of the tokens. */
    void refresh() throws PscException;

    /**
     * Exchanges the PSC access token for an "API Pro Santé Connectée" token (RFC 8693) through the Proxy e-santé,
     * over mutual TLS with the structure's authentication certificate.
     *
     * @param scope the business scope of the target API
     */
    ApiToken exchange(String scope) throws PscException;

    /** Ends the session at the provider and locally. */
    void logout();

    /** Called on every state change (from any thread). */
    void addListener(Consumer<State> listener);

    void removeListener(Consumer<State> listener);
}
