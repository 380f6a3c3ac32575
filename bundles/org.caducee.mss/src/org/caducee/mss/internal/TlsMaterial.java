package org.caducee.mss.internal;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.caducee.mss.MssException;
import org.caducee.mss.MssException.Kind;

/**
 * The TLS context of MSSanté connections: trusts only the configured IGC Santé authorities (no default JDK trust
 * store, never "trust all"), and presents the structure's certificate when the mailbox is opened by mutual TLS.
 * Host names are verified by the mail sessions ({@code checkserveridentity}).
 */
public final class TlsMaterial {

    private final KeyStore trust;
    private final KeyStore key;
    private final char[] keyPassword;

    public TlsMaterial(KeyStore trust, KeyStore key, char[] keyPassword) {
        this.trust = trust;
        this.key = key;
        this.keyPassword = keyPassword;
    }

    /** Loads PKCS#12 files; {@code keyStore} may be null (no client certificate). */
    public static TlsMaterial load(Path trustStore, String trustPassword, Path keyStore, String keyPassword) throws MssException {
        KeyStore trust;
        try (InputStream in = Files.newInputStream(trustStore)) {
            trust = KeyStore.getInstance("PKCS12");
            trust.load(in, trustPassword == null ? null : trustPassword.toCharArray());
        } catch (Exception e) {
            throw new MssException(Kind.CONFIGURATION, Messages.get("config.trustStore", trustStore, e.getMessage()), e);
        }
        KeyStore key = null;
        if (keyStore != null) {
            try (InputStream in = Files.newInputStream(keyStore)) {
                key = KeyStore.getInstance("PKCS12");
                key.load(in, keyPassword == null ? null : keyPassword.toCharArray());
            } catch (Exception e) {
                throw new MssException(Kind.CONFIGURATION, Messages.get("config.keyStore", keyStore, e.getMessage()), e);
            }
        }
        return new TlsMaterial(trust, key, keyPassword == null ? null : keyPassword.toCharArray());
    }

    public boolean hasClientCertificate() {
        return key != null;
    }

    /** A fresh context; with the client certificate only when {@code clientAuth}. */
    public SSLContext context(boolean clientAuth) throws MssException {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            KeyManager[] kms = null;
            if (clientAuth) {
                if (key == null) {
                    throw new MssException(Kind.CONFIGURATION, Messages.get("config.noKeyStore"));
                }
                KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(key, keyPassword);
                kms = kmf.getKeyManagers();
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kms, tmf.getTrustManagers(), null);
            return context;
        } catch (MssException e) {
            throw e;
        } catch (Exception e) {
            throw new MssException(Kind.CONFIGURATION, Messages.get("config.trustStore", "", e.getMessage()), e);
        }
    }
}
