package org.caducee.psc;

import java.util.Optional;

import org.caducee.security.UserAccount;

/**
 * First Pro Santé Connect login on a workstation: links the PSC identity to a local account. An existing account with
 * the same RPPS is proposed and linked only once the user confirms with its local password; otherwise a new account
 * is created. Later PSC logins find the linked account directly. Every step is audited.
 */
public interface PscAccountLinking {

    /** The local account already linked to this identity. */
    Optional<UserAccount> linkedAccount(PscIdentity identity);

    /** An active local account with the identity's RPPS, to propose for linking. */
    Optional<UserAccount> candidate(PscIdentity identity);

    /**
     * Links after confirmation by the local password of the candidate account.
     *
     * @throws PscException with {@link PscException.Reason#DENIED} when the password is wrong or the RPPS differs
     */
    UserAccount confirmLink(PscIdentity identity, String login, char[] localPassword) throws PscException;

    /** Creates a local account for the identity (role from the profession) and links it. */
    UserAccount createAccount(PscIdentity identity, String login, char[] password) throws PscException;
}
