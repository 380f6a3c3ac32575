package org.caducee.security.trust;

import java.security.KeyStore;

/**
 * Provider of the trusted authorities when the setting {@code trust.store} is absent: the sandbox registers one with
 * its test PKI. A production installation configures {@code trust.store} instead (the IGC Santé chains).
 */
public interface TrustAnchors {

    /** The trusted certificates (only certificate entries are used). */
    KeyStore trustStore();

    /** Where they come from, for messages and diagnostics (French). */
    String description();
}
