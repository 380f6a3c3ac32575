package org.caducee.psc;

/**
 * Independent PSC sessions, for a server acting for several professionals (the Proxy e-santé): each session has its
 * own tokens, kept in memory only, and its own refresh. The workstation uses the single {@link PscSession} service.
 */
public interface PscSessionFactory {

    /** A new session talking to PSC with these settings (the server's client registration and certificate). */
    PscSession create(PscSettings settings);

    /** Ends the session at the provider and stops its background work. */
    void close(PscSession session);
}
