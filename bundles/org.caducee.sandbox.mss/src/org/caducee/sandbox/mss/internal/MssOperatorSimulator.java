package org.caducee.sandbox.mss.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.caducee.mss.AccessTokenSupplier;
import org.caducee.mss.MssAccount;
import org.caducee.mss.MssAccount.AuthMethod;
import org.caducee.mss.MssAccount.TransportSecurity;
import org.caducee.mss.MssAccountProvider;
import org.caducee.mss.MssException;
import org.caducee.mss.MailRuntime;
import org.caducee.sandbox.DemoPractice;
import org.caducee.sandbox.SandboxPki;
import org.caducee.sandbox.Simulator;
import org.caducee.sandbox.SimulatorContext;
import org.caducee.sandbox.mss.CorrespondentMessage;
import org.caducee.sandbox.mss.SandboxMssOperator;
import org.caducee.sandbox.psc.PscProvider;
import org.caducee.sandbox.psc.SandboxPsc;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.user.UserImpl;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/**
 * The sandbox MSSanté operator on GreenMail: IMAPS and SMTPS on loopback with the test PKI's server certificate,
 * mailboxes opened with SASL XOAUTH2 and an access token of the sandbox Pro Santé Connect provider, which the
 * operator checks as a real one does: introspection at the provider (active token, not revoked here, of the
 * professional holding the mailbox), through GreenMail's token validator hook. The demo doctor holds her mailbox; the
 * second demo doctor plays the correspondents (robot, PDF-only correspondent, error mailbox).
 * It is also the {@link MssAccountProvider} and {@link AccessTokenSupplier} of the sandbox installation (it asks the
 * provider for the holder's token, as the PSC session would), so the client is configured exactly as for a real
 * operator.
 * <p>
 * GreenMail reads its TLS key store from JVM-wide system properties ({@code greenmail.tls.keystore.*}); they are set
 * to the sandbox server key store, which is acceptable in a sandbox process only.
 */
@Component(service = { Simulator.class, SandboxMssOperator.class, MssAccountProvider.class, AccessTokenSupplier.class },
        property = "service.ranking:Integer=100")
public class MssOperatorSimulator implements Simulator, SandboxMssOperator, MssAccountProvider, AccessTokenSupplier {

    private static final SecureRandom RANDOM = new SecureRandom();
    /** A token handed out is renewed after this age (the provider's tokens live five minutes). */
    private static final Duration TOKEN_REUSE = Duration.ofMinutes(4);

    private record Issued(String token, Instant at) {
    }

    private final Map<String, Issued> tokens = new ConcurrentHashMap<>();
    private final Set<String> revoked = ConcurrentHashMap.newKeySet();
    private volatile SandboxPsc psc;
    private volatile TokenIntrospection introspection;
    private volatile GreenMail mail;
    private volatile SandboxPki pki;
    private volatile URI endpoint;
    private volatile URI directory;
    private volatile Path extract;
    private final DirectoryEndpoint directoryEndpoint = new DirectoryEndpoint();

    @Override
    public String name() {
        return "mss";
    }

    @Override
    public String description() {
        return Messages.get("description");
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    public void setPsc(SandboxPsc psc) {
        this.psc = psc;
    }

    public void unsetPsc(SandboxPsc psc) {
        if (this.psc == psc) {
            this.psc = null;
        }
    }

    @Override
    public synchronized URI start(SimulatorContext context) throws Exception {
        stop();
        SandboxPki p = context.pki();
        System.setProperty("greenmail.tls.keystore.file", p.keyStorePath(SandboxPki.Credential.SERVER).toString());
        System.setProperty("greenmail.tls.keystore.password", p.keyStorePassword());
        System.setProperty("greenmail.tls.key.password", p.keyStorePassword());
        String host = context.address().getHostAddress();
        ServerSetup imaps = new ServerSetup(context.port(), host, ServerSetup.PROTOCOL_IMAPS);
        ServerSetup smtps = new ServerSetup(0, host, ServerSetup.PROTOCOL_SMTPS);
        GreenMail g = new GreenMail(new ServerSetup[] { imaps, smtps });
        g.start();
        introspection = new TokenIntrospection(p.trustStore());
        for (String box : mailboxes()) {
            GreenMailUser user = g.setUser(box, box, token());
            ((UserImpl) user).setTokenValidator(token -> holds(box, token));
        }
        mail = g;
        pki = p;
        tokens.clear();
        revoked.clear();
        directory = directoryEndpoint.start(new java.net.InetSocketAddress(context.address(), 0), p.serverSslContext());
        try {
            extract = DirectoryEndpoint.writeExtract(context.workDir(), java.time.LocalDateTime.now());
        } catch (java.io.IOException e) {
            extract = null; // the offline directory stays empty; the FHIR endpoint still answers
        }
        endpoint = URI.create("imaps://localhost:" + imapPort());
        return endpoint;
    }

    @Override
    public synchronized void stop() {
        GreenMail g = mail;
        mail = null;
        endpoint = null;
        directory = null;
        directoryEndpoint.stop();
        if (g != null) {
            g.stop();
        }
    }

    @Override
    public Optional<URI> endpoint() {
        return Optional.ofNullable(endpoint);
    }

    @Override
    public List<String> mailboxes() {
        return List.of(DOCTOR, ROBOT, PDF_ONLY_CORRESPONDENT, ERROR_MAILBOX);
    }

    private GreenMail running() {
        GreenMail g = mail;
        if (g == null) {
            throw new IllegalStateException(Messages.get("notStarted"));
        }
        return g;
    }

    private static String token() {
        byte[] b = new byte[24];
        RANDOM.nextBytes(b);
        return "sbx." + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** National id of the professional who may open the mailbox. */
    private static String holder(String mailbox, SandboxPsc p) {
        return DOCTOR.equalsIgnoreCase(mailbox) ? p.doctorNationalId() : "8" + DemoPractice.SECOND_DOCTOR_RPPS;
    }

    /** GreenMail's token check: introspection at the PSC provider, then the holder of the mailbox. */
    private boolean holds(String mailbox, String token) {
        SandboxPsc p = psc;
        TokenIntrospection check = introspection;
        if (p == null || check == null || token == null || revoked.contains(token)) {
            return false;
        }
        PscProvider provider = p.provider().orElse(null);
        if (provider == null) {
            return false;
        }
        URI endpoint = URI.create(provider.issuer() + "/protocol/openid-connect/token/introspect");
        return check.holder(endpoint, provider.clientId(), provider.clientSecret(), token).filter(holder(mailbox, p)::equals).isPresent();
    }

    @Override
    public String issueToken(String address) {
        if (running().getUserManager().getUserByEmail(address) == null) {
            throw new IllegalArgumentException(Messages.get("unknownMailbox", address));
        }
        SandboxPsc p = psc;
        PscProvider provider = p == null ? null : p.provider().orElse(null);
        if (provider == null) {
            throw new IllegalStateException(Messages.get("noPsc"));
        }
        String t = provider.issueAccessToken(holder(address, p), null);
        tokens.put(address.toLowerCase(java.util.Locale.ROOT), new Issued(t, Instant.now()));
        return t;
    }

    @Override
    public void revokeTokens(String address) {
        Issued i = tokens.remove(address.toLowerCase(java.util.Locale.ROOT));
        if (i != null) {
            revoked.add(i.token());
        }
    }

    @Override
    public int imapPort() {
        GreenMail g = mail;
        return g == null ? 0 : g.getImaps().getPort();
    }

    @Override
    public int smtpPort() {
        GreenMail g = mail;
        return g == null ? 0 : g.getSmtps().getPort();
    }

    @Override
    public void deliver(String address, byte[] rawMessage) {
        GreenMailUser user = running().getUserManager().getUserByEmail(address);
        try {
            MailRuntime.call(() -> {
                user.deliver(new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(rawMessage)));
                return null;
            });
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    @Override
    public List<byte[]> inbox(String address) {
        for (int attempt = 0;; attempt++) {
            try {
                return snapshot(address);
            } catch (java.util.ConcurrentModificationException e) {
                // GreenMail's store is being written by a delivery: read again
                if (attempt > 50) {
                    throw e;
                }
                Thread.onSpinWait();
            }
        }
    }

    private List<byte[]> snapshot(String address) {
        GreenMail g = running();
        List<byte[]> out = new ArrayList<>();
        g.findReceivedMessages(u -> u.getEmail().equalsIgnoreCase(address), m -> true).forEach(m -> {
            try {
                out.add(MailRuntime.call(() -> {
                    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                    m.writeTo(bytes);
                    return bytes.toByteArray();
                }));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        return out;
    }

    @Override
    public List<String> sendExamples(Path examplesDir) {
        List<String> ids = new ArrayList<>();
        List<Path> dirs;
        try (Stream<Path> s = Files.list(examplesDir)) {
            dirs = s.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        for (Path dir : dirs) {
            Path zip = dir.resolve("IHE_XDM.ZIP");
            if (!Files.isRegularFile(zip)) {
                continue;
            }
            try {
                byte[] content = Files.readAllBytes(zip);
                byte[] raw = MailRuntime.call(() -> exampleMessage(dir.getFileName().toString(), content));
                ids.add(MailRuntime.call(() -> new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw)).getMessageID()));
                deliver(DOCTOR, raw);
            } catch (Exception e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }
        return ids;
    }

    @Override
    public String sendPatientMessage(String insMatricule, String text) {
        try {
            byte[] raw = MailRuntime.call(() -> {
                MimeMessage m = new MimeMessage(Session.getInstance(new Properties()));
                m.setFrom(new InternetAddress(insMatricule + "@patient.mssante.fr"));
                m.setRecipient(Message.RecipientType.TO, new InternetAddress(DOCTOR));
                m.setSubject(Messages.get("patientSubject"), "UTF-8");
                m.setSentDate(new Date());
                m.setText(text, "UTF-8");
                m.saveChanges();
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                m.writeTo(out);
                return out.toByteArray();
            });
            deliver(DOCTOR, raw);
            return MailRuntime.call(() -> new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw)).getMessageID());
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** A message as the robot's software sends it: subject, statistics headers, IHE_XDM.zip. */
    static byte[] exampleMessage(String label, byte[] zip) throws Exception {
        return CorrespondentMessage.withXdm(new InternetAddress(ROBOT, "Laboratoire_Robot_DEMO", "UTF-8"), DOCTOR, label, zip,
                Messages.get("exampleBody", label), "ROBOT-SANDBOX");
    }

    // --- MssAccountProvider: the sandbox installation's mailbox is the demo doctor's

    @Override
    public MssAccount account() {
        return new MssAccount(DOCTOR, "localhost", imapPort() == 0 ? 993 : imapPort(), "localhost", smtpPort() == 0 ? 465 : smtpPort(),
                TransportSecurity.IMPLICIT_TLS, AuthMethod.XOAUTH2);
    }

    @Override
    public Optional<Path> trustStore() {
        SandboxPki p = pki;
        return p == null ? Optional.empty() : Optional.of(p.trustStorePath());
    }

    @Override
    public Optional<URI> directoryUrl() {
        return Optional.ofNullable(directory);
    }

    @Override
    public Optional<Path> directoryExtract() {
        return Optional.ofNullable(extract);
    }

    @Override
    public Optional<String> directoryApiKey() {
        return Optional.of("cle-demo-bac-a-sable");
    }

    @Override
    public Optional<String> trustStorePassword() {
        SandboxPki p = pki;
        return p == null ? Optional.empty() : Optional.of(p.trustStorePassword());
    }

    // --- AccessTokenSupplier: plays Pro Santé Connect for the sandbox mailboxes

    @Override
    public String accessToken(String address) throws MssException {
        if (mail == null) {
            throw new MssException(MssException.Kind.AUTHENTICATION, Messages.get("notStarted"));
        }
        Issued i = tokens.get(address.toLowerCase(java.util.Locale.ROOT));
        if (i != null && i.at().plus(TOKEN_REUSE).isAfter(Instant.now())) {
            return i.token();
        }
        try {
            return issueToken(address);
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw new MssException(MssException.Kind.AUTHENTICATION, e.getMessage(), e);
        }
    }

    @Override
    public void rejected(String address, String token) {
        tokens.computeIfPresent(address.toLowerCase(java.util.Locale.ROOT), (k, v) -> v.token().equals(token) ? null : v);
    }
}
