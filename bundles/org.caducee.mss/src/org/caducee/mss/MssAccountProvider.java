package org.caducee.mss;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Optional service supplying the mailbox account and the authorities to trust when the settings name none (the
 * sandbox operator registers one for its loopback servers). The settings {@code mss.*} always win.
 */
public interface MssAccountProvider {

    /** The account to use. */
    MssAccount account();

    /** PKCS#12 trust store of the authorities to trust, and its password. */
    Optional<Path> trustStore();

    Optional<String> trustStorePassword();

    /** Base URL of the directory FHIR API to use ({@code …/fhir/v2/}), if this provider serves one. */
    default Optional<java.net.URI> directoryUrl() {
        return Optional.empty();
    }

    /** The {@code ESANTE-API-KEY} for {@link #directoryUrl()}. */
    default Optional<String> directoryApiKey() {
        return Optional.empty();
    }

    /**
     * A public extract of MSSanté mailboxes (ANS layout) for the offline directory, if this provider has one; the
     * setting {@code mss.directory.extract.file} wins.
     */
    default Optional<Path> directoryExtract() {
        return Optional.empty();
    }
}
