package org.caducee.mss.internal;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.util.Enumeration;
import java.util.List;

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
 * <p>
 * The structure's certificate is checked here first: a key entry (the one for client authentication when the PKCS#12
 * holds several), in its validity period, usable for TLS client authentication (not the ORG SIGN certificate). The JDK
 * presents it when the server's certificate request accepts its authority; otherwise none is sent, and the server's
 * refusal is reported as a refusal of the configured certificate.
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

    /** The structure's certificate (end entity), or null when none is configured or the store holds no key entry. */
    public X509Certificate clientCertificate() {
        try {
            String alias = clientAlias();
            return alias == null ? null : (X509Certificate) key.getCertificate(alias);
        } catch (KeyStoreException e) {
            return null;
        }
    }

    /** Subject and issuer of the structure's certificate, for messages ("CN=… (émis par CN=…)"); empty when none. */
    public String clientCertificateLabel() {
        X509Certificate c = clientCertificate();
        return c == null ? "" : Messages.get("cert.label", c.getSubjectX500Principal().getName(), c.getIssuerX500Principal().getName());
    }

    /** The key entry for client authentication: the first one with that usage, else the first key entry. */
    private String clientAlias() throws KeyStoreException {
        if (key == null) {
            return null;
        }
        String first = null;
        for (Enumeration<String> aliases = key.aliases(); aliases.hasMoreElements();) {
            String alias = aliases.nextElement();
            if (key.isKeyEntry(alias) && key.getCertificate(alias) instanceof X509Certificate c) {
                if (clientAuthentication(c)) {
                    return alias;
                }
                first = first == null ? alias : first;
            }
        }
        return first;
    }

    private static boolean clientAuthentication(X509Certificate c) {
        try {
            List<String> usages = c.getExtendedKeyUsage();
            return usages != null && (usages.contains(CLIENT_AUTH) || usages.contains(ANY_USAGE));
        } catch (java.security.cert.CertificateParsingException e) {
            return false;
        }
    }

    /** The key manager presenting the structure's certificate, after the local checks. */
    private KeyManager[] clientKeyManagers(String mailbox) throws Exception {
        if (key == null) {
            throw new MssException(Kind.CONFIGURATION, Messages.get("config.noKeyStore", mailbox));
        }
        String alias = clientAlias();
        if (alias == null) {
            throw new MssException(Kind.CONFIGURATION, Messages.get("config.noKeyEntry", mailbox));
        }
        X509Certificate certificate = (X509Certificate) key.getCertificate(alias);
        String label = clientCertificateLabel();
        try {
            certificate.checkValidity();
        } catch (CertificateExpiredException e) {
            throw new MssException(Kind.CONFIGURATION, Messages.get("config.certExpired", label, day(certificate.getNotAfter())), e);
        } catch (CertificateNotYetValidException e) {
            throw new MssException(Kind.CONFIGURATION, Messages.get("config.certNotYetValid", label, day(certificate.getNotBefore())), e);
        }
        // not for client authentication: an extended usage without it, or a non-repudiation (signature) key without it
        List<String> usages = certificate.getExtendedKeyUsage();
        boolean clientAuth = clientAuthentication(certificate);
        boolean[] keyUsage = certificate.getKeyUsage();
        boolean signature = keyUsage != null && keyUsage.length > 1 && keyUsage[1];
        if (!clientAuth && (usages != null || signature)) {
            throw new MssException(Kind.CONFIGURATION, Messages.get("config.certNotClientAuth", label));
        }
        // a key manager over this one entry only: never another key of the same PKCS#12 (a signature key, say)
        char[] password = keyPassword == null ? new char[0] : keyPassword;
        KeyStore one = KeyStore.getInstance("PKCS12");
        one.load(null, null);
        one.setKeyEntry(alias, key.getKey(alias, keyPassword), password, key.getCertificateChain(alias));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(one, password);
        return kmf.getKeyManagers();
    }

    /** A fresh context without client certificate. */
    public SSLContext context(boolean clientAuth) throws MssException {
        return context(clientAuth, "");
    }

    /**
     * A fresh context; with the structure's certificate only when {@code clientAuth} (mutual TLS for the organisational
     * mailbox {@code mailbox}, named in the French errors: no certificate configured, not a client authentication
     * certificate, expired).
     */
    public SSLContext context(boolean clientAuth, String mailbox) throws MssException {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            KeyManager[] kms = clientAuth ? clientKeyManagers(mailbox) : null;
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kms, tmf.getTrustManagers(), null);
            return context;
        } catch (MssException e) {
            throw e;
        } catch (Exception e) {
            throw new MssException(Kind.CONFIGURATION, Messages.get("config.trustStore", "", e.getMessage()), e);
        }
    }

    private static String day(java.util.Date date) {
        return java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy").format(date.toInstant().atZone(java.time.ZoneId.systemDefault()));
    }

    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    private static final String ANY_USAGE = "2.5.29.37.0";
}
