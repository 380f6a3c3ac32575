package org.caducee.sandbox.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.caducee.sandbox.SandboxPki;

/**
 * The test PKI stored in a directory: created once (into a temporary sibling directory moved into place atomically,
 * so that two processes starting together never mix two hierarchies), loaded afterwards.
 */
public final class TestPki implements SandboxPki {

    private static final System.Logger LOG = System.getLogger(TestPki.class.getName());

    private final Path dir;
    private final X509Certificate root;
    private final X509Certificate orgCa;
    private final X509Certificate personCa;
    private final Map<Credential, List<X509Certificate>> chains = new EnumMap<>(Credential.class);
    private final Optional<Path> softHsmConfig;

    private TestPki(Path dir) throws GeneralSecurityException, IOException {
        this.dir = dir;
        KeyStore trust = load(dir.resolve(PkiGenerator.TRUST_STORE_FILE), DEMO_TRUST_STORE_PASSWORD);
        root = (X509Certificate) trust.getCertificate(PkiGenerator.TRUST_ALIAS_ROOT);
        orgCa = (X509Certificate) trust.getCertificate(PkiGenerator.TRUST_ALIAS_ORG);
        personCa = (X509Certificate) trust.getCertificate(PkiGenerator.TRUST_ALIAS_PERSONNES);
        if (root == null || orgCa == null || personCa == null) {
            throw new GeneralSecurityException(Messages.get("pki.incomplete", dir));
        }
        for (Credential credential : Credential.values()) {
            KeyStore store = load(dir.resolve(credential.fileName()), DEMO_KEY_STORE_PASSWORD);
            Certificate[] chain = store.getCertificateChain(credential.alias());
            if (chain == null) {
                throw new GeneralSecurityException(Messages.get("pki.incomplete", dir));
            }
            chains.put(credential, Arrays.stream(chain).map(X509Certificate.class::cast).toList());
        }
        Path conf = dir.resolve(SoftHsm.CONFIG_FILE);
        softHsmConfig = Files.isRegularFile(conf) ? Optional.of(conf) : Optional.empty();
    }

    /** Loads the PKI from {@code dir}, generating it first when the directory does not exist yet. */
    public static TestPki openOrCreate(Path dir, Instant now) throws GeneralSecurityException, IOException {
        if (!Files.isDirectory(dir)) {
            create(dir, now);
        }
        return new TestPki(dir);
    }

    private static void create(Path dir, Instant now) throws GeneralSecurityException, IOException {
        Files.createDirectories(dir.getParent());
        Path tmp = Files.createTempDirectory(dir.getParent(), dir.getFileName() + ".tmp-");
        boolean moved = false;
        try {
            LOG.log(System.Logger.Level.INFO, Messages.get("pki.generating", dir));
            new PkiGenerator(now).generate(tmp, DEMO_KEY_STORE_PASSWORD.toCharArray(), DEMO_TRUST_STORE_PASSWORD.toCharArray());
            try {
                Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
                moved = true;
            } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
                LOG.log(System.Logger.Level.INFO, Messages.get("pki.concurrent", dir));
                return;
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, dir);
                moved = true;
            }
        } finally {
            if (!moved) {
                deleteTree(tmp);
            }
        }
        new SoftHsm().importCard(dir);
    }

    private static void deleteTree(Path path) {
        try (Stream<Path> walk = Files.walk(path)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            LOG.log(System.Logger.Level.WARNING, "Cannot delete " + path, e);
        }
    }

    private static KeyStore load(Path file, String password) throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password.toCharArray());
        }
        return store;
    }

    @Override
    public Path directory() {
        return dir;
    }

    @Override
    public X509Certificate rootCertificate() {
        return root;
    }

    @Override
    public X509Certificate organisationsCaCertificate() {
        return orgCa;
    }

    @Override
    public X509Certificate personnesCaCertificate() {
        return personCa;
    }

    @Override
    public Path trustStorePath() {
        return dir.resolve(PkiGenerator.TRUST_STORE_FILE);
    }

    @Override
    public String trustStorePassword() {
        return DEMO_TRUST_STORE_PASSWORD;
    }

    @Override
    public KeyStore trustStore() {
        try {
            return load(trustStorePath(), DEMO_TRUST_STORE_PASSWORD);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(Messages.get("pki.unreadable", trustStorePath(), e.getMessage()), e);
        }
    }

    @Override
    public Path keyStorePath(Credential credential) {
        return dir.resolve(credential.fileName());
    }

    @Override
    public String keyStorePassword() {
        return DEMO_KEY_STORE_PASSWORD;
    }

    @Override
    public KeyStore keyStore(Credential credential) {
        try {
            return load(keyStorePath(credential), DEMO_KEY_STORE_PASSWORD);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(Messages.get("pki.unreadable", keyStorePath(credential), e.getMessage()), e);
        }
    }

    @Override
    public X509Certificate certificate(Credential credential) {
        return chains.get(credential).get(0);
    }

    @Override
    public List<X509Certificate> chain(Credential credential) {
        return chains.get(credential);
    }

    @Override
    public SSLContext serverSslContext() {
        return sslContext(Credential.SERVER);
    }

    @Override
    public SSLContext clientSslContext(Credential credential) {
        return sslContext(credential);
    }

    private SSLContext sslContext(Credential credential) {
        try {
            KeyStore source = keyStore(credential);
            // Keep only the entry of this credential (the card PKCS#12 holds two keys).
            KeyStore single = KeyStore.getInstance("PKCS12");
            single.load(null, null);
            char[] password = DEMO_KEY_STORE_PASSWORD.toCharArray();
            single.setKeyEntry(credential.alias(), source.getKey(credential.alias(), password), password,
                    source.getCertificateChain(credential.alias()));
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(single, password);
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry(PkiGenerator.TRUST_ALIAS_ROOT, root);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(Messages.get("pki.unreadable", keyStorePath(credential), e.getMessage()), e);
        }
    }

    @Override
    public Optional<Path> softHsmConfig() {
        return softHsmConfig;
    }

    /** Every certificate file of the PKI, for diagnostics. */
    List<Path> files() throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return new ArrayList<>(list.sorted().toList());
        }
    }
}
