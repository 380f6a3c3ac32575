package org.caducee.mss.internal;

import java.nio.charset.StandardCharsets;
import java.security.Provider;
import java.security.Security;
import java.util.Map;

import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.sasl.SaslClient;
import javax.security.sasl.SaslClientFactory;
import javax.security.sasl.SaslException;

/**
 * SASL OAUTHBEARER client (RFC 7628) for the Angus IMAP and SMTP SASL authenticators: the user name comes from the
 * {@link NameCallback}, the access token from the {@link PasswordCallback}. On an error challenge (JSON status) it
 * answers the single {@code ^A} the RFC requires, so that the server ends the exchange with a failure.
 */
public final class OAuthBearerSasl implements SaslClient {

    public static final String MECHANISM = "OAUTHBEARER";
    private static final String PROVIDER = "Caducee-OAUTHBEARER";

    private final CallbackHandler callbacks;
    private final String host;
    private final int port;
    private boolean complete;
    private boolean initialSent;

    OAuthBearerSasl(CallbackHandler callbacks, String host, int port) {
        this.callbacks = callbacks;
        this.host = host;
        this.port = port;
    }

    /** Makes the mechanism known to {@link javax.security.sasl.Sasl} (once per JVM; harmless if already there). */
    public static synchronized void register() {
        if (Security.getProvider(PROVIDER) == null) {
            Security.addProvider(new MechanismProvider());
        }
    }

    /** The client first message: {@code n,a=<user>,^Ahost=…^Aport=…^Aauth=Bearer <token>^A^A}. */
    public static byte[] initialResponse(String user, String token, String host, int port) {
        String gs2 = "n,a=" + user.replace("=", "=3D").replace(",", "=2C") + ",";
        String msg = gs2 + "\u0001host=" + host + "\u0001port=" + port + "\u0001auth=Bearer " + token + "\u0001\u0001";
        return msg.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String getMechanismName() {
        return MECHANISM;
    }

    @Override
    public boolean hasInitialResponse() {
        return true;
    }

    @Override
    public byte[] evaluateChallenge(byte[] challenge) throws SaslException {
        if (!initialSent) {
            initialSent = true;
            NameCallback name = new NameCallback("user");
            PasswordCallback password = new PasswordCallback("token", false);
            try {
                callbacks.handle(new Callback[] { name, password });
            } catch (Exception e) {
                throw new SaslException("OAUTHBEARER: " + e.getMessage(), e);
            }
            String token = password.getPassword() == null ? "" : new String(password.getPassword());
            String user = name.getName() == null ? name.getDefaultName() : name.getName();
            return initialResponse(user == null ? "" : user, token, host, port);
        }
        complete = true;
        return new byte[] { 1 };
    }

    @Override
    public boolean isComplete() {
        return complete || initialSent;
    }

    @Override
    public byte[] unwrap(byte[] incoming, int offset, int len) {
        throw new IllegalStateException("OAUTHBEARER n’offre pas de couche de sécurité");
    }

    @Override
    public byte[] wrap(byte[] outgoing, int offset, int len) {
        throw new IllegalStateException("OAUTHBEARER n’offre pas de couche de sécurité");
    }

    @Override
    public Object getNegotiatedProperty(String propName) {
        return null;
    }

    @Override
    public void dispose() {
    }

    /** The factory registered with the JCA provider. */
    public static final class Factory implements SaslClientFactory {

        @Override
        public SaslClient createSaslClient(String[] mechanisms, String authorizationId, String protocol, String serverName,
                Map<String, ?> props, CallbackHandler cbh) {
            for (String m : mechanisms) {
                if (MECHANISM.equalsIgnoreCase(m)) {
                    Object port = props == null ? null : props.get("caducee.sasl.port");
                    return new OAuthBearerSasl(cbh, serverName, port instanceof Integer p ? p : 0);
                }
            }
            return null;
        }

        @Override
        public String[] getMechanismNames(Map<String, ?> props) {
            return new String[] { MECHANISM };
        }
    }

    private static final class MechanismProvider extends Provider {

        private static final long serialVersionUID = 1L;

        MechanismProvider() {
            super(PROVIDER, "1.0", "SASL OAUTHBEARER (RFC 7628) pour MSSanté");
            putService(new Provider.Service(this, "SaslClientFactory", MECHANISM, Factory.class.getName(), null, null) {
                @Override
                public Object newInstance(Object constructorParameter) {
                    return new Factory();
                }
            });
        }
    }
}
