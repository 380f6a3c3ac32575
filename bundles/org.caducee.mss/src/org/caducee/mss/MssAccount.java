package org.caducee.mss;

import java.util.Objects;

/**
 * How to reach one MSSanté mailbox: the address, the IMAP and SMTP submission servers of its operator, how the TLS
 * channel is opened and how the client authenticates. Built from the settings, or discovered from the address by
 * {@link MssAutoConfiguration}.
 */
public record MssAccount(String address, String imapHost, int imapPort, String smtpHost, int smtpPort, TransportSecurity security,
        AuthMethod auth) {

    /** How the TLS channel is opened. Plain text is never offered. */
    public enum TransportSecurity {
        /** TLS from the first byte (IMAPS 993, SMTPS 465). */
        IMPLICIT_TLS,
        /** Plain connection upgraded by STARTTLS before anything else (IMAP 143, submission 587); the upgrade is required. */
        STARTTLS
    }

    /** How the client proves who it is. */
    public enum AuthMethod {
        /** SASL OAUTHBEARER (RFC 7628) with the Pro Santé Connect access token (personal mailbox). */
        OAUTHBEARER,
        /** SASL XOAUTH2 with the Pro Santé Connect access token (personal mailbox). */
        XOAUTH2,
        /** Mutual TLS with the structure's IGC Santé certificate (organisational or applicative mailbox). */
        CERTIFICATE
    }

    public MssAccount {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(imapHost, "imapHost");
        Objects.requireNonNull(smtpHost, "smtpHost");
        Objects.requireNonNull(security, "security");
        Objects.requireNonNull(auth, "auth");
        if (imapPort <= 0 || imapPort > 65535 || smtpPort <= 0 || smtpPort > 65535) {
            throw new IllegalArgumentException("port invalide");
        }
    }

    /** The domain of the address (after the {@code @}). */
    public String domain() {
        return address.substring(address.indexOf('@') + 1).toLowerCase(java.util.Locale.ROOT);
    }
}
