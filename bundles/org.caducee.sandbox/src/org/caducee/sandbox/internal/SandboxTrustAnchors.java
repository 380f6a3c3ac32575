package org.caducee.sandbox.internal;

import java.security.KeyStore;

import org.caducee.sandbox.SandboxPki;
import org.caducee.security.trust.TrustAnchors;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The test PKI as the trusted authorities of the sandbox (used by the TrustService only in sandbox mode). */
@Component(service = TrustAnchors.class)
public final class SandboxTrustAnchors implements TrustAnchors {

    private final SandboxPki pki;

    @Activate
    public SandboxTrustAnchors(@Reference SandboxPki pki) {
        this.pki = pki;
    }

    @Override
    public KeyStore trustStore() {
        return pki.trustStore();
    }

    @Override
    public String description() {
        return "PKI de test du bac à sable (" + pki.trustStorePath() + ")";
    }
}
