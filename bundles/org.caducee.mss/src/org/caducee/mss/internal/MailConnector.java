package org.caducee.mss.internal;

import java.io.InputStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.util.Properties;
import java.util.concurrent.Callable;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSocketFactory;

import org.caducee.mss.AccessTokenSupplier;
import org.caducee.mss.MssAccount;
import org.caducee.mss.MssAccount.AuthMethod;
import org.caducee.mss.MssAccount.TransportSecurity;
import org.caducee.mss.MssException;
import org.caducee.mss.MssException.Kind;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.eclipse.angus.mail.smtp.SMTPTransport;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import jakarta.mail.internet.MimeMessage;

/**
 * Opens IMAP stores and SMTP submission transports on one MSSanté account with Angus Mail, the providers being
 * instantiated explicitly (no ServiceLoader lookup of {@code jakarta.mail.Provider}); the few ServiceLoader lookups
 * jakarta.mail still makes ({@code StreamProvider}) run with Angus Mail's class loader as context class loader.
 * <p>
 * Every failure becomes an {@link MssException} with a French message telling the user what happened.
 */
public final class MailConnector {

    private static volatile Session offline;

    private final MssAccount account;
    private final TlsMaterial tls;
    private final AccessTokenSupplier tokens;
    private final int timeoutMillis;

    public MailConnector(MssAccount account, TlsMaterial tls, AccessTokenSupplier tokens, int timeoutMillis) {
        this.account = account;
        this.tls = tls;
        this.tokens = tokens;
        this.timeoutMillis = timeoutMillis;
    }

    public MssAccount account() {
        return account;
    }

    /** Runs {@code work} with Angus Mail's class loader as the thread context class loader. */
    public static <T> T withMailLoader(Callable<T> work) throws Exception {
        return org.caducee.mss.MailRuntime.call(work);
    }

    /**
     * The session for building and parsing messages only (no server, no properties). Created once: a new
     * {@code Session} scans the providers and mailcap resources, which cost more than parsing a message.
     */
    public static Session offlineSession() {
        Session s = offline;
        if (s == null) {
            try {
                s = withMailLoader(() -> Session.getInstance(new Properties()));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            offline = s;
        }
        return s;
    }

    /** Parses raw message bytes. */
    public static MimeMessage parse(InputStream in) throws MessagingException {
        try {
            return withMailLoader(() -> new MimeMessage(offlineSession(), in));
        } catch (MessagingException e) {
            throw e;
        } catch (Exception e) {
            throw new MessagingException(e.getMessage(), e);
        }
    }

    private Session session(String protocol, int port) throws MssException {
        SSLSocketFactory factory = tls.context(account.auth() == AuthMethod.CERTIFICATE).getSocketFactory();
        Properties p = new Properties();
        String prefix = "mail." + protocol + ".";
        if (Boolean.getBoolean("caducee.mss.debug")) {
            p.put("mail.debug", "true");
        }
        p.put(prefix + "ssl.socketFactory", factory);
        p.put(prefix + "ssl.checkserveridentity", "true");
        p.put(prefix + "connectiontimeout", String.valueOf(timeoutMillis));
        p.put(prefix + "timeout", String.valueOf(timeoutMillis));
        p.put(prefix + "writetimeout", String.valueOf(timeoutMillis));
        if (account.security() == TransportSecurity.IMPLICIT_TLS) {
            p.put(prefix + "ssl.enable", "true");
        } else {
            p.put(prefix + "starttls.enable", "true");
            p.put(prefix + "starttls.required", "true");
        }
        switch (account.auth()) {
        case XOAUTH2 -> {
            p.put(prefix + "auth", "true");
            p.put(prefix + "auth.mechanisms", "XOAUTH2");
            p.put(prefix + "sasl.mechanisms", "XOAUTH2");
        }
        case OAUTHBEARER -> {
            OAuthBearerSasl.register();
            p.put(prefix + "auth", "true");
            p.put(prefix + "sasl.enable", "true");
            p.put(prefix + "sasl.mechanisms", OAuthBearerSasl.MECHANISM);
            p.put(prefix + "auth.mechanisms", OAuthBearerSasl.MECHANISM);
            p.put("caducee.sasl.port", port);
        }
        case CERTIFICATE -> {
            if ("imap".equals(protocol)) {
                p.put(prefix + "sasl.enable", "true");
                p.put(prefix + "sasl.mechanisms", "EXTERNAL");
            } else {
                p.put(prefix + "auth", "false");
            }
        }
        }
        try {
            return withMailLoader(() -> Session.getInstance(p));
        } catch (Exception e) {
            throw new MssException(Kind.CONFIGURATION, e.getMessage(), e);
        }
    }

    private String secret() throws MssException {
        if (account.auth() == AuthMethod.CERTIFICATE) {
            return "";
        }
        if (tokens == null) {
            throw new MssException(Kind.AUTHENTICATION, Messages.get("conn.noToken", account.address()));
        }
        return tokens.accessToken(account.address());
    }

    /** A connected IMAP store; the caller closes it. */
    public IMAPStore openStore() throws MssException {
        Session session = session("imap", account.imapPort());
        String token = secret();
        try {
            return withMailLoader(() -> {
                IMAPStore store = new IMAPStore(session, new URLName("imap", account.imapHost(), account.imapPort(), null, account.address(), null));
                store.connect(account.imapHost(), account.imapPort(), account.address(), token);
                return store;
            });
        } catch (Exception e) {
            throw translate(e, "IMAP", account.imapHost(), account.imapPort(), token);
        }
    }

    /** A connected SMTP submission transport; the caller closes it. */
    public SMTPTransport openTransport() throws MssException {
        Session session = session("smtp", account.smtpPort());
        String token = secret();
        try {
            return withMailLoader(() -> {
                SMTPTransport transport = new SMTPTransport(session, new URLName("smtp", account.smtpHost(), account.smtpPort(), null, account.address(), null));
                if (account.auth() == AuthMethod.CERTIFICATE) {
                    transport.connect(account.smtpHost(), account.smtpPort(), null, null);
                } else {
                    transport.connect(account.smtpHost(), account.smtpPort(), account.address(), token);
                }
                return transport;
            });
        } catch (Exception e) {
            throw translate(e, "SMTP", account.smtpHost(), account.smtpPort(), token);
        }
    }

    /** A French, user-facing translation of a connection failure. */
    MssException translate(Exception e, String protocol, String host, int port, String token) {
        if (e instanceof MssException m) {
            return m;
        }
        if (e instanceof AuthenticationFailedException) {
            if (account.auth() == AuthMethod.CERTIFICATE) {
                return new MssException(Kind.AUTHENTICATION, Messages.get("conn.authCertificate", account.address()), e);
            }
            if (tokens != null && token != null) {
                tokens.rejected(account.address(), token);
            }
            return new MssException(Kind.AUTHENTICATION, Messages.get("conn.auth", account.address(), String.valueOf(e.getMessage()).strip()), e);
        }
        String hostPort = host + ":" + port;
        String text = String.valueOf(e.getMessage());
        // a certificate refused during the STARTTLS upgrade is reported as such, not as a missing STARTTLS
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SSLPeerUnverifiedException || (t instanceof CertificateException && String.valueOf(t.getMessage()).contains("No subject alternative"))
                    || (t instanceof java.io.IOException && String.valueOf(t.getMessage()).contains("server's identity"))) {
                return new MssException(Kind.TLS, Messages.get("conn.tlsHostname", protocol, host), e);
            }
            if (t instanceof CertificateException || (t instanceof SSLHandshakeException && String.valueOf(t.getMessage()).contains("PKIX"))) {
                return new MssException(Kind.TLS, Messages.get("conn.tlsCertificate", protocol, hostPort), e);
            }
        }
        if (text.contains("STARTTLS")) {
            return new MssException(Kind.TLS, Messages.get("conn.starttls", protocol, hostPort), e);
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnknownHostException) {
                return new MssException(Kind.CONNECTION, Messages.get("conn.unknownHost", host), e);
            }
            if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
                return new MssException(Kind.CONNECTION, Messages.get("conn.refused", protocol, host, String.valueOf(port)), e);
            }
            if (t instanceof SocketTimeoutException) {
                return new MssException(Kind.CONNECTION, Messages.get("conn.timeout", protocol, host, String.valueOf(port)), e);
            }
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SSLException) {
                return new MssException(Kind.TLS, Messages.get("conn.tls", protocol, hostPort, t.getMessage()), e);
            }
        }
        return new MssException(Kind.CONNECTION, Messages.get("conn.other", protocol, hostPort, text), e);
    }
}
