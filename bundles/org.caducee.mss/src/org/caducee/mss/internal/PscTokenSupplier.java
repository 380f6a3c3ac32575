package org.caducee.mss.internal;

import org.caducee.mss.AccessTokenSupplier;
import org.caducee.mss.MssException;
import org.caducee.psc.PscException;
import org.caducee.psc.PscSession;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The Pro Santé Connect session as the access-token source of personal mailboxes (SASL OAUTHBEARER / XOAUTH2). A token
 * refused by the operator forces a refresh at the next connection.
 */
@Component(service = AccessTokenSupplier.class)
public class PscTokenSupplier implements AccessTokenSupplier {

    private final PscSession session;

    @Activate
    public PscTokenSupplier(@Reference PscSession session) {
        this.session = session;
    }

    @Override
    public String accessToken(String address) throws MssException {
        if (session.state() != PscSession.State.ACTIVE) {
            throw new MssException(MssException.Kind.AUTHENTICATION, Messages.get("conn.noToken", address));
        }
        try {
            return session.accessToken();
        } catch (PscException e) {
            throw new MssException(MssException.Kind.AUTHENTICATION, e.getMessage(), e);
        }
    }

    @Override
    public void rejected(String address, String token) {
        try {
            session.refresh();
        } catch (PscException e) {
            // the next accessToken() reports the ended session
        }
    }
}
