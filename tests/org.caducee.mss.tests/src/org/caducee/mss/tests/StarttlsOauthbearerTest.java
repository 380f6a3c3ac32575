package org.caducee.mss.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.caducee.mss.AccessTokenSupplier;
import org.caducee.mss.MssAccount;
import org.caducee.mss.MssAccount.AuthMethod;
import org.caducee.mss.MssAccount.TransportSecurity;
import org.caducee.mss.MssException;
import org.caducee.mss.MssSender;
import org.caducee.mss.internal.MailConnector;
import org.caducee.mss.internal.TlsMaterial;
import org.caducee.sandbox.SandboxPki;
import org.caducee.testing.Osgi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.FrameworkUtil;

/** STARTTLS and SASL OAUTHBEARER, which the GreenMail-based sandbox cannot exercise, against a minimal IMAP peer. */
class StarttlsOauthbearerTest {

    private SandboxPki pki;

    @BeforeEach
    void setUp() {
        pki = Osgi.await(FrameworkUtil.getBundle(MssSender.class).getBundleContext(), SandboxPki.class, Duration.ofSeconds(60));
    }

    private MailConnector connector(int port, String token) throws MssException {
        MssAccount account = new MssAccount("sophie.durand@demo.mssante.caducee.fr", "localhost", port, "localhost", 587, TransportSecurity.STARTTLS,
                AuthMethod.OAUTHBEARER);
        AccessTokenSupplier tokens = address -> token;
        return new MailConnector(account, TlsMaterial.load(pki.trustStorePath(), pki.trustStorePassword(), null, null), tokens, 10_000);
    }

    @Test
    void theClientUpgradesWithStarttlsThenAuthenticatesWithOauthbearer() throws Exception {
        try (TinyImapServer server = new TinyImapServer(pki.serverSslContext(), true, "jeton-psc-valide")) {
            try (var store = connector(server.port(), "jeton-psc-valide").openStore()) {
                assertThat(store.isConnected()).isTrue();
            }
            assertThat(server.seen).anyMatch(l -> l.endsWith("STARTTLS"));
            assertThat(server.seen).anyMatch(l -> l.startsWith("SASL OAUTHBEARER n,a=sophie.durand@demo.mssante.caducee.fr,^Ahost=localhost^A"));
            int starttls = indexOf(server, "STARTTLS");
            int auth = indexOf(server, "AUTHENTICATE");
            assertThat(starttls).isLessThan(auth);
        }
    }

    @Test
    void aServerWithoutStarttlsIsRefusedBeforeAnyCredentialIsSent() throws Exception {
        try (TinyImapServer server = new TinyImapServer(pki.serverSslContext(), false, "jeton-psc-valide")) {
            assertThatThrownBy(() -> connector(server.port(), "jeton-psc-valide").openStore()).isInstanceOfSatisfying(MssException.class, e -> {
                assertThat(e.kind()).isEqualTo(MssException.Kind.TLS);
                assertThat(e.getMessage()).contains("STARTTLS").contains("en clair est refusée");
            });
            assertThat(server.seen).noneMatch(l -> l.contains("AUTHENTICATE") || l.startsWith("SASL"));
        }
    }

    @Test
    void aRefusedOauthbearerTokenGivesTheAuthenticationMessage() throws Exception {
        try (TinyImapServer server = new TinyImapServer(pki.serverSslContext(), true, "jeton-psc-valide")) {
            assertThatThrownBy(() -> connector(server.port(), "jeton-perime").openStore()).isInstanceOfSatisfying(MssException.class,
                    e -> assertThat(e.kind()).isEqualTo(MssException.Kind.AUTHENTICATION));
        }
    }

    private static int indexOf(TinyImapServer server, String word) {
        for (int i = 0; i < server.seen.size(); i++) {
            if (server.seen.get(i).contains(word)) {
                return i;
            }
        }
        return -1;
    }
}
