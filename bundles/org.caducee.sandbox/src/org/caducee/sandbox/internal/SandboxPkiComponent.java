package org.caducee.sandbox.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import javax.net.ssl.SSLContext;

import org.caducee.core.installation.Installation;
import org.caducee.sandbox.SandboxPki;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The test PKI of the installation, under {@code <dataDir>/sandbox/pki}: generated at first activation, then reused. */
@Component(service = SandboxPki.class)
public final class SandboxPkiComponent implements SandboxPki {

    private final TestPki pki;

    @Activate
    public SandboxPkiComponent(@Reference Installation installation) throws GeneralSecurityException, IOException {
        this.pki = TestPki.openOrCreate(pkiDirectory(installation.dataDir()), Instant.now());
    }

    /** Where the PKI of a data directory lives. */
    public static Path pkiDirectory(Path dataDir) {
        return dataDir.resolve("sandbox").resolve("pki");
    }

    @Override
    public Path directory() {
        return pki.directory();
    }

    @Override
    public X509Certificate rootCertificate() {
        return pki.rootCertificate();
    }

    @Override
    public X509Certificate organisationsCaCertificate() {
        return pki.organisationsCaCertificate();
    }

    @Override
    public X509Certificate personnesCaCertificate() {
        return pki.personnesCaCertificate();
    }

    @Override
    public Path trustStorePath() {
        return pki.trustStorePath();
    }

    @Override
    public String trustStorePassword() {
        return pki.trustStorePassword();
    }

    @Override
    public KeyStore trustStore() {
        return pki.trustStore();
    }

    @Override
    public Path keyStorePath(Credential credential) {
        return pki.keyStorePath(credential);
    }

    @Override
    public String keyStorePassword() {
        return pki.keyStorePassword();
    }

    @Override
    public KeyStore keyStore(Credential credential) {
        return pki.keyStore(credential);
    }

    @Override
    public X509Certificate certificate(Credential credential) {
        return pki.certificate(credential);
    }

    @Override
    public List<X509Certificate> chain(Credential credential) {
        return pki.chain(credential);
    }

    @Override
    public SSLContext serverSslContext() {
        return pki.serverSslContext();
    }

    @Override
    public SSLContext clientSslContext(Credential credential) {
        return pki.clientSslContext(credential);
    }

    @Override
    public Optional<Path> softHsmConfig() {
        return pki.softHsmConfig();
    }
}
