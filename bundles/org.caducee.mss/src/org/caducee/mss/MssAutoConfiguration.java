package org.caducee.mss;

import java.util.Optional;

/**
 * Finds the operator's servers from a mailbox address (SC.MSS/CONF.04): the Mozilla autoconfig file over HTTPS
 * ({@code https://autoconfig.<domain>/mail/config-v1.1.xml}, then {@code https://<domain>/.well-known/autoconfig/…}),
 * then DNS SRV records ({@code _imaps._tcp}, {@code _imap._tcp}, {@code _submissions._tcp}, {@code _submission._tcp}).
 * The settings {@code mss.imap.host} etc. override whatever is discovered.
 */
public interface MssAutoConfiguration {

    /** The account for the address, or empty when nothing was found. */
    Optional<MssAccount> discover(String address, MssAccount.AuthMethod auth);

    /** The account of the installation: settings first, discovery for what they leave out. */
    MssAccount configuredAccount() throws MssException;
}
