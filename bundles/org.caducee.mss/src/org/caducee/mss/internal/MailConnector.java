package org.caducee.mss.internal;

import java.io.InputStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

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
import org.eclipse.angus.mail.iap.ProtocolException;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.eclipse.angus.mail.imap.protocol.IMAPProtocol;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
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
        SSLSocketFactory factory = tls.context(account.auth() == AuthMethod.CERTIFICATE, account.address()).getSocketFactory();
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
                // SASL EXTERNAL (RFC 4422 appendix A, the JDK's client): the identity is the certificate; the mailbox
                // is the authorisation identity, so a structure never silently opens a mailbox other than the one asked
                p.put(prefix + "sasl.enable", "true");
                p.put(prefix + "sasl.mechanisms", "EXTERNAL");
                p.put(prefix + "sasl.authorizationid", account.address());
                p.put(prefix + "auth.mechanisms", "EXTERNAL");
                for (String other : List.of("login", "plain", "ntlm", "xoauth2")) {
                    p.put(prefix + "auth." + other + ".disable", "true");
                }
            } else {
                // no SASL on submission: the server authorises the sender address from the certificate itself
                // (Postfix cannot hand the certificate to its SASL service; see ADR 0015)
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
                URLName url = new URLName("imap", account.imapHost(), account.imapPort(), null, account.address(), null);
                IMAPStore store = account.auth() == AuthMethod.CERTIFICATE ? new ExternalOnlyStore(session, url) : new IMAPStore(session, url);
                store.connect(account.imapHost(), account.imapPort(), account.address(), token);
                return store;
            });
        } catch (Exception e) {
            throw translate(e, "IMAP", account.imapHost(), account.imapPort(), token);
        }
    }

    /**
     * The IMAP store of a mailbox opened with the structure's certificate: when the server does not offer SASL EXTERNAL
     * after STARTTLS, it stops there, instead of Angus' last resort, a LOGIN command with the mailbox and an empty
     * password.
     */
    private static final class ExternalOnlyStore extends IMAPStore {

        ExternalOnlyStore(Session session, URLName url) {
            super(session, url);
        }

        @Override
        protected void preLogin(IMAPProtocol p) throws ProtocolException {
            if (!p.hasCapability("AUTH=EXTERNAL")) {
                throw new ProtocolException(NO_EXTERNAL);
            }
        }
    }

    private static final String NO_EXTERNAL = "AUTH=EXTERNAL absent";

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
                // a server closing the session right after STARTTLS (Postfix refusing the client certificate answers
                // the next EHLO with 421) leaves Angus "connected" on a dead session: report the server's reply
                if (transport.getLastReturnCode() == 421) {
                    String reply = transport.getLastServerResponse();
                    transport.close();
                    throw new MessagingException(reply);
                }
                return transport;
            });
        } catch (Exception e) {
            throw translate(e, "SMTP", account.smtpHost(), account.smtpPort(), token);
        }
    }

    /**
     * A refusal of the structure's certificate, told apart from other failures: IMAP {@code NO [AUTHORIZATIONFAILED]}
     * (the certificate is valid but its structure does not own the mailbox), other authentication failures, a TLS alert
     * about the client certificate, or a security status ({@code x.7.x}, RFC 3463) closing the session right after
     * STARTTLS. Null when the failure is something else.
     */
    private MssException certificateRefusal(Exception e, String protocol, String host, int port) {
        String text = String.valueOf(e.getMessage()).strip();
        if (e instanceof AuthenticationFailedException) {
            if (text.contains("No login methods")) {
                return new MssException(Kind.AUTHENTICATION, Messages.get("conn.noExternal", protocol, host + ":" + port, account.address()), e);
            }
            String key = text.contains("[AUTHORIZATIONFAILED]") ? "conn.certOtherStructure" : "conn.authCertificate";
            return new MssException(Kind.AUTHENTICATION, Messages.get(key, account.address(), tls.clientCertificateLabel(), text), e);
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage());
            if (m.contains(NO_EXTERNAL)) {
                return new MssException(Kind.AUTHENTICATION, Messages.get("conn.noExternal", protocol, host + ":" + port, account.address()), e);
            }
            boolean alert = t instanceof SSLException && m.contains("Received fatal alert")
                    && (m.contains("certificate") || m.contains("unknown_ca") || m.contains("access_denied"));
            if (alert || SECURITY_STATUS.matcher(m).find()) {
                return new MssException(Kind.AUTHENTICATION, Messages.get("conn.authCertificate", account.address(), tls.clientCertificateLabel(), m.strip()), e);
            }
        }
        return null;
    }

    /** An SMTP reply with an enhanced status code of the security or policy class ({@code 4.7.x}, {@code 5.7.x}). */
    private static final Pattern SECURITY_STATUS = Pattern.compile("\\b[45]\\.7\\.\\d{1,3}\\b");

    /**
     * The French message for a message refused at submission. With the structure's certificate, a sender address
     * refused for a security reason ({@code 5.7.x} at {@code MAIL FROM}) means the certificate belongs to another
     * structure than the mailbox: an {@link Kind#AUTHENTICATION} failure, to be fixed in the settings; anything else is
     * a refusal of the message ({@link Kind#REFUSED}).
     */
    public MssException refusal(String messageId, SendFailedException e) {
        if (account.auth() == AuthMethod.CERTIFICATE) {
            for (Exception x = e; x instanceof MessagingException m; x = m.getNextException()) {
                boolean sender = x instanceof SMTPSenderFailedException
                        || (x instanceof SMTPSendFailedException f && String.valueOf(f.getCommand()).toUpperCase(Locale.ROOT).startsWith("MAIL FROM"));
                if (sender && SECURITY_STATUS.matcher(String.valueOf(x.getMessage())).find()) {
                    return new MssException(Kind.AUTHENTICATION, Messages.get("conn.certOtherStructure", account.address(), tls.clientCertificateLabel(),
                            String.valueOf(x.getMessage()).strip()), e);
                }
            }
        }
        return new MssException(Kind.REFUSED, Messages.get("send.refused", messageId, e.getMessage()), e);
    }

    /** A French, user-facing translation of a connection failure. */
    MssException translate(Exception e, String protocol, String host, int port, String token) {
        if (e instanceof MssException m) {
            return m;
        }
        if (account.auth() == AuthMethod.CERTIFICATE) {
            MssException refused = certificateRefusal(e, protocol, host, port);
            if (refused != null) {
                return refused;
            }
        }
        if (e instanceof AuthenticationFailedException) {
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
